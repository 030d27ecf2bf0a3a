# Hostile clients against generated projects: every valid spec is rendered by bf-render, served
# by uvicorn against one shared PostgreSQL (a database each) and attacked through raw HTTP
# (http.client, so the bodies can hold what a JSON library would never write: raw lone
# surrogates, NUL escapes, 1e999, NaN, nesting 500 deep). Per field type, query parameter,
# path id, body shape, token and auth form. A request fails the project when it answers 5xx,
# when it accepts a value that must be refused (a silent coercion), or when a row it accepted
# cannot be read, listed, updated and deleted afterwards; the failure shows the request and the
# app's traceback (uvicorn's stderr). BF_HOSTILE_REPORT=FILE writes the counts per project.
import base64
import concurrent.futures
import glob
import hashlib
import hmac
import http.client
import json
import os
import secrets
import subprocess
import tempfile
import time
import urllib.parse
import uuid

import pytest

import genproj

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3"
SPECS = sorted(glob.glob(os.path.join(REPO, "tests/data/specs/valid/*.json")))
WORKERS = 4
# BF_HOSTILE_TEMPLATES and BF_HOSTILE_RENDER: another templates folder and the bf-render built
# with it, to attack (e.g. an older checkout's, for before/after figures).
TEMPLATES = os.environ.get("BF_HOSTILE_TEMPLATES") or os.path.join(REPO, "templates")
SECRET = secrets.token_urlsafe(48)
HUGE = "100000000000000000000"
# Values refused by every field type (a body field of the wrong kind, or what PostgreSQL cannot
# store): raw JSON text.
NUL = '"a\\u0000b"'
SURROGATE = '"\\ud800"'
DEEP = "[" * 500 + "]" * 500


def _bf_render():
    return os.environ.get("BF_HOSTILE_RENDER") or genproj.tool("bf-render")


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_token(claims_text, key=SECRET, header='{"alg": "HS256", "typ": "JWT"}'):
    """An HS256 JWT over raw claim text (so it can say exp: 1e999)."""
    message = f"{_b64(header.encode())}.{_b64(claims_text.encode())}"
    sig = _b64(hmac.new(key.encode(), message.encode(), hashlib.sha256).digest())
    return f"{message}.{sig}"


# --- hostile values per type: (raw JSON, must_refuse) -------------------------------------
# must_refuse False: the app may accept the value, but then the row must read back.

def text_attacks(f):
    out = [(NUL, True), (SURROGATE, True), ('"ok\\udfff"', True), ("12", True), ("true", True),
           ("[]", True), ("{}", True)]
    if f.get("max_length"):
        out.append((json.dumps("x" * (f["max_length"] + 1)), True))
    else:
        out.append((json.dumps("x" * 70000), False))
    out.append((json.dumps("\u00e9\u4e2d\U0001F600 ok"), False))
    return out


