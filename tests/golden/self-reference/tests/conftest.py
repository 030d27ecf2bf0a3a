"""Fixtures: the app against the database in DATABASE_URL, with tables made fresh for the
test session (they are dropped first: never point the tests at data you want to keep)."""
import pytest
from fastapi.testclient import TestClient

from app.db import Base, engine
from app.main import app


@pytest.fixture(scope="session")
def client():
    Base.metadata.drop_all(bind=engine)
    Base.metadata.create_all(bind=engine)
    with TestClient(app) as test_client:
        yield test_client
    Base.metadata.drop_all(bind=engine)


@pytest.fixture(scope="session")
def headers():
    return {}
