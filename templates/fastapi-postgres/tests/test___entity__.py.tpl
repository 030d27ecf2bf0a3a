"""/{{PLURAL}}: create, read, list, update, delete, validation{{#OWNED}} and ownership{{/OWNED}}."""
{{#NEEDS_PYTEST}}import pytest

{{/NEEDS_PYTEST}}from tests.factories import {{TEST_IMPORTS}}

URL = "/{{PLURAL}}"


def test_create_and_read(client, headers):
    created = create_{{SNAKE}}(client, headers)
    response = client.get(f"{URL}/{created['id']}", headers=headers)
    assert response.status_code == 200
    assert response.json() == created


def test_list_paginates_and_sorts(client, headers):
    first = create_{{SNAKE}}(client, headers)
    second = create_{{SNAKE}}(client, headers)
    response = client.get(URL, params={"sort": "-id", "limit": 100}, headers=headers)
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()]
    assert ids == sorted(ids, reverse=True)
    assert {first["id"], second["id"]} <= set(ids)
    page = client.get(URL, params={"limit": 1, "offset": 1}, headers=headers)
    assert page.status_code == 200
    assert len(page.json()) == 1
    assert client.get(URL, params={"sort": "no_such_field"}, headers=headers).status_code == 422
    assert client.get(URL, params={"limit": 101}, headers=headers).status_code == 422
{{#FILTER_TEST}}

def test_list_filters_by_{{ATTR}}(client, headers):
    created = create_{{SNAKE}}(client, headers)
    key = {{FNAME_PY}}
    response = client.get(URL, params={key: created[key], "limit": 100, "sort": "-id"},
                          headers=headers)
    assert response.status_code == 200
    assert created["id"] in [item["id"] for item in response.json()]
    assert all(item[key] == created[key] for item in response.json())
{{/FILTER_TEST}}

def test_update_changes_only_what_is_sent(client, headers):
    created = create_{{SNAKE}}(client, headers)
{{#PATCH_TEST}}    key = {{FNAME_PY}}
    changes = {key: {{SNAKE}}_payload(client, headers)[key]}
{{/PATCH_TEST}}{{#PATCH_EMPTY}}    key = None
    changes = {}
{{/PATCH_EMPTY}}    response = client.patch(f"{URL}/{created['id']}", json=changes, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
{{#PATCH_TEST}}    assert body[key] == changes[key]
{{/PATCH_TEST}}    assert all(body[name] == created[name] for name in created if name not in (key, "updated_at"))
{{#NULL_TEST}}

def test_update_refuses_null_for_required_{{ATTR}}(client, headers):
    created = create_{{SNAKE}}(client, headers)
    key = {{FNAME_PY}}
    response = client.patch(f"{URL}/{created['id']}", json={key: None}, headers=headers)
    assert response.status_code == 422
{{/NULL_TEST}}

def test_delete(client, headers):
    created = create_{{SNAKE}}(client, headers)
    assert client.delete(f"{URL}/{created['id']}", headers=headers).status_code == 204
    assert client.get(f"{URL}/{created['id']}", headers=headers).status_code == 404


def test_missing_rows_are_404(client, headers):
    assert client.get(f"{URL}/999999999", headers=headers).status_code == 404
    assert client.patch(f"{URL}/999999999", json={}, headers=headers).status_code == 404
    assert client.delete(f"{URL}/999999999", headers=headers).status_code == 404
{{#HAS_REQUIRED}}

@pytest.mark.parametrize("field", [{{REQUIRED_LIST}}])
def test_create_requires(client, headers, field):
    payload = {{SNAKE}}_payload(client, headers)
    del payload[field]
    assert client.post(URL, json=payload, headers=headers).status_code == 422
{{/HAS_REQUIRED}}{{#HAS_INVALID}}

@pytest.mark.parametrize(
    "field, value",
    [
{{#INVALID}}        ({{FNAME_PY}}, {{BAD_PY}}),
{{/INVALID}}    ],
)
def test_create_refuses_invalid_values(client, headers, field, value):
    payload = {{SNAKE}}_payload(client, headers)
    payload[field] = value
    assert client.post(URL, json=payload, headers=headers).status_code == 422
{{/HAS_INVALID}}{{#HAS_HOSTILE}}

# What hostile clients send: NUL and lone surrogates, non-finite and out-of-range numbers,
# times that leave the years 1 to 9999 in UTC, values of another JSON type (never coerced).
@pytest.mark.parametrize(
    "field, value",
    [
{{#HOSTILE}}        ({{FNAME_PY}}, {{BAD_PY}}),
{{/HOSTILE}}    ],
)
def test_create_and_update_refuse_hostile_values(client, headers, stored, field, value):
    payload = {{SNAKE}}_payload(client, headers)
    payload[field] = value
    assert client.post(URL, json=payload, headers=headers).status_code == 422
    response = client.patch(f"{URL}/{stored['id']}", json={field: value}, headers=headers)
    assert response.status_code == 422
    assert client.get(f"{URL}/{stored['id']}", headers=headers).json() == stored


@pytest.fixture(scope="module")
def stored(client, headers):
    """One row every hostile value is tried on: each refused update must leave it as it was."""
    return create_{{SNAKE}}(client, headers)
{{/HAS_HOSTILE}}

def test_bodies_must_be_objects_of_known_keys(client, headers):
    payload = {{SNAKE}}_payload(client, headers)
    pairs = [list(item) for item in payload.items()]
    assert client.post(URL, json=pairs, headers=headers).status_code == 422
    assert client.post(URL, json=dict(payload, no_such_key=1), headers=headers).status_code == 422


def test_ids_and_pages_out_of_range_are_422(client, headers):
    for item_id in ("100000000000000000000", "-1", "0", "1.5", "abc"):
        assert client.get(f"{URL}/{item_id}", headers=headers).status_code == 422
    for params in ({"offset": 10**20}, {"limit": 10**20}, {"sort": "a\x00"}):
        assert client.get(URL, params=params, headers=headers).status_code == 422
{{#UNIQUE}}

def test_duplicate_{{ATTR}}_is_409(client, headers):
{{#PLAIN_ROW}}    created = create_{{SNAKE}}(client, headers)
{{/PLAIN_ROW}}{{#WITH_PARENT}}    first = {{SNAKE}}_payload(client, headers)
    first[{{FNAME_PY}}] = create_{{PARENT}}(client, headers)["id"]
    created = client.post(URL, json=first, headers=headers).json()
{{/WITH_PARENT}}    payload = {{SNAKE}}_payload(client, headers)
    payload[{{FNAME_PY}}] = created[{{FNAME_PY}}]
    assert client.post(URL, json=payload, headers=headers).status_code == 409
{{#PER_OWNER}}

def test_{{ATTR}}_is_unique_per_owner(client, headers, other_headers):
    created = create_{{SNAKE}}(client, headers)
    payload = {{SNAKE}}_payload(client, other_headers)
    payload[{{FNAME_PY}}] = created[{{FNAME_PY}}]
    assert client.post(URL, json=payload, headers=other_headers).status_code == 201
{{/PER_OWNER}}{{/UNIQUE}}{{#REFS}}

def test_deleting_the_{{ATTR}}_target_{{ON_DELETE_VERB}}(client, headers):
    parent = create_{{REF_SNAKE}}(client, headers)
    payload = {{SNAKE}}_payload(client, headers)
    payload[{{FNAME_PY}}] = parent["id"]
    response = client.post(URL, json=payload, headers=headers)
    assert response.status_code == 201, response.text
    child = response.json()
    response = client.delete(f"/{{REF_PLURAL}}/{parent['id']}", headers=headers)
{{#CASCADE}}    assert response.status_code == 204
    assert client.get(f"{URL}/{child['id']}", headers=headers).status_code == 404
{{/CASCADE}}{{#SET_NULL}}    assert response.status_code == 204
    assert client.get(f"{URL}/{child['id']}", headers=headers).json()[{{FNAME_PY}}] is None
{{/SET_NULL}}{{#RESTRICT}}    assert response.status_code == 409
    assert client.get(f"{URL}/{child['id']}", headers=headers).status_code == 200
{{/RESTRICT}}{{/REFS}}{{#ANY_AUTH}}

# Access: {{ACCESS_MD}}.
# Each rule with no token, another user's token and the owner's.
def test_access_without_a_token(client, headers):
    created = create_{{SNAKE}}(client, headers)
    url = f"{URL}/{created['id']}"
{{#LIST_AUTH}}    assert client.get(URL).status_code == 401
{{/LIST_AUTH}}{{#LIST_PUBLIC}}    assert client.get(URL).status_code == 200
{{/LIST_PUBLIC}}{{#READ_AUTH}}    assert client.get(url).status_code == 401
{{/READ_AUTH}}{{#READ_PUBLIC}}    assert client.get(url).status_code == 200
{{/READ_PUBLIC}}{{#CREATE_AUTH}}    payload = {{SNAKE}}_payload(client, headers)
    assert client.post(URL, json=payload).status_code == 401
{{/CREATE_AUTH}}{{#UPDATE_AUTH}}    assert client.patch(url, json={}).status_code == 401
{{/UPDATE_AUTH}}{{#UPDATE_PUBLIC}}    assert client.patch(url, json={}).status_code == 200
{{/UPDATE_PUBLIC}}{{#DELETE_AUTH}}    assert client.delete(url).status_code == 401
{{/DELETE_AUTH}}{{#DELETE_PUBLIC}}    assert client.delete(url).status_code == 204
{{/DELETE_PUBLIC}}    assert client.get(url, headers=headers).status_code == {{#DELETE_PUBLIC}}404{{/DELETE_PUBLIC}}{{#DELETE_AUTH}}200{{/DELETE_AUTH}}


def test_access_with_another_users_token(client, headers, other_headers):
    created = create_{{SNAKE}}(client, headers)
    url = f"{URL}/{created['id']}"
    listed = client.get(URL, params={"limit": 100, "sort": "-id"}, headers=other_headers)
    assert listed.status_code == 200
{{#LIST_OWNER}}    assert created["id"] not in [item["id"] for item in listed.json()]
{{/LIST_OWNER}}{{#LIST_SHARED}}    assert created["id"] in [item["id"] for item in listed.json()]
{{/LIST_SHARED}}    assert client.get(url, headers=other_headers).status_code == {{#READ_OWNER}}404{{/READ_OWNER}}{{#READ_SHARED}}200{{/READ_SHARED}}
    assert client.patch(url, json={}, headers=other_headers).status_code == {{#UPDATE_OWNER}}404{{/UPDATE_OWNER}}{{#UPDATE_SHARED}}200{{/UPDATE_SHARED}}
    assert client.delete(url, headers=other_headers).status_code == {{#DELETE_OWNER}}404{{/DELETE_OWNER}}{{#DELETE_SHARED}}204{{/DELETE_SHARED}}


def test_access_with_the_owners_token(client, headers):
    created = create_{{SNAKE}}(client, headers)
    url = f"{URL}/{created['id']}"
    listed = client.get(URL, params={"limit": 100, "sort": "-id"}, headers=headers)
    assert created["id"] in [item["id"] for item in listed.json()]
    assert client.get(url, headers=headers).status_code == 200
    assert client.patch(url, json={}, headers=headers).status_code == 200
    assert client.delete(url, headers=headers).status_code == 204
{{/ANY_AUTH}}