def attacks(f):
    t = f["type"]
    if t in ("string", "text"):
        return text_attacks(f)
    if t == "email":
        return text_attacks({}) + [('"victim@example.com\\n"', True), ('"a\\u0000@b.co"', True),
                                    ('"x@y"', True)]
    if t == "url":
        return text_attacks({}) + [('"https://example.com\\n"', True),
                                    ('"javascript:alert(1)"', True)]
    if t == "integer":
        return [("1.5", True), ('"1"', True), ("true", True), ("1e999", True), (HUGE, True),
                ("-" + HUGE, True), ("NaN", True), ("Infinity", True), ("[1]", True),
                ("9223372036854775808", True)]
    if t == "float":
        return [("NaN", True), ("Infinity", True), ("-Infinity", True), ("1e999", True),
                ('"1.5"', True), ("true", True), ("1" + "0" * 400, True), ("1e308", False)]
    if t == "decimal":
        return [("NaN", True), ("Infinity", True), ("1e999", True), ('"1e999999999"', True),
                ("1e20", True), ('"abc"', True), ("true", True), ('"NaN"', True),
                ("0.00001", False)]
    if t == "boolean":
        return [('"true"', True), ("1", True), ('"yes"', True), ("0", True)]
    if t == "date":
        return [("1e999", True), ("0", True), ("20240101", True), ('"2024-02-30"', True),
                ('"10000-01-01"', True), ('"2024-01-01T00:00:00"', True), (NUL, True)]
    if t == "datetime":
        return [('"9999-12-31T23:00:00-14:00"', True), ('"0001-01-01T00:30:00+01:00"', True),
                ("1e999", True), ("1700000000", True), ('"2024-01-01T00:00:00+23:59"', False),
                ('"2024-13-01T00:00:00Z"', True), (NUL, True), ('"9999-12-31T23:59:59Z"', False)]
    if t == "uuid":
        return [('"not-a-uuid"', True), ("123", True), (NUL, True), (SURROGATE, True)]
    if t == "enum":
        v = f["values"][0]
        return [('"not-a-value-x"', True), (json.dumps(v + "\n"), True), ("1", True),
                (NUL, True), ("NaN", True), ("1e999", True), ("-Infinity", True)]
    if t == "json":
        return [(DEEP, True), ('{"a": "\\u0000"}', True), ('{"\\u0000": 1}', True),
                ('["\\ud800"]', True), ('{"a": NaN}', True), ("[1e999]", True),
                ('{"a": [1, {"b": null}]}', False), ("[" * 30 + "]" * 30, False)]
    if t == "reference":
        return [("1.5", True), ('"1"', True), ("true", True), (HUGE, True), ("2147483648", True),
                ("-1", True), ("0", True), ("999999999", True)]
    return []


def address(t, n, lo, hi):
    """An email address or URL of lo..hi characters, unique per n where it fits: the first form
    that holds (head, tail), padded with "x"; the last keeps the number's last digits."""
    forms = ([(f"p-{uuid.uuid4().hex[:6]}-", "@example.com"), ("", "@b.co"), ("", "@b.c")]
             if t == "email" else
             [(f"https://example.com/{uuid.uuid4().hex[:6]}/", ""), ("http://a/", ""),
              ("http://", "")])
    head, tail = next((f for f in forms if len(f[0] + f[1] + str(n)) <= hi), forms[-1])
    room = hi - len(head) - len(tail)
    return head + str(n)[-max(room, 1):].rjust(lo - len(head) - len(tail), "x") + tail


def valid_value(f, n, refs):
    t = f["type"]
    if t == "reference":
        return refs.get(f.get("entity") or f.get("ref") or f.get("references"))
    if t == "enum":
        return f["values"][n % len(f["values"])]
    if t in ("string", "text"):
        lo, hi = f.get("min_length", 0), f.get("max_length", 255)
        text = f"v{n}-{uuid.uuid4().hex[:6]}"
        if len(text) > hi:  # too long: n as one CJK ideograph, unique for 20,000 rows
            text = chr(0x4E00 + n % 20000)
        return text.rjust(lo, "x")[-hi:]
    if t == "integer":  # 64-bit columns: a one-sided range stops at their end
        lo = f.get("min", min(0, f.get("max", 0)))
        hi = f.get("max", min(2**63 - 1, lo + 1000000))
        return int(lo + n % (hi - lo + 1))
    if t in ("float", "decimal"):  # a one-sided range spans 1000 from its bound
        lo = f.get("min", f["max"] - 1000 if "max" in f else 0)
        hi = f.get("max", lo + 1000)
        if t == "decimal":  # NUMERIC(18, 4): 14 digits before the point
            lo, hi = max(lo, -99999999999999), min(hi, 99999999999999)
        return min(max(round(lo + (hi - lo) * (n % 97) / 97, 2), lo), hi)
    if t == "boolean":
        return n % 2 == 0
    if t == "date":
        return f"2024-01-{1 + n % 28:02d}"
    if t == "datetime":
        return f"2024-01-01T00:{n % 60:02d}:00+00:00"
    if t == "uuid":
        return str(uuid.uuid4())
    if t in ("email", "url"):
        return address(t, n, f.get("min_length", 0), f.get("max_length", 255))
    if t == "json":
        return {"n": n}
    return None


