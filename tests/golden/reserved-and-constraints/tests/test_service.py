def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    info = client.get("/openapi.json").json()["info"]
    assert info["title"] == "Reserved words \"everywhere\" {{X}}"
