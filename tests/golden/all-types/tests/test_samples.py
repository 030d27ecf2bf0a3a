"""/samples: create, read, list, update, delete, validation."""
import pytest

from tests.factories import create_category, create_sample, sample_payload

URL = "/samples"


def test_create_and_read(client, headers):
    created = create_sample(client, headers)
    response = client.get(f"{URL}/{created['id']}", headers=headers)
    assert response.status_code == 200
    assert response.json() == created


def test_list_paginates_and_sorts(client, headers):
    first = create_sample(client, headers)
    second = create_sample(client, headers)
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


def test_list_filters_by_a_string(client, headers):
    created = create_sample(client, headers)
    key = "a_string"
    response = client.get(URL, params={key: created[key], "limit": 100}, headers=headers)
    assert response.status_code == 200
    assert created["id"] in [item["id"] for item in response.json()]
    assert all(item[key] == created[key] for item in response.json())


def test_update_changes_only_what_is_sent(client, headers):
    created = create_sample(client, headers)
    key = "a_string"
    changes = {key: sample_payload(client, headers)[key]}
    response = client.patch(f"{URL}/{created['id']}", json=changes, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body[key] == changes[key]
    assert all(body[name] == created[name] for name in created if name not in (key, "updated_at"))


def test_delete(client, headers):
    created = create_sample(client, headers)
    assert client.delete(f"{URL}/{created['id']}", headers=headers).status_code == 204
    assert client.get(f"{URL}/{created['id']}", headers=headers).status_code == 404


def test_missing_rows_are_404(client, headers):
    assert client.get(f"{URL}/999999999", headers=headers).status_code == 404
    assert client.patch(f"{URL}/999999999", json={}, headers=headers).status_code == 404
    assert client.delete(f"{URL}/999999999", headers=headers).status_code == 404


@pytest.mark.parametrize(
    "field, value",
    [
        ("a_string", "x" * 21),
        ("a_string", "x" * 0),
        ("an_integer", "not a number"),
        ("an_integer", -11),
        ("an_integer", 11),
        ("a_float", "not a number"),
        ("a_float", -0.5),
        ("a_float", 100.5),
        ("a_decimal", "not a number"),
        ("a_boolean", "not a boolean"),
        ("a_date", "not a date"),
        ("a_datetime", "not a datetime"),
        ("a_uuid", "not-a-uuid"),
        ("an_email", "not an email"),
        ("an_email", "x" * 256),
        ("a_url", "not a url"),
        ("a_url", "x" * 2049),
        ("an_enum", "not-a-value"),
        ("a_reference", 999999999),
    ],
)
def test_create_refuses_invalid_values(client, headers, field, value):
    payload = sample_payload(client, headers)
    payload[field] = value
    assert client.post(URL, json=payload, headers=headers).status_code == 422


def test_deleting_the_a_reference_target_sets_null(client, headers):
    parent = create_category(client, headers)
    payload = sample_payload(client, headers)
    payload["a_reference"] = parent["id"]
    response = client.post(URL, json=payload, headers=headers)
    assert response.status_code == 201, response.text
    child = response.json()
    response = client.delete(f"/categories/{parent['id']}", headers=headers)
    assert response.status_code == 204
    assert client.get(f"{URL}/{child['id']}", headers=headers).json()["a_reference"] is None