class Project:
    def __init__(self, spec_path, pg_url, tool, workdir):
        self.name = os.path.splitext(os.path.basename(spec_path))[0]
        self.dir = os.path.join(workdir, self.name)
        self.pg_url, self.tool, self.spec_path = pg_url, tool, spec_path
        self.sent = 0
        self.fivexx = 0
        self.findings = []
        self.kinds = {}
        self.n = 0
        self.tokens = {}
        self.proc = None
        self.db = None

    # --- process ---------------------------------------------------------------------------
    def start(self):
        r = subprocess.run([self.tool, "--templates", TEMPLATES, "--tree",
                            self.dir, self.spec_path], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        with open(os.path.join(self.dir, "backforge.json")) as f:
            self.spec = json.load(f)
        self.db = "bf_hostile_" + uuid.uuid4().hex[:12]
        genproj.admin(self.pg_url, f'CREATE DATABASE "{self.db}"')
        env = dict(os.environ, DATABASE_URL=genproj.with_database(self.pg_url, self.db),
                   PYTHONDONTWRITEBYTECODE="1", SECRET_KEY=SECRET,
                   PASSWORD_HASH_ITERATIONS="1000")
        self.log_path = os.path.join(self.dir, "uvicorn.log")
        # The projects start side by side, each on a port free_port() saw free a moment
        # before: two can draw the same one. Then the second uvicorn cannot bind, and its
        # /health probe may be answered by the first project's app, so every later request
        # would reach the wrong backend. A project is up only when its own uvicorn says it
        # listens on its port; one that lost the port tries another.
        for _ in range(3):
            self.port = genproj.free_port()
            self.log = open(self.log_path, "wb")
            self.proc = subprocess.Popen(
                [PYTHON, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port",
                 str(self.port)], cwd=self.dir, env=env, stdout=self.log,
                stderr=subprocess.STDOUT)
            if self.wait_until_serving():
                return
            self.log.close()
        raise AssertionError(f"uvicorn found no free port in three tries: {self.log_tail(0)}")

    def wait_until_serving(self):
        """True once this project's own uvicorn listens on self.port and /health answers;
        False when it exited because the port was taken."""
        listening = f"Uvicorn running on http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                if "address already in use" in self.log_tail(0).lower():
                    return False
                raise AssertionError(f"uvicorn exited: {self.log_tail(0)}")
            try:
                if (listening in self.log_tail(0) and
                        self.raw("GET", "/health", count=False)[0] == 200):
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("GET /health did not answer within 40 s")

    def stop(self):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.log.close()
        if self.db:  # None when start failed before making it
            genproj.admin(self.pg_url, f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')

    def log_tail(self, offset):
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")[-2500:]

    # --- HTTP --------------------------------------------------------------------------------
    def raw(self, method, path, body=None, headers=None, count=True):
        """(status, parsed JSON or None, text). body: bytes or str (raw, not re-encoded)."""
        h = {"Connection": "close"}
        if body is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogatepass")
        offset = os.path.getsize(self.log_path) if count else 0
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=h)
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
        finally:
            conn.close()
        if count:
            self.sent += 1
        text = data.decode("utf-8", "replace")
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        # 501 is an action's own "not implemented yet" (a spec action without code).
        if count and status >= 500 and status != 501:
            self.fivexx += 1
            time.sleep(0.05)
            self.finding(f"{status}", method, path, body, text, self.log_tail(offset))
        return status, parsed, text

    def finding(self, what, method, path, body, text, trace=""):
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        body = (body or "")[:200]
        self.findings.append(f"{what}: {method} {path} {body!r} -> {text[:200]}\n{trace}")
        self.kinds[what.split(" (")[0]] = self.kinds.get(what.split(" (")[0], 0) + 1

    def auth(self, who):
        t = self.tokens.get(who)
        return {"Authorization": f"Bearer {t}"} if t else {}

    # --- the spec ------------------------------------------------------------------------------
    def entity(self, name):
        for e in self.spec.get("entities", []):
            if e["name"] == name:
                return e
        return None

    def ref_target(self, f):
        for key in ("entity", "references", "ref", "to"):
            if isinstance(f.get(key), str):
                return f[key]
        return None

    def payload(self, e, refs, who="alice", making=()):
        """A valid body for e, creating the rows it refers to first. A reference back to a
        row being made (itself, or a cycle of optional references) stays empty."""
        self.n += 1
        out = {}
        making = making + (e["name"],)
        for f in e["fields"]:
            if f["type"] == "reference":
                target = self.ref_target(f)
                if target in making or (not f.get("required") and
                                        self.leads_back(target, making)):
                    continue
                parent = refs.get((target, who)) or self.create(self.entity(target), refs, who,
                                                                making)
                if parent is None:
                    return None
                out[f["name"]] = parent
            else:
                out[f["name"]] = valid_value(f, self.n, refs)
        return out

    def leads_back(self, name, making, seen=()):
        """Do name's required references lead back to a row being made?"""
        if name in making:
            return True
        if name in seen:
            return False
        return any(f["type"] == "reference" and f.get("required") and
                   self.leads_back(self.ref_target(f), making, seen + (name,))
                   for f in self.entity(name)["fields"])

    def create(self, e, refs, who="alice", making=()):
        body = self.payload(e, refs, who, making)
        if body is None:
            return None
        status, parsed, text = self.raw("POST", f"/{e['plural']}", json.dumps(body),
                                        self.auth(who))
        if status != 201:
            self.finding(f"a valid create answered {status}", "POST", f"/{e['plural']}",
                         json.dumps(body), text)
            return None
        refs[(e["name"], who)] = parsed["id"]
        return parsed["id"]

    # --- read-back -----------------------------------------------------------------------------
    def read_back(self, e, item_id, method, path, body, sent_value=None, fname=None):
        """An accepted write must leave a row that reads, lists, updates and deletes."""
        h = self.auth("alice")
        base = f"/{e['plural']}"
        steps = [("GET", f"{base}/{item_id}", None), ("GET", f"{base}?limit=100", None),
                 ("GET", f"{base}?limit=100&sort=-id", None),
                 ("PATCH", f"{base}/{item_id}", "{}")]
        for m, p, b in steps:
            status, parsed, text = self.raw(m, p, b, h)
            if status != 200:
                self.finding(f"row accepted by {method} {path} does not read back ({m} {p} "
                             f"{status})", method, path, body, text)
                return
            if m == "GET" and p.endswith(f"/{item_id}") and fname and sent_value is not None:
                got = parsed.get(fname) if isinstance(parsed, dict) else None
                if isinstance(sent_value, str) and got != sent_value and \
                        not (isinstance(got, str) and e_type(e, fname) == "datetime"):
                    self.finding(f"stored {got!r} for {sent_value!r}", method, path, body, text)

    # --- attacks -------------------------------------------------------------------------------
    def run(self):
        self.attack_auth()
        refs = {}
        for e in self.spec.get("entities", []):
            self.attack_entity(e, refs)
        for a in self.spec.get("actions", []):
            self.attack_action(a)
        self.attack_tokens()

    def attack_auth(self):
        if not self.spec.get("auth", {}).get("enabled"):
            return
        for who in ("alice", "mallory"):
            email = f"{who}-{uuid.uuid4().hex[:8]}@example.com"
            s, _, t = self.raw("POST", "/auth/register",
                               json.dumps({"email": email, "password": "correct horse 1"}))
            assert s == 201, t
            s, p, t = self.raw("POST", "/auth/login",
                               f"username={urllib.parse.quote(email)}&password=correct+horse+1",
                               {"Content-Type": "application/x-www-form-urlencoded"})
            assert s == 200, t
            self.tokens[who] = p["access_token"]
            if who == "alice":
                self.alice_email = email
        bad_registers = [
            ('{"email": "a\\u0000b@example.com", "password": "correct horse 1"}', True),
            ('{"email": "s@example.com", "password": "correct \\ud800 horse"}', True),
            ('{"email": "n@example.com", "password": "correct \\u0000 horse"}', False),
            (json.dumps({"email": self.alice_email + "\n", "password": "correct horse 1"}), True),
            (json.dumps({"email": self.alice_email.upper(), "password": "correct horse 1"}),
             True),
            ('[["email", "x@example.com"], ["password", "correct horse 1"]]', True),
            (json.dumps({"email": "x@example.com", "password": "p" * 100000}), True),
            ('{"email": 5, "password": "correct horse 1"}', True),
            ("[" * 100000, True),
            (b'{"email": "\xff@example.com", "password": "correct horse 1"}', True),
        ]
        for body, refuse in bad_registers:
            s, _, t = self.raw("POST", "/auth/register", body)
            if refuse and s < 400:
                self.finding(f"register accepted ({s})", "POST", "/auth/register", body, t)
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        for body in (f"username={urllib.parse.quote(self.alice_email)}%00&password=x",
                     "username=a%00b&password=correct+horse+1",
                     "username=%ED%A0%80&password=%ED%A0%80",
                     f"username={urllib.parse.quote(self.alice_email)}&password=%ED%A0%80",
                     f"username={urllib.parse.quote(self.alice_email)}%0A&password=correct+horse+1",
                     "username=" + "a" * 100000 + "&password=x"):
            s, _, t = self.raw("POST", "/auth/login", body, form)
            if s < 400:
                self.finding(f"login accepted ({s})", "POST", "/auth/login", body, t)

    def attack_tokens(self):
        if not self.spec.get("auth", {}).get("enabled"):
            return
        now = int(time.time())
        tokens = [
            make_token('{"sub": "1", "exp": 1e999}'),
            make_token('{"sub": "1", "exp": NaN}'),
            make_token('{"sub": "1", "exp": ' + HUGE + "}"),
            make_token('{"sub": "' + HUGE + '", "exp": %d}' % (now + 600)),
            make_token('{"sub": "1e999", "exp": %d}' % (now + 600)),
            make_token('{"sub": 1.5, "exp": %d}' % (now + 600)),
            make_token('{"sub": "-1", "exp": %d}' % (now + 600)),
            make_token('["sub"]'),
            make_token('{"sub": "1", "exp": "%d"}' % (now + 600)),
            make_token('{"sub": "1", "exp": true}'),
            make_token('{"sub": "1", "exp": %d}' % (now + 600), header="[]"),
            make_token('{"sub": "1", "exp": %d}' % (now + 600), header='{"alg": "none"}'),
            make_token('{"sub": "1", "exp": %d}' % (now + 600), key="change-me"),
            make_token('{"sub": "1", "exp": %d}' % (now + 600), key="secret"),
            make_token('{"sub": "1", "exp": %d}' % (now + 600), key="changeme"),
            _b64(b'{"alg":"none"}') + "." + _b64(b'{"sub":"1","exp":9999999999}') + ".",
            "a.b.c", "....", "x" * 10000, "\u00e9",
        ]
        # Routes that need a token (a public list takes none, so ignores a forged one)
        paths = ["/auth/me"] + [f"/{e['plural']}" for e in self.spec.get("entities", [])
                                if e.get("owned") and
                                (e.get("access") or {}).get("list") != "public"]
        for tok in tokens:
            for p in paths[:2]:
                hdr = {"Authorization": "Bearer " + tok}
                try:
                    s, _, t = self.raw("GET", p, None, hdr)
                except (UnicodeEncodeError, ValueError):
                    hdr = {"Authorization": ("Bearer " + tok).encode("latin-1", "replace")}
                    s, _, t = self.raw("GET", p, None, hdr)
                if s < 400:
                    self.finding(f"token accepted ({s})", "GET", p, tok, t)

    def attack_entity(self, e, refs):
        base = f"/{e['plural']}"
        h = self.auth("alice")
        row = self.create(e, refs)
        if row is None:
            return
        valid = self.payload(e, refs)
        if valid is None:
            return
        # Bodies of the wrong shape.
        for body in (json.dumps([[k, v] for k, v in valid.items()]), "[]", '"x"', "null", "1",
                     "{", "[" * 100000, b'{"a": "\xff\xfe"}', '{"a": 1e999}' if not valid else
                     json.dumps(valid)[:-1] + ', "id": 1e999}'):
            for m, p in (("POST", base), ("PATCH", f"{base}/{row}")):
                s, parsed, t = self.raw(m, p, body, h)
                if s < 400 and m == "POST" and not body.startswith(b"{" if isinstance(body, bytes)
                                                                   else "{"):
                    self.finding(f"accepted a non-object body ({s})", m, p, body, t)
                if s < 300 and m == "POST" and isinstance(parsed, dict) and "id" in parsed:
                    self.read_back(e, parsed["id"], m, p, body)
        # Every field, every hostile value, in a create and in an update.
        for f in e["fields"]:
            for raw_value, refuse in attacks(f):
                fields = dict(valid)
                fields[f["name"]] = "@@HOSTILE@@"
                self.n += 1
                for k, fv in list(fields.items()):
                    other = next(x for x in e["fields"] if x["name"] == k)
                    if k != f["name"] and other.get("unique") and other["type"] != "reference":
                        fields[k] = valid_value(other, self.n, refs)
                body = json.dumps(fields).replace('"@@HOSTILE@@"', raw_value)
                for m, p, b in (("POST", base, body),
                                ("PATCH", f"{base}/{row}",
                                 '{%s: %s}' % (json.dumps(f["name"]), raw_value))):
                    s, parsed, t = self.raw(m, p, b, h)
                    if s < 300 and refuse:
                        self.finding(f"accepted an invalid {f['type']} ({s})", m, p, b, t)
                    if s < 300 and isinstance(parsed, dict) and "id" in parsed:
                        sent = None
                        try:
                            sent = json.loads(raw_value)
                        except ValueError:
                            pass
                        self.read_back(e, parsed["id"], m, p, b, sent, f["name"])
                        if m == "POST":
                            self.raw("DELETE", f"{base}/{parsed['id']}", None, h)
        # Path ids.
        for pid in (HUGE, "-1", "0", "abc", "1.5", "2147483648", "9223372036854775808", "%00",
                    "1e999", "%ED%A0%80"):
            for m, b in (("GET", None), ("PATCH", "{}"), ("DELETE", None)):
                s, _, t = self.raw(m, f"{base}/{pid}", b, h)
                if s < 400:
                    self.finding(f"path id accepted ({s})", m, f"{base}/{pid}", b, t)
        # Query parameters: the list's own and its filters (from the OpenAPI document).
        s, doc, _ = self.raw("GET", "/openapi.json", count=False)
        params = []
        if s == 200:
            for prm in doc["paths"].get(base, {}).get("get", {}).get("parameters", []):
                params.append((prm["name"], prm.get("schema", {})))
        queries = ["limit=0", "limit=" + HUGE, "limit=1.5", "limit=-1", "offset=" + HUGE,
                   "offset=-1", "offset=9223372036854775808", "sort=%00", "sort=nope",
                   "sort=-", "sort=" + "a" * 5000, "sort=%ED%A0%80", "limit=NaN"]
        for name, schema in params:
            if name in ("limit", "offset", "sort"):
                continue
            for v in ("a%00b", "%ED%A0%80", HUGE, "-" + HUGE, "1e999999999", "NaN", "Infinity",
                      "1.5", "9999-12-31T23:00:00-14:00", "2024-01-01T00:00:00+23:59",
                      "x" * 5000, "true"):
                queries.append(f"{name}={v}")
        for q in queries:
            self.raw("GET", f"{base}?{q}", None, h)
        # Access (the normalized rules): no token, another user's token, per operation.
        self.check_access(e, base, row, valid)

    def check_access(self, e, base, row, valid):
        rules = e.get("access") or {}
        if not self.spec.get("auth", {}).get("enabled"):
            return
        url = f"{base}/{row}"
        for op, m, p, b, ok in (("list", "GET", f"{base}?limit=100&sort=-id", None, 200),
                                ("read", "GET", url, None, 200),
                                ("update", "PATCH", url, "{}", 200),
                                ("create", "POST", base, json.dumps(valid), 201),
                                ("delete", "DELETE", url, None, 204)):
            rule = rules.get(op)
            if rule is None:
                self.finding(f"the normalized spec has no access.{op}", m, p, b, "")
                continue
            if rule != "public":
                s, _, t = self.raw(m, p, b, {})
                if s != 401:
                    self.finding(f"{op} ({rule}) without a token answered {s}", m, p, b, t)
            # (a shared delete by another user is left out: it would take the row away)
            if op in ("create", "delete") or rule == "public":
                continue
            s, parsed, t = self.raw(m, p, b, self.auth("mallory"))
            if op == "list":
                ids = [x.get("id") for x in parsed] if isinstance(parsed, list) else None
                if s != 200 or ids is None or (rule == "owner") == (row in ids):
                    self.finding(f"list ({rule}) with another user's token: {s}", m, p, b, t)
            elif s != (404 if rule == "owner" else ok):
                self.finding(f"{op} ({rule}) with another user's token answered {s}", m, p, b, t)
        if rules.get("delete") != "owner":
            return
        s, _, t = self.raw("DELETE", url, None, self.auth("mallory"))
        if s != 404:
            self.finding(f"delete (owner) with another user's token answered {s}", "DELETE", url,
                         None, t)

    def attack_action(self, a):
        inputs = a.get("input", [])
        valid = {f["name"]: valid_value(f, 1, {}) for f in inputs}
        # Keep the divisor-like inputs away from 0.
        for f in inputs:
            if f["type"] in ("integer", "float", "decimal") and "min" not in f:
                valid[f["name"]] = 1
        method, path = a["method"], a["path"]
        if method in ("GET", "DELETE"):
            return self.attack_query_action(a, valid)
        for body in ("[]", '"x"', "{", "[" * 100000, json.dumps([[k, v] for k, v in valid.items()])):
            s, _, t = self.raw(method, path, body)
            if s < 400 and inputs:
                self.finding(f"action accepted a non-object body ({s})", method, path, body, t)
        for f in inputs:
            for raw_value, refuse in attacks(f):
                body = json.dumps(dict(valid, **{f["name"]: "@@H@@"})).replace('"@@H@@"',
                                                                              raw_value)
                s, _, t = self.raw(method, path, body)
                if s < 300 and refuse:
                    self.finding(f"action accepted an invalid {f['type']} ({s})", method, path,
                                 body, t)


    def attack_query_action(self, a, valid):
        """GET and DELETE actions take their inputs as query parameters."""
        method, path = a["method"], a["path"]
        for f in a.get("input", []):
            for raw_value, refuse in attacks(f):
                try:
                    v = json.loads(raw_value)
                except ValueError:
                    v = raw_value
                if not isinstance(v, (str, int, float)) or isinstance(v, bool):
                    continue
                if isinstance(v, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in v):
                    v = v.encode("utf-8", "surrogatepass")  # sent as those raw bytes
                q = dict(valid, **{f["name"]: v})
                qs = urllib.parse.urlencode({k: (json.dumps(x) if isinstance(x, bool) else
                                                 x) for k, x in q.items()})
                s, _, t = self.raw(method, f"{path}?{qs}")
                if s < 300 and refuse and not isinstance(v, (int, float)) and \
                        f["type"] in ("string", "text", "email", "url", "enum", "uuid", "date",
                                      "datetime"):
                    self.finding(f"action accepted an invalid {f['type']} ({s})", method,
                                 f"{path}?{qs}", None, t)


def e_type(e, fname):
    for f in e["fields"]:
        if f["name"] == fname:
            return f["type"]
    return None


def _attack(spec, pg_url, tool, workdir):
    p = Project(spec, pg_url, tool, workdir)
    try:
        p.start()
        p.run()
    except AssertionError as exc:
        p.findings.insert(0, f"could not attack: {exc}")
    finally:
        p.stop()
    return p


@pytest.fixture(scope="module")
def pg_url(request):
    return genproj.project_pg_url(request)


@pytest.fixture(scope="module")
def attacked(pg_url):
    tool = _bf_render()
    with tempfile.TemporaryDirectory(prefix="bf-hostile-") as workdir:
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            futures = {s: pool.submit(_attack, s, pg_url, tool, workdir) for s in SPECS}
            results = {s: f.result() for s, f in futures.items()}
        report = os.environ.get("BF_HOSTILE_REPORT")
        if report:
            with open(report, "w") as f:
                json.dump({p.name: {"sent": p.sent, "5xx": p.fivexx,
                                    "findings": len(p.findings), "kinds": p.kinds} for p in results.values()},
                          f, indent=1, sort_keys=True)
        yield results


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: os.path.splitext(os.path.basename(p))[0])
def test_project_holds_against_hostile_clients(attacked, spec):
    p = attacked[spec]
    assert not p.findings, (f"{p.name}: {len(p.findings)} findings, {p.fivexx} of {p.sent} "
                            "requests answered 5xx:\n" + "\n".join(p.findings[:15]))
    assert p.sent > 20


