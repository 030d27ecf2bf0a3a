"""Actions: every example from the spec, run against its endpoint."""
import pytest

# (method, path, input, expected output)
EXAMPLES = [
    ("GET", "/tools/import", {"a": 2, "offset": 3}, {"total": 5}),
    ("GET", "/tools/import", {"a": 7}, {"total": 7}),
]

# Actions whose code is still to be written answer 501.
UNIMPLEMENTED = [
    ("POST", "/tools/later"),
]


def call(client, method, path, data, headers):
    # GET and DELETE actions take their inputs as query parameters, the others a JSON body.
    if method in ("GET", "DELETE"):
        return client.request(method, path, params=data, headers=headers)
    return client.request(method, path, json=data, headers=headers)


def assert_matches(actual, expected):
    for key, value in expected.items():
        if isinstance(value, float):
            assert actual[key] == pytest.approx(value), key
        else:
            assert actual[key] == value, key


@pytest.mark.parametrize("method, path, given, expected", EXAMPLES)
def test_example(client, headers, method, path, given, expected):
    response = call(client, method, path, given, headers)
    assert response.status_code == 200, response.text
    assert_matches(response.json(), expected)


@pytest.mark.parametrize("method, path", UNIMPLEMENTED)
def test_unimplemented(client, headers, method, path):
    assert call(client, method, path, {}, headers).status_code in (422, 501)
