# A corpus of hostile and broken requests through nginx: every answer is a 4xx in the API's
# error shape, never a 5xx, a stack or SQL text, and no worker dies on any of them.
import glob
import os
import re

import pytest

from bfstack import assert_no_leak, error_body, unique_email

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
DEEP = 10_000


def case(name, method, path, body=None, ctype=JSON, status=None, headers=None):
    """status: an exact expected status, a tuple of acceptable ones, or None (any 4xx)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return pytest.param(method, path, body, ctype, status, headers or {}, id=name)


def ok_email():
    return unique_email("bad")


CORPUS = [
    # malformed JSON
    case("empty body", "POST", "/auth/register", b"", status=400),
    case("open brace", "POST", "/auth/register", "{", status=400),
    case("truncated", "POST", "/auth/register", '{"email":"a@b.co","password":', status=400),
    case("trailing garbage", "POST", "/auth/register", '{"email":"a@b.co"}}', status=400),
    case("trailing comma", "POST", "/auth/register", '{"email":"a@b.co",}', status=400),
    case("single quotes", "POST", "/auth/register", "{'email':'a@b.co'}", status=400),
    case("comment", "POST", "/auth/register", '{"email":"a@b.co" /* x */}', status=400),
    case("NaN", "POST", "/auth/register", '{"email":NaN}', status=400),
    case("bare word", "POST", "/auth/login", "null", status=(400, 422)),
    case("bad escape", "POST", "/auth/register", '{"email":"\\x41"}', status=400),
    case("lone surrogate", "POST", "/auth/register", '{"email":"\\ud800@b.co"}', status=(400, 422)),
    case("duplicate keys", "POST", "/auth/register",
         '{"email":"a@b.co","email":"c@d.co","password":"abcdefghij"}', status=(400, 422)),
    case("huge number", "POST", "/auth/register", '{"email":1e999999}', status=(400, 422)),
    # nesting
    case("10000-deep arrays", "POST", "/auth/register", "[" * DEEP + "]" * DEEP, status=400),
    case("10000-deep objects", "POST", "/auth/register",
         '{"a":' * DEEP + "1" + "}" * DEEP, status=400),
    case("10000-deep unclosed", "POST", "/auth/login", "[" * DEEP, status=400),
    case("deep in a field", "POST", "/auth/register",
         '{"email":' + "[" * DEEP + "]" * DEEP + ',"password":"abcdefghij"}', status=400),
    case("deep in login", "POST", "/auth/login", "[" * DEEP + "]" * DEEP, status=400),
    # content types
    case("text/plain", "POST", "/auth/register",
         '{"email":"t@example.com","password":"abcdefghij"}', ctype="text/plain", status=415),
    case("no content type", "POST", "/auth/register",
         '{"email":"t@example.com","password":"abcdefghij"}', ctype=None, status=415),
    case("multipart", "POST", "/auth/register",
         b'--XX\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.co\r\n--XX--\r\n',
         ctype="multipart/form-data; boundary=XX", status=415),
    case("xml", "POST", "/auth/register", "<email>a@b.co</email>",
         ctype="application/xml", status=415),
    case("json latin1 charset", "POST", "/auth/register",
         '{"email":"t@example.com","password":"abcdefghij"}',
         ctype="application/json; charset=latin1", status=415),
    case("login text/plain", "POST", "/auth/login", "username=a&password=b",
         ctype="text/plain", status=415),
    case("login multipart", "POST", "/auth/login",
         b'--XX\r\nContent-Disposition: form-data; name="username"\r\n\r\na@b.co\r\n--XX--\r\n',
         ctype="multipart/form-data; boundary=XX", status=415),
    case("form on register", "POST", "/auth/register", "email=a%40b.co&password=abcdefghij",
         ctype=FORM, status=415),
    # missing fields and wrong types
    case("empty object", "POST", "/auth/register", "{}", status=422),
    case("no password", "POST", "/auth/register", '{"email":"m@example.com"}', status=422),
    case("no email", "POST", "/auth/register", '{"password":"abcdefghij"}', status=422),
    case("email number", "POST", "/auth/register", '{"email":123,"password":"abcdefghij"}',
         status=422),
    case("email null", "POST", "/auth/register", '{"email":null,"password":"abcdefghij"}',
         status=422),
    case("password bool", "POST", "/auth/register", '{"email":"w@example.com","password":true}',
         status=422),
    case("password array", "POST", "/auth/register",
         '{"email":"w@example.com","password":["abcdefghij"]}', status=422),
    case("password object", "POST", "/auth/register",
         '{"email":"w@example.com","password":{"$ne":null}}', status=422),
    case("body array", "POST", "/auth/register", "[]", status=(400, 422)),
    case("body string", "POST", "/auth/register", '"hello"', status=(400, 422)),
    case("body number", "POST", "/auth/login", "42", status=(400, 422)),
    case("login empty object", "POST", "/auth/login", "{}", status=422),
    case("login email only", "POST", "/auth/login", '{"email":"a@b.co"}', status=422),
    case("login password number", "POST", "/auth/login", '{"email":"a@b.co","password":1}',
         status=422),
    case("form missing password", "POST", "/auth/login", "username=a%40b.co&grant_type=password",
         ctype=FORM, status=(400, 422)),
    case("form bad escape", "POST", "/auth/login", "username=%ZZ&password=x", ctype=FORM,
         status=(400, 422)),
    case("form encoded NUL", "POST", "/auth/login", "username=a%00b&password=abcdefghij",
         ctype=FORM, status=(400, 422)),
    case("form non-UTF-8", "POST", "/auth/login", "username=%FF%FE&password=abcdefghij",
         ctype=FORM, status=(400, 401, 422)),
    case("form 1000 fields", "POST", "/auth/login", "&".join(f"k{i}=v" for i in range(1000)),
         ctype=FORM, status=(400, 413, 422)),
    # non-UTF-8 and NUL bytes
    case("raw 0xff in string", "POST", "/auth/register",
         b'{"email":"\xff\xfe@example.com","password":"abcdefghij"}', status=(400, 422)),
    case("overlong UTF-8", "POST", "/auth/register",
         b'{"email":"\xc0\xafa@example.com","password":"abcdefghij"}', status=(400, 422)),
    case("raw NUL byte", "POST", "/auth/register",
         b'{"email":"a\x00@example.com","password":"abcdefghij"}', status=(400, 422)),
    case("escaped NUL in email", "POST", "/auth/register",
         '{"email":"a\\u0000@example.com","password":"abcdefghij"}', status=(400, 422)),
    case("escaped NUL in password", "POST", "/auth/register",
         '{"email":"nul@example.com","password":"abcd\\u0000efghij"}', status=(400, 422)),
    case("escaped NUL in login", "POST", "/auth/login",
         '{"email":"a@example.com","password":"abcd\\u0000efghij"}', status=(400, 401, 422)),
    case("BOM before JSON", "POST", "/auth/login",
         b'\xef\xbb\xbf{"email":"a@b.co","password":"abcdefghij"}', status=(400, 401)),
    # SQL-looking strings
    case("sql in login email", "POST", "/auth/login",
         '{"email":"\' OR \'1\'=\'1\' --","password":"x\' OR \'1\'=\'1"}', status=(401, 422)),
    case("sql in register email", "POST", "/auth/register",
         '{"email":"x\'); DROP TABLE users; --@example.com","password":"abcdefghij"}',
         status=(201, 422)),
    case("sql in password", "POST", "/auth/login",
         '{"email":"sql@example.com","password":"\'; DROP TABLE users; --"}', status=401),
    case("sql in form", "POST", "/auth/login",
         "username=admin%27--&password=%27+OR+1%3D1--&grant_type=password", ctype=FORM,
         status=(401, 422)),
    case("sql in bearer", "GET", "/auth/me", status=401,
         headers={"Authorization": "Bearer ' OR 1=1 --"}),
    # routes and methods
    case("unknown route", "GET", "/nope", status=404),
    case("unknown under auth", "GET", "/auth/nope", status=404),
    case("extra segment", "POST", "/auth/register/extra", "{}", status=404),
    case("trailing slash", "GET", "/health/", status=404),
    case("encoded slash", "GET", "/auth%2Fme", status=(400, 404)),
    case("encoded NUL in path", "GET", "/auth/me%00", status=(400, 404)),
    case("very long path", "GET", "/" + "a" * 6000, status=(404, 414)),
    case("GET register", "GET", "/auth/register", status=405),
    case("PUT login", "PUT", "/auth/login", "{}", status=405),
    case("DELETE health", "DELETE", "/health", status=405),
    case("POST me", "POST", "/auth/me", "{}", status=405),
    case("PATCH me", "PATCH", "/auth/me", "{}", status=405),
]


@pytest.fixture(scope="module")
def workers_before(stack):
    return stack.worker_pids()


@pytest.mark.parametrize("method,path,body,ctype,status,headers", CORPUS)
def test_bad_request(stack, workers_before, method, path, body, ctype, status, headers):
    h = dict(headers)
    if ctype is not None:
        h["content-type"] = ctype
    # A fresh address per case keeps nginx's limit_req and the login throttle out of it.
    with stack.client(source_ip=stack.fresh_ip()) as c:
        r = c.request(method, path, content=body, headers=h)
    allowed = [body.decode("utf-8", "replace")] if body else []
    assert r.status_code < 500, f"{r.status_code}: {r.text[:300]}"
    if r.status_code == 201 and isinstance(status, tuple) and 201 in status:
        return
    if isinstance(status, tuple):
        assert r.status_code in status, f"{r.status_code} not in {status}: {r.text[:300]}"
    elif status is not None:
        assert r.status_code == status, f"{r.status_code} != {status}: {r.text[:300]}"
    assert 400 <= r.status_code < 500
    err = error_body(r)
    assert_no_leak(r, allowed)
    if r.status_code == 405:
        allow = r.headers.get("allow", "")
        assert allow, "405 without Allow"
        methods = {m.strip() for m in allow.split(",")}
        assert method not in methods and methods <= {
            "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}, allow
    if r.status_code == 422:
        assert isinstance(err["details"], list) and err["details"], err
        for d in err["details"]:
            assert isinstance(d.get("path"), str) and d["path"].startswith("$"), d
            assert isinstance(d.get("message"), str) and d["message"], d


def test_allow_names_the_right_methods(stack):
    with stack.client(source_ip=stack.fresh_ip()) as c:
        assert "POST" in c.get("/auth/register").headers.get("allow", "")
        assert "GET" in c.delete("/health").headers.get("allow", "")
        assert "GET" in c.post("/auth/me", json={}).headers.get("allow", "")


def nginx_max_body(stack):
    """client_max_body_size from the nginx config rendered under the state dir."""
    units = {"": 1, "k": 1024, "m": 1024 * 1024, "g": 1024**3}
    for path in glob.glob(os.path.join(stack.state_dir, "**", "*.conf"), recursive=True):
        with open(path, errors="replace") as f:
            m = re.search(r"client_max_body_size\s+(\d+)([kKmMgG]?)\s*;", f.read())
        if m:
            return int(m.group(1)) * units[m.group(2).lower()]
    pytest.fail("no client_max_body_size in the rendered nginx config")


def app_max_body(stack):
    path = os.path.join(stack.state_dir, "backforge.conf")
    with open(path) as f:
        m = re.search(r"^\s*max_body_bytes\s*=\s*(\d+)", f.read(), re.M)
    return int(m.group(1)) if m else 1024 * 1024


def test_body_over_nginx_limit_is_413(stack):
    limit = nginx_max_body(stack)
    with stack.client(source_ip=stack.fresh_ip()) as c:
        r = c.post("/auth/register", content=b"x" * (limit + 1),
                   headers={"content-type": JSON})
    error_body(r, 413)


def test_body_over_app_cap_is_413(stack):
    cap = app_max_body(stack)
    limit = nginx_max_body(stack)
    if cap >= limit:
        pytest.skip(f"app cap {cap} is not below nginx's {limit}")
    pad = "p" * (cap + 16)
    body = ('{"email":"%s","password":"%s"}' % (ok_email(), pad)).encode()
    assert len(body) <= limit
    # A short timeout: the 413 must come at once, not after the worker waited for the body.
    with stack.client(source_ip=stack.fresh_ip(), timeout=5) as c:
        r = c.post("/auth/register", content=body, headers={"content-type": JSON})
        error_body(r, 413)
        # Sent chunked (no Content-Length from the client), the cap still holds.
        r = c.post("/auth/login", content=iter([body[: len(body) // 2], body[len(body) // 2:]]),
                   headers={"content-type": JSON})
        error_body(r, 413)


def test_sql_strings_did_no_harm(stack):
    """After the SQL-looking corpus the users table still works."""
    with stack.client(source_ip=stack.fresh_ip()) as c:
        email = ok_email()
        assert c.post("/auth/register", json={"email": email, "password": "abcdefghij"}
                      ).status_code == 201
        assert c.post("/auth/login", json={"email": email, "password": "abcdefghij"}
                      ).status_code == 200


def test_no_worker_died(stack, workers_before):
    """A crash would be hidden behind a respawn; the pids must be the same ones."""
    assert stack.worker_pids() == workers_before
    log = stack.read_log("fcgi.log").lower()
    for word in ("segfault", "signal 11", "sigsegv", "sigabrt", "addresssanitizer"):
        assert word not in log, word