def _start(project_dir, env, log):
    port = genproj.free_port()
    proc = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=project_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
    return proc, port


@pytest.mark.parametrize("secret", [None, "", "change-me", "secret", "changeme", "short" * 6])
def test_refuses_to_start_without_a_real_secret(pg_url, tmp_path, secret):
    tool = _bf_render()
    spec = os.path.join(REPO, "tests/data/specs/valid/01-todo.json")
    out = str(tmp_path / "todo")
    subprocess.run([tool, "--templates", os.path.join(REPO, "templates"), "--tree", out, spec],
                   check=True, capture_output=True)
    env = dict(os.environ, DATABASE_URL=pg_url, PYTHONDONTWRITEBYTECODE="1")
    env.pop("SECRET_KEY", None)
    if secret is not None:
        env["SECRET_KEY"] = secret
    with open(tmp_path / "log", "wb") as log:
        proc, port = _start(out, env, log)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait()
            pytest.fail(f"the app started with SECRET_KEY={secret!r}")
    text = (tmp_path / "log").read_text()
    assert proc.returncode != 0, text[-1500:]
    assert "secrets.token_urlsafe" in text, text[-1500:]
    assert os.path.exists(os.path.join(out, ".env.example"))
    with open(os.path.join(out, ".env.example")) as f:
        example = f.read()
    assert "SECRET_KEY=\n" in example and "token_urlsafe" in example
    with open(os.path.join(out, "docker-compose.yml")) as f:
        assert "${SECRET_KEY:?" in f.read()


