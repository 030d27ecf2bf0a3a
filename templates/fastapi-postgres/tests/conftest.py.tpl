"""Fixtures: the app against the database in DATABASE_URL, with tables made fresh for the
test session (they are dropped first: never point the tests at data you want to keep)."""
{{#AUTH}}import itertools

{{/AUTH}}import pytest
from fastapi.testclient import TestClient

{{#AUTH}}from app.config import settings
{{/AUTH}}from app.db import Base, engine
from app.main import app
{{#AUTH}}
_users = itertools.count(1)
{{/AUTH}}

@pytest.fixture(scope="session")
def client():
{{#AUTH}}    # Password hashing is slow on purpose; the tests only need it to be correct.
    settings.password_hash_iterations = 1_000
{{/AUTH}}    Base.metadata.drop_all(bind=engine)
    Base.metadata.create_all(bind=engine)
    with TestClient(app) as test_client:
        yield test_client
    Base.metadata.drop_all(bind=engine)
{{#AUTH}}

def sign_up(client) -> dict:
    """Registers a new user and returns the Authorization header of a fresh token."""
    email = f"user{next(_users)}@example.com"
    password = "correct-horse-battery"
    response = client.post("/auth/register", json={"email": email, "password": password})
    assert response.status_code == 201, response.text
    response = client.post("/auth/login", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


# Two users for the whole session: what a test needs of a user is a token and rows of its
# own (every test makes the rows it checks); registration and login are tested in
# test_auth_flow.py, not again around every test.
@pytest.fixture(scope="session")
def headers(client):
    return sign_up(client)


@pytest.fixture(scope="session")
def other_headers(client):
    return sign_up(client)
{{/AUTH}}{{#NO_AUTH}}

@pytest.fixture(scope="session")
def headers():
    return {}
{{/NO_AUTH}}
