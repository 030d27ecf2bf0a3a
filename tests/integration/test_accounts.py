# The account flow through nginx over HTTPS against the real pool and PostgreSQL:
# register, login (JSON and OAuth2 form), me, forged tokens, throttling, audit rows.
import base64
import concurrent.futures
import hashlib
import hmac
import json
import statistics
import threading
import time

import psycopg2
import pytest

from bfstack import assert_no_leak, error_body, find_keys, unique_email

PASSWORD = "correct horse battery"


def user_of(body):
    """The user object, whether answered bare or as {"user": {...}}."""
    return body["user"] if isinstance(body.get("user"), dict) else body


def assert_no_secret(body):
    leaked = find_keys(body, lambda k: "hash" in k.lower() or "password" in k.lower())
    assert not leaked, f"user object exposes {leaked}: {body}"
    text = json.dumps(body)
    assert "$argon2" not in text, body


def register(c, email, password=PASSWORD):
    return c.post("/auth/register", json={"email": email, "password": password})


def login(c, email, password=PASSWORD):
    return c.post("/auth/login", json={"email": email, "password": password})


def assert_unauthorized(r):
    error_body(r, 401)
    www = r.headers.get("www-authenticate", "")
    assert www.lower().startswith("bearer"), f"WWW-Authenticate {www!r}"


# --- registration ------------------------------------------------------------------------


def test_register_returns_user_without_hash(api):
    email = unique_email("reg")
    r = register(api, email)
    assert r.status_code == 201, r.text
    assert r.headers["content-type"].startswith("application/json")
    user = user_of(r.json())
    assert user["email"] == email
    assert "id" in user
    assert_no_secret(r.json())


def test_register_duplicate_is_409(api):
    email = unique_email("dup")
    assert register(api, email).status_code == 201
    r = register(api, email, "another password")
    err = error_body(r, 409)
    assert_no_leak(r)
    assert "duplicate key" not in err["message"]


def test_email_is_normalized(stack, api):
    local = unique_email("Norm").split("@")[0]
    shown = f"  {local.upper()}@Example.COM "
    r = register(api, shown)
    assert r.status_code == 201, r.text
    assert user_of(r.json())["email"] == f"{local.lower()}@example.com"
    # The same address in other case is the same account.
    error_body(register(api, f"{local.lower()}@EXAMPLE.com"), 409)
    with stack.client(source_ip=stack.fresh_ip()) as c:
        r = login(c, f"{local.upper()}@example.com")
        assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    "email",
    ["", "not-an-email", "a@", "@example.com", "a b@example.com", "a@@example.com",
     "x" * 250 + "@example.com", "a@example.com\nBcc: b@example.com"],
)
def test_invalid_email_is_422_with_path(api, email):
    r = register(api, email)
    err = error_body(r, 422)
    paths = [d.get("path", "") for d in err["details"]]
    assert any("email" in p for p in paths), err


@pytest.mark.parametrize("length,status", [(0, 422), (7, 422), (8, 201), (1024, 201), (1025, 422),
                                           (100_000, None)])
def test_password_policy(api, length, status):
    r = register(api, unique_email("pw"), "p" * length)
    if status is None:
        # Far past the policy: a 413 body cap or the 422 policy, never a server error.
        assert r.status_code in (413, 422), r.text[:300]
        error_body(r)
        return
    assert r.status_code == status, r.text[:300]
    if status == 422:
        err = error_body(r)
        paths = [d.get("path", "") for d in err["details"]]
        assert any("password" in p for p in paths), err
        assert "p" * 8 not in r.text, "the password is echoed back"


# --- login -------------------------------------------------------------------------------


def check_token_answer(r):
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer"
    assert isinstance(body["expires_in"], int) and body["expires_in"] > 0
    token = body["access_token"]
    assert token.count(".") == 2
    return token


def test_login_json_and_me(stack, api):
    email = unique_email("login")
    assert register(api, email).status_code == 201
    token = check_token_answer(login(api, email))
    r = api.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    assert user_of(r.json())["email"] == email
    assert_no_secret(r.json())


def me_from_every_worker(stack, token, n=32):
    """n concurrent GET /auth/me answers (status, email or None): concurrency spreads them
    over every worker, so each one's users cache is used."""
    auth = {"Authorization": f"Bearer {token}"}
    ip = stack.fresh_ip()  # n stays within nginx's burst for one address

    def one(_):
        with stack.client(source_ip=ip) as c:
            r = c.get("/auth/me", headers=auth)
            return r.status_code, (user_of(r.json()).get("email") if r.status_code == 200
                                   else None)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(n)))


