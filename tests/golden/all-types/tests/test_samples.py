"""/samples: create, read, list, update, delete, validation."""
import pytest

from tests.factories import create_category, create_sample, nested_json, sample_payload

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
    response = client.get(URL, params={key: created[key], "limit": 100, "sort": "-id"},
                          headers=headers)
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


# What hostile clients send: NUL and lone surrogates, non-finite and out-of-range numbers,
# times that leave the years 1 to 9999 in UTC, values of another JSON type (never coerced).
@pytest.mark.parametrize(
    "field, value",
    [
        ("a_string", "a\x00b"),
        ("a_string", "\ud800"),
        ("a_string", 12),
        ("a_string", True),
        ("a_text", "a\x00b"),
        ("a_text", "\ud800"),
        ("a_text", 12),
        ("a_text", True),
        ("an_integer", 1.5),
        ("an_integer", "1"),
        ("an_integer", True),
        ("an_integer", 10**20),
        ("an_integer", float("nan")),
        ("an_integer", float("inf")),
        ("a_float", float("nan")),
        ("a_float", float("inf")),
        ("a_float", -float("inf")),
        ("a_float", "1.5"),
        ("a_float", True),
        ("a_float", 10**400),
        ("a_decimal", float("nan")),
        ("a_decimal", float("inf")),
        ("a_decimal", "1e999999999"),
        ("a_decimal", "NaN"),
        ("a_decimal", True),
        ("a_boolean", "true"),
        ("a_boolean", 1),
        ("a_date", 20240101),
        ("a_date", float("inf")),
        ("a_date", "10000-01-01"),
        ("a_date", "2024-01-01T00:00:00"),
        ("a_datetime", "9999-12-31T23:00:00-14:00"),
        ("a_datetime", "0001-01-01T00:30:00+01:00"),
        ("a_datetime", 1700000000),
        ("a_uuid", 123),
        ("a_uuid", "a\x00b"),
        ("an_email", "a\x00b"),
        ("an_email", "\ud800"),
        ("an_email", 12),
        ("an_email", True),
        ("an_email", "someone@example.com\n"),
        ("a_url", "a\x00b"),
        ("a_url", "\ud800"),
        ("a_url", 12),
        ("a_url", True),
        ("a_url", "https://example.com\n"),
        ("an_enum", 1),
        ("an_enum", "a\x00b"),
        ("an_enum", float("nan")),
        ("a_json", nested_json(500)),
        ("a_json", {"a": "\x00"}),
        ("a_json", ["\ud800"]),
        ("a_json", [float("nan")]),
        ("a_reference", 1.5),
        ("a_reference", "1"),
        ("a_reference", True),
        ("a_reference", 10**20),
        ("a_reference", 0),
    ],
)
def test_create_and_update_refuse_hostile_values(client, headers, stored, field, value):
    payload = sample_payload(client, headers)
    payload[field] = value
    assert client.post(URL, json=payload, headers=headers).status_code == 422
    response = client.patch(f"{URL}/{stored['id']}", json={field: value}, headers=headers)
    assert response.status_code == 422
    assert client.get(f"{URL}/{stored['id']}", headers=headers).json() == stored


@pytest.fixture(scope="module")
def stored(client, headers):
    """One row every hostile value is tried on: each refused update must leave it as it was."""
    return create_sample(client, headers)


def test_bodies_must_be_objects_of_known_keys(client, headers):
    payload = sample_payload(client, headers)
    pairs = [list(item) for item in payload.items()]
    assert client.post(URL, json=pairs, headers=headers).status_code == 422
    assert client.post(URL, json=dict(payload, no_such_key=1), headers=headers).status_code == 422


def test_ids_and_pages_out_of_range_are_422(client, headers):
    for item_id in ("100000000000000000000", "-1", "0", "1.5", "abc"):
        assert client.get(f"{URL}/{item_id}", headers=headers).status_code == 422
    for params in ({"offset": 10**20}, {"limit": 10**20}, {"sort": "a\x00"}):
        assert client.get(URL, params=params, headers=headers).status_code == 422


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
