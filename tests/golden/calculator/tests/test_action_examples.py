"""Actions: every example from the spec, run against its endpoint."""
import pytest

# (method, path, input, expected output)
EXAMPLES = [
    ("POST", "/calc/add", {"a": 1, "b": 2}, {"result": 3}),
    ("POST", "/calc/add", {"a": -1.5, "b": 0.5}, {"result": -1}),
    ("GET", "/calc/divide", {"a": 7, "b": 2}, {"quotient": 3, "remainder": 1}),
    ("GET", "/greet", {}, {"message": "Hello, world!"}),
    ("GET", "/greet", {"who": "Ada"}, {"message": "Hello, Ada!"}),
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