def test_me_follows_changes_made_behind_the_apps_back(stack, api):
    """Workers cache users for /auth/me. A change made straight in PostgreSQL (an operator
    in psql) reaches every worker's cache through NOTIFY: within moments no answer shows
    the old row, and a deleted user's token stops working."""
    email = unique_email("cached")
    uid = user_of(register(api, email).json())["id"]
    token = check_token_answer(login(api, email))
    assert me_from_every_worker(stack, token) == [(200, email)] * 32

    renamed = unique_email("renamed")
    conn = psycopg2.connect(stack.pg_url.replace("/postgres?", "/backforge?"))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE users SET email = %s WHERE id = %s", (renamed, uid))
        deadline = time.monotonic() + 2.0
        while (answers := me_from_every_worker(stack, token)) != [(200, renamed)] * 32:
            assert time.monotonic() < deadline, f"stale answers after the update: {answers}"
        with conn.cursor() as cur:
            cur.execute("DELETE FROM users WHERE id = %s", (uid,))
    finally:
        conn.close()
    deadline = time.monotonic() + 2.0
    while (answers := me_from_every_worker(stack, token)) != [(401, None)] * 32:
        assert time.monotonic() < deadline, f"a deleted user still answered: {answers}"


def test_login_oauth2_form(api):
    email = unique_email("form")
    assert register(api, email).status_code == 201
    r = api.post(
        "/auth/login",
        data={"username": email, "password": PASSWORD, "grant_type": "password"},
    )
    token = check_token_answer(r)
    r = api.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and user_of(r.json())["email"] == email


def test_login_form_wrong_grant_type(api):
    email = unique_email("grant")
    assert register(api, email).status_code == 201
    r = api.post(
        "/auth/login",
        data={"username": email, "password": PASSWORD, "grant_type": "client_credentials"},
    )
    assert 400 <= r.status_code < 500 and r.status_code != 200
    error_body(r)


def timed_login(stack, email, password):
    with stack.client(source_ip=stack.fresh_ip()) as c:
        c.get("/health")  # TLS handshake out of the measurement
        t = time.perf_counter()
        r = login(c, email, password)
        return r, time.perf_counter() - t


def strip_volatile(body):
    if isinstance(body, dict):
        return {k: strip_volatile(v) for k, v in body.items() if "request" not in k}
    return body


def test_wrong_password_and_unknown_email_look_the_same(stack, api):
    # Fresh accounts and addresses for each sample so throttling does not interfere.
    known, unknown = [], []
    for _ in range(5):
        email = unique_email("same")
        assert register(api, email).status_code == 201
        known.append(timed_login(stack, email, "wrong password!"))
        unknown.append(timed_login(stack, unique_email("nobody"), "wrong password!"))
    for (rk, _), (ru, _) in zip(known, unknown):
        assert rk.status_code == ru.status_code == 401, (rk.text, ru.text)
        assert strip_volatile(rk.json()) == strip_volatile(ru.json())
        assert rk.headers.get("www-authenticate") == ru.headers.get("www-authenticate")
        error_body(rk)
    tk = statistics.median(t for _, t in known)
    tu = statistics.median(t for _, t in unknown)
    # Both must pay for an Argon2id hash: within a factor of two of each other.
    assert 0.5 < tk / tu < 2.0, f"wrong password {tk * 1000:.1f} ms, unknown email {tu * 1000:.1f} ms"


