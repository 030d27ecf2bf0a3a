"""Actions: every example from the spec, run against its endpoint."""
import pytest

# (method, path, input, expected output)
EXAMPLES = [
{{#EXAMPLES}}    ({{METHOD_PY}}, {{PATH_PY}}, {{INPUT_PY}}, {{OUTPUT_PY}}),
{{/EXAMPLES}}]
{{#HAS_UNIMPLEMENTED}}
# Actions whose code is still to be written answer 501.
UNIMPLEMENTED = [
{{#UNIMPLEMENTED}}    ({{METHOD_PY}}, {{PATH_PY}}),
{{/UNIMPLEMENTED}}]
{{/HAS_UNIMPLEMENTED}}

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
{{#HAS_EXAMPLES}}

@pytest.mark.parametrize("method, path, given, expected", EXAMPLES)
def test_example(client, headers, method, path, given, expected):
    response = call(client, method, path, given, headers)
    assert response.status_code == 200, response.text
    assert_matches(response.json(), expected)
{{/HAS_EXAMPLES}}{{#HAS_UNIMPLEMENTED}}

@pytest.mark.parametrize("method, path", UNIMPLEMENTED)
def test_unimplemented(client, headers, method, path):
    assert call(client, method, path, {}, headers).status_code in (422, 501)
{{/HAS_UNIMPLEMENTED}}
