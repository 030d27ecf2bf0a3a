"""Registration, login, the current user, and refused tokens."""
EMAIL = "auth-flow@example.com"
PASSWORD = "s3cret-passphrase"


def test_register_login_and_me(client):
    response = client.post("/auth/register", json={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 201, response.text
    assert response.json()["email"] == EMAIL
    assert "password_hash" not in response.json()

    duplicate = client.post("/auth/register", json={"email": EMAIL, "password": PASSWORD})
    assert duplicate.status_code == 409

    wrong = client.post("/auth/login", data={"username": EMAIL, "password": "wrong-password"})
    assert wrong.status_code == 401

    login = client.post("/auth/login", data={"username": EMAIL, "password": PASSWORD})
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["email"] == EMAIL


def test_register_validates_input(client):
    short = client.post("/auth/register", json={"email": "a@example.com", "password": "short"})
    assert short.status_code == 422
    bad_email = client.post("/auth/register", json={"email": "nobody", "password": PASSWORD})
    assert bad_email.status_code == 422


def test_me_needs_a_valid_token(client, headers):
    assert client.get("/auth/me").status_code == 401
    tampered = {"Authorization": headers["Authorization"] + "x"}
    assert client.get("/auth/me", headers=tampered).status_code == 401
    assert client.get("/auth/me", headers=headers).status_code == 200
