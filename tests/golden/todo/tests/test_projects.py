"""/projects: create, read, list, update, delete, validation and ownership."""
import pytest

from tests.factories import create_project, project_payload

URL = "/projects"


def test_create_and_read(client, headers):
    created = create_project(client, headers)
    response = client.get(f"{URL}/{created['id']}", headers=headers)
    assert response.status_code == 200
    assert response.json() == created


def test_list_paginates_and_sorts(client, headers):
    first = create_project(client, headers)
    second = create_project(client, headers)
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


def test_list_filters_by_name(client, headers):
    created = create_project(client, headers)
    key = "name"
    response = client.get(URL, params={key: created[key], "limit": 100, "sort": "-id"},
                          headers=headers)
    assert response.status_code == 200
    assert created["id"] in [item["id"] for item in response.json()]
    assert all(item[key] == created[key] for item in response.json())


def test_update_changes_only_what_is_sent(client, headers):
    created = create_project(client, headers)
    key = "name"
    changes = {key: project_payload(client, headers)[key]}
    response = client.patch(f"{URL}/{created['id']}", json=changes, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body[key] == changes[key]
    assert all(body[name] == created[name] for name in created if name not in (key, "updated_at"))


def test_update_refuses_null_for_required_name(client, headers):
    created = create_project(client, headers)
    key = "name"
    response = client.patch(f"{URL}/{created['id']}", json={key: None}, headers=headers)
    assert response.status_code == 422


def test_delete(client, headers):
    created = create_project(client, headers)
    assert client.delete(f"{URL}/{created['id']}", headers=headers).status_code == 204
    assert client.get(f"{URL}/{created['id']}", headers=headers).status_code == 404


def test_missing_rows_are_404(client, headers):
    assert client.get(f"{URL}/999999999", headers=headers).status_code == 404
    assert client.patch(f"{URL}/999999999", json={}, headers=headers).status_code == 404
    assert client.delete(f"{URL}/999999999", headers=headers).status_code == 404


@pytest.mark.parametrize("field", ["name"])
def test_create_requires(client, headers, field):
    payload = project_payload(client, headers)
    del payload[field]
    assert client.post(URL, json=payload, headers=headers).status_code == 422


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "x" * 121),
    ],
)
def test_create_refuses_invalid_values(client, headers, field, value):
    payload = project_payload(client, headers)
    payload[field] = value
    assert client.post(URL, json=payload, headers=headers).status_code == 422


# What hostile clients send: NUL and lone surrogates, non-finite and out-of-range numbers,
# times that leave the years 1 to 9999 in UTC, values of another JSON type (never coerced).
@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "a\x00b"),
        ("name", "\ud800"),
        ("name", 12),
        ("name", True),
    ],
)
def test_create_and_update_refuse_hostile_values(client, headers, stored, field, value):
    payload = project_payload(client, headers)
    payload[field] = value
    assert client.post(URL, json=payload, headers=headers).status_code == 422
    response = client.patch(f"{URL}/{stored['id']}", json={field: value}, headers=headers)
    assert response.status_code == 422
    assert client.get(f"{URL}/{stored['id']}", headers=headers).json() == stored


@pytest.fixture(scope="module")
def stored(client, headers):
    """One row every hostile value is tried on: each refused update must leave it as it was."""
    return create_project(client, headers)


def test_bodies_must_be_objects_of_known_keys(client, headers):
    payload = project_payload(client, headers)
    pairs = [list(item) for item in payload.items()]
    assert client.post(URL, json=pairs, headers=headers).status_code == 422
    assert client.post(URL, json=dict(payload, no_such_key=1), headers=headers).status_code == 422


def test_ids_and_pages_out_of_range_are_422(client, headers):
    for item_id in ("100000000000000000000", "-1", "0", "1.5", "abc"):
        assert client.get(f"{URL}/{item_id}", headers=headers).status_code == 422
    for params in ({"offset": 10**20}, {"limit": 10**20}, {"sort": "a\x00"}):
        assert client.get(URL, params=params, headers=headers).status_code == 422


# Access: owner: list, read, update, delete; authenticated: create.
# Each rule with no token, another user's token and the owner's.
def test_access_without_a_token(client, headers):
    created = create_project(client, headers)
    url = f"{URL}/{created['id']}"
    assert client.get(URL).status_code == 401
    assert client.get(url).status_code == 401
    payload = project_payload(client, headers)
    assert client.post(URL, json=payload).status_code == 401
    assert client.patch(url, json={}).status_code == 401
    assert client.delete(url).status_code == 401
    assert client.get(url, headers=headers).status_code == 200


def test_access_with_another_users_token(client, headers, other_headers):
    created = create_project(client, headers)
    url = f"{URL}/{created['id']}"
    listed = client.get(URL, params={"limit": 100, "sort": "-id"}, headers=other_headers)
    assert listed.status_code == 200
    assert created["id"] not in [item["id"] for item in listed.json()]
    assert client.get(url, headers=other_headers).status_code == 404
    assert client.patch(url, json={}, headers=other_headers).status_code == 404
    assert client.delete(url, headers=other_headers).status_code == 404


def test_access_with_the_owners_token(client, headers):
    created = create_project(client, headers)
    url = f"{URL}/{created['id']}"
    listed = client.get(URL, params={"limit": 100, "sort": "-id"}, headers=headers)
    assert created["id"] in [item["id"] for item in listed.json()]
    assert client.get(url, headers=headers).status_code == 200
    assert client.patch(url, json={}, headers=headers).status_code == 200
    assert client.delete(url, headers=headers).status_code == 204