def test_login_takes_as_long_for_an_unknown_email(pg_url, tmp_path):
    tool = _bf_render()
    spec = os.path.join(REPO, "tests/data/specs/valid/11-notes-auth-no-owned.json")
    out = str(tmp_path / "notes")
    subprocess.run([tool, "--templates", os.path.join(REPO, "templates"), "--tree", out, spec],
                   check=True, capture_output=True)
    db = "bf_hostile_" + uuid.uuid4().hex[:12]
    genproj.admin(pg_url, f'CREATE DATABASE "{db}"')
    env = dict(os.environ, DATABASE_URL=genproj.with_database(pg_url, db), PYTHONDONTWRITEBYTECODE="1",
               SECRET_KEY=SECRET, PASSWORD_HASH_ITERATIONS="200000")
    log = open(tmp_path / "log", "wb")
    proc, port = _start(out, env, log)
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "log").read_text()
                time.sleep(0.2)

        def post(path, body, ctype):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            t0 = time.monotonic()
            c.request("POST", path, body=body, headers={"Content-Type": ctype})
            status = c.getresponse().status
            return status, time.monotonic() - t0

        email = f"known-{uuid.uuid4().hex[:8]}@example.com"
        s, _ = post("/auth/register", json.dumps({"email": email, "password": "correct horse"}),
                    "application/json")
        assert s == 201
        form = "application/x-www-form-urlencoded"
        known, unknown = [], []
        for _ in range(3):
            s, t = post("/auth/login", f"username={email}&password=wrong+horse", form)
            assert s == 401
            known.append(t)
            s, t = post("/auth/login", f"username=nobody-{uuid.uuid4().hex[:6]}%40example.com"
                        "&password=wrong+horse", form)
            assert s == 401
            unknown.append(t)
        known.sort()
        unknown.sort()
        assert unknown[1] > known[1] * 0.5, (known, unknown)
    finally:
        proc.terminate()
        proc.wait()
        log.close()
        genproj.admin(pg_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