# --- tokens ------------------------------------------------------------------------------


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def sign(header, payload, key, digest=hashlib.sha256):
    signing_input = (
        b64(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64(json.dumps(payload, separators=(",", ":")).encode())
    )
    sig = hmac.new(key, signing_input.encode(), digest).digest()
    return signing_input + "." + b64(sig)


@pytest.fixture(scope="module")
def real_token(stack):
    email = unique_email("tok")
    with stack.client(source_ip=stack.fresh_ip()) as c:
        assert register(c, email).status_code == 201
        token = check_token_answer(login(c, email))
    h, p, _ = token.split(".")
    return token, json.loads(unb64(h)), json.loads(unb64(p)), stack.jwt_key()


def me(api, token):
    return api.get("/auth/me", headers={"Authorization": f"Bearer {token}"})


def test_token_claims(real_token):
    _, header, payload, _ = real_token
    assert header["alg"] == "HS256"
    for claim in ("exp", "iat", "sub", "iss", "aud"):
        assert claim in payload, payload
    assert payload["exp"] > payload["iat"]


def test_resigned_token_is_accepted(api, real_token):
    # Positive control: the forgeries below differ from this in one respect each.
    _, header, payload, key = real_token
    r = me(api, sign(header, payload, key))
    assert r.status_code == 200, f"re-signing with secrets/jwt.key is refused: {r.text}"


def forgeries(header, payload, key):
    now = int(time.time())
    tok = sign(header, payload, key)
    body = tok.rsplit(".", 1)[0]

    def with_claims(**kw):
        p = dict(payload)
        for k, v in kw.items():
            if v is None:
                p.pop(k, None)
            else:
                p[k] = v
        return sign(header, p, key)

    none_hdr = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    payload_part = body.split(".")[1]
    sig = tok.rsplit(".", 1)[1]
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    return {
        "alg none, no signature": f"{none_hdr}.{payload_part}.",
        "alg none, kept signature": f"{none_hdr}.{payload_part}.{sig}",
        "alg None spelled": sign({"alg": "None", "typ": "JWT"}, payload, key),
        "HS512 with the key": sign({**header, "alg": "HS512"}, payload, key, hashlib.sha512),
        "HS384 with the key": sign({**header, "alg": "HS384"}, payload, key, hashlib.sha384),
        "RS256 claimed": sign({**header, "alg": "RS256"}, payload, key),
        "bad signature": f"{body}.{flipped}",
        "empty signature": f"{body}.",
        "other key": sign(header, payload, b"k" * 32),
        "expired": with_claims(exp=now - 300, iat=now - 3900),
        "not yet valid (nbf)": with_claims(nbf=now + 3600),
        "wrong audience": with_claims(aud="someone-else"),
        "wrong issuer": with_claims(iss="https://evil.example"),
        "no exp": with_claims(exp=None),
        "no aud": with_claims(aud=None),
        "no iss": with_claims(iss=None),
        "no sub": with_claims(sub=None),
        "unknown user": with_claims(sub="999999999"),
        "garbage": "garbage",
        "two parts": body,
        "four parts": tok + ".x",
        "bad base64": "!!!." + payload_part + "." + sig,
        "header not json": b64(b"not json") + "." + payload_part + "." + sig,
    }


FORGERY_NAMES = list(forgeries({"alg": "HS256"}, {"exp": 0}, b"x").keys())


@pytest.mark.parametrize("name", FORGERY_NAMES)
def test_forged_token_is_401(stack, real_token, name):
    _, header, payload, key = real_token
    token = forgeries(header, payload, key)[name]
    with stack.client(source_ip=stack.fresh_ip()) as c:
        r = me(c, token)
        assert_unauthorized(r)
        assert_no_leak(r)


@pytest.mark.parametrize(
    "value", [None, "Basic dXNlcjpwYXNz", "Bearer", "bearer  x.y.z", "Token abc"]
)
def test_missing_or_wrong_scheme_is_401(stack, value):
    with stack.client(source_ip=stack.fresh_ip()) as c:
        headers = {} if value is None else {"Authorization": value}
        assert_unauthorized(c.get("/auth/me", headers=headers))


# --- brute force ---------------------------------------------------------------------------


def retry_after(r):
    value = r.headers.get("retry-after")
    assert value is not None and value.isdigit() and int(value) >= 1, f"Retry-After {value!r}"
    return int(value)


def test_account_throttle_holds_across_addresses(stack, api):
    """Failed logins for one account from ever new addresses: the app (not nginx, which
    counts per address) must lock the account, and stored in PostgreSQL so that every
    worker agrees."""
    email = unique_email("brute")
    assert register(api, email).status_code == 201
    statuses = []
    for _ in range(40):
        r, _ = timed_login(stack, email, "not the password")
        statuses.append(r.status_code)
        if r.status_code == 429:
            break
    assert statuses[-1] == 429, f"no 429 after {len(statuses)} failures: {statuses}"
    assert statuses[0] == 401 and set(statuses[:-1]) == {401}, statuses
    error_body(r, 429)
    retry_after(r)
    # While locked, even the right password is refused, from yet another address.
    r, _ = timed_login(stack, email, PASSWORD)
    error_body(r, 429)
    retry_after(r)


NGINX_429_MESSAGE = "Too many requests; retry later."


def from_nginx(r):
    """nginx's limit_req answer (nginx/backforge.conf.in @backforge_429), not the app's."""
    try:
        return r.json()["error"]["message"] == NGINX_429_MESSAGE
    except (ValueError, KeyError, TypeError):
        return True


def test_address_throttle(stack):
    """Failed logins from one address for ever new (unknown) emails → 429 from the app.
    Paced under nginx's 10 r/s so that the answer is the application's."""
    ip = stack.fresh_ip()
    statuses = []
    with stack.client(source_ip=ip) as c:
        for _ in range(100):
            t = time.monotonic()
            r = login(c, unique_email("spray"), "not the password")
            statuses.append(r.status_code)
            if r.status_code == 429 and not from_nginx(r):
                break
            time.sleep(max(0.0, 0.11 - (time.monotonic() - t)))
        assert statuses[-1] == 429, f"no 429 after {len(statuses)} failures: {statuses}"
        error_body(r, 429)
        retry_after(r)
        # Locked for the address: a registered account's right password waits too.
    # Another address is not affected by this one's failures.
    with stack.client(source_ip=stack.fresh_ip()) as c:
        email = unique_email("ok")
        assert register(c, email).status_code == 201
        assert login(c, email).status_code == 200


def test_parallel_wrong_logins_pass_exactly_the_limit(stack):
    """Wrong logins for one account, all at once from their own addresses, spread over
    the workers: the throttle's check and record are one step in PostgreSQL, so exactly
    the limit (5, the default) get their 401 and every other one a 429 from the app. A
    check-then-record throttle lets up to limit + workers - 1 through."""
    limit = 5
    email = unique_email("race")
    with stack.client(source_ip=stack.fresh_ip()) as c:
        assert register(c, email).status_code == 201
    n = 16
    clients = [stack.client(source_ip=stack.fresh_ip()) for _ in range(n)]
    try:
        for c in clients:
            c.get("/health")  # TLS up first, so the logins start together
        start = threading.Barrier(n)

        def one(c):
            start.wait()
            return login(c, email, "not the password")

        with concurrent.futures.ThreadPoolExecutor(max_workers=n) as ex:
            answers = list(ex.map(one, clients))
    finally:
        for c in clients:
            c.close()
    codes = sorted(r.status_code for r in answers)
    assert codes.count(401) == limit, codes
    assert codes.count(429) == n - limit, codes
    for r in answers:
        if r.status_code == 429:
            assert not from_nginx(r)
            retry_after(r)


def burst(stack, path, n=120):
    """n cheap (malformed) requests from one address as fast as 16 threads go."""
    ip = stack.fresh_ip()
    local = threading.local()

    def one(_):
        if not hasattr(local, "c"):
            local.c = stack.client(source_ip=ip)
        return local.c.post(path, content=b"{", headers={"content-type": "application/json"})

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as ex:
        answers = list(ex.map(one, range(n)))
    return ip, answers


def test_nginx_limit_req_on_auth_routes(stack):
    ip, answers = burst(stack, "/auth/login")
    codes = [r.status_code for r in answers]
    assert 429 in codes, codes
    assert all(c < 500 for c in codes), codes
    limited = [r for r in answers if r.status_code == 429]
    error_body(limited[0], 429)
    retry_after(limited[0])
    # health is not an auth route: the same address still gets through right away.
    with stack.client(source_ip=ip) as c:
        assert c.get("/health").status_code == 200


# --- audit -------------------------------------------------------------------------------


def test_audit_log_rows(stack, api):
    email = unique_email("audit")
    r = register(api, email)
    assert r.status_code == 201
    uid = str(user_of(r.json())["id"])
    assert login(api, email).status_code == 200
    with stack.client(source_ip=stack.fresh_ip()) as c:
        assert login(c, email, "wrong password").status_code == 401
    conn = psycopg2.connect(stack.pg_url.replace("/postgres?", "/backforge?"))
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT row_to_json(a)::text FROM audit_log a")
            rows = [row[0] for row in cur.fetchall()]
    finally:
        conn.close()
    def mentions(row):
        values = [str(v) for v in row.values()] + [json.dumps(row)]
        return any(v == uid or email in v for v in values)

    mine = [row for row in map(json.loads, rows) if mentions(row)]
    text = [json.dumps(m).lower() for m in mine]
    assert len(mine) >= 3, f"expected register + 2 logins for {email}, got {mine}"
    assert any("register" in t for t in text), mine
    assert sum("login" in t for t in text) >= 2, mine
    assert not any("$argon2" in t or PASSWORD in t for t in text), "secret in audit_log"
