"""The auto-fix loop on the real stack: a stack whose backforge-fcgi and backforge-runner
are configured with the local fake provider (tests/llm/fake_openai.py), a version broken
on purpose (an action whose code is off by one, so its example fails), and scripted model
replies: a fix that repairs it on attempt 2, fixes that never help until the attempts run
out, hostile replies that are refused with nothing stored, and a fix whose code tries to
escape, which the sandbox contains. Without an LLM (the session's plain stack) a failed
verification stays failed and says why."""

import json
import os
import subprocess
import time

import httpx
import psycopg2
import pytest

import bfstack
from bfstack import unique_email

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAKE = os.path.join(REPO, "tests", "llm", "fake_openai.py")
KEY = "sk-test-autofix-key-0123456789abcdef"
ORDER = ["queued", "verifying", "failed", "fixing", "verified", "error"]


class LlmStack(bfstack.Stack):
    def __init__(self, extra_env):
        super().__init__()
        self.extra_env = extra_env

    def env(self):
        e = super().env()
        e.update(self.extra_env)
        return e


@pytest.fixture(scope="module")
def fake():
    proc = subprocess.Popen(["/usr/bin/python3", FAKE], stdout=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    port = int(proc.stdout.readline().split()[1])
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def fix_stack(fake):
    s = LlmStack({
        "BACKFORGE_LLM_BASE_URL": fake + "/v1",
        "BACKFORGE_LLM_API_KEY": KEY,
        "BACKFORGE_LLM_MODEL": "fake-model",
        "BACKFORGE_LLM_TIMEOUT_MS": "20000",
        "BACKFORGE_LLM_MAX_RETRIES": "0",
        "BACKFORGE_LLM_PRICE_IN": "1.0",
        "BACKFORGE_LLM_PRICE_OUT": "2.0",
    })
    try:
        s.start()
    except Exception:
        s.stop()
        raise
    yield s
    s.stop()
    s.cleanup(False)


def script(fake, steps):
    httpx.post(fake + "/_control/reset")
    httpx.post(fake + "/_control/script", json={"steps": steps})


def requests_seen(fake):
    return [r for r in httpx.get(fake + "/_control/requests").json()
            if r["path"] == "/v1/chat/completions"]


def auth(token):
    return {"Authorization": "Bearer " + token}


def user_token(s):
    email, password = unique_email("fix"), "correct horse battery"
    with s.client(source_ip=s.fresh_ip()) as c:
        assert c.post("/auth/register", json={"email": email, "password": password}).status_code == 201
        r = c.post("/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        return r.json()["access_token"]


def broken_spec(name):
    """An adder whose code is off by one: its example (2 + 3 = "5") fails in the suite and
    in the project's own pytest. The name keeps every test's prompt (and cache key) apart."""
    return {
        "spec_version": 1, "name": name, "title": name.replace("-", " ").title(),
        "description": "adds two numbers", "auth": {"enabled": False}, "entities": [],
        "actions": [{
            "name": "add", "method": "POST", "path": "/calc/add", "summary": "a + b as text",
            "input": [{"name": "a", "type": "integer", "required": True},
                      {"name": "b", "type": "integer", "required": True}],
            "output": [{"name": "result", "type": "string"}],
            "code": 'return {"result": str(a + b + 1)}',
            "examples": [{"input": {"a": 2, "b": 3}, "output": {"result": "5"}}],
        }],
    }


def generate(c, token, spec):
    r = c.post("/generate", json={"spec": spec}, headers=auth(token))
    assert r.status_code == 201, r.text
    return r.json()["project_id"]


def project(c, token, pid):
    r = c.get(f"/projects/{pid}", headers=auth(token))
    assert r.status_code == 200, r.text
    return r.json()


def verifications(c, token, pid):
    r = c.get(f"/projects/{pid}/verifications", headers=auth(token))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def wait_for(c, token, pid, done, timeout=300, seen=None):
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        body = project(c, token, pid)
        if seen is not None and (not seen or seen[-1] != body["status"]):
            seen.append(body["status"])
        if done(body):
            return body
        time.sleep(0.05)
    raise AssertionError(f"project {pid}: condition not reached in {timeout}s: "
                         f"{body and body['status']} {body and body.get('latest_verification')}")


def db(s):
    conn = psycopg2.connect(s.pg_url.replace("/postgres?", "/backforge?"))
    conn.autocommit = True
    return conn


def rows(s, sql, *args):
    conn = db(s)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall()
    finally:
        conn.close()


def refused_round(c, token, pid):
    """After a refused automatic round: failed again, the reason says so."""
    return wait_for(c, token, pid, lambda b: b["status"] == "failed" and "[auto-fix:" in (
        (b["latest_verification"] or {}).get("reason") or ""), timeout=300)


def failure_text(v):
    """The failing steps' responses and the project's pytest output of a verification."""
    steps = [t for t in v["tests"] if t["verdict"] in ("fail", "error")]
    return json.dumps(steps) + ((v.get("pytest") or {}).get("output_tail") or "")


OFF_BY_ONE = {"path": "app/actions.py", "old": "a + b + 1", "new": "a + b"}


def test_a_broken_version_is_repaired_on_attempt_2(fix_stack, fake):
    script(fake, [{"kind": "fix", "edits": [OFF_BY_ONE], "delay": 1.5, "fence": True,
                   "summary": "the adder added one too many"}])
    token = user_token(fix_stack)
    with fix_stack.client(source_ip=fix_stack.fresh_ip()) as c:
        pid = generate(c, token, broken_spec("fix-repaired"))
        seen = []
        # while the runner's round waits on the model, a round by hand is refused
        wait_for(c, token, pid, lambda b: b["status"] in ("fixing", "verified", "error"), seen=seen)
        r = c.post(f"/projects/{pid}/fix", headers=auth(token))
        assert r.status_code == 409 and r.json()["error"]["details"]["reason"] == "busy", r.text
        body = wait_for(c, token, pid, lambda b: b["status"] in ("verified", "error") or (
            b["status"] == "failed" and "[auto-fix:" in (b["latest_verification"]["reason"] or "")
            and "queued" not in b["latest_verification"]["reason"]), seen=seen)
        assert body["status"] == "verified", (seen, body["latest_verification"])
        # the order is queued -> verifying -> failed -> fixing -> queued -> verifying -> verified
        assert "fixing" in seen, seen
        fixing = seen.index("fixing")
        assert all(x in ("queued", "verifying", "failed") for x in seen[:fixing]), seen
        assert seen[fixing + 1:] and all(x in ("queued", "verifying", "verified")
                                         for x in seen[fixing + 1:]), seen
        lv = body["latest_verification"]
        assert lv["version"] == 2 and lv["attempt"] == 2 and lv["status"] == "passed", lv
        items = verifications(c, token, pid)
        assert [(v["version"], v["attempt"], v["status"]) for v in items] == [
            (2, 2, "passed"), (1, 1, "failed")], items
        assert "version 2 (fix attempt 2 of 3) is queued" in items[1]["reason"], items[1]["reason"]
        # what failed is in the report: the action's step, or the project's own example test
        assert "add" in failure_text(items[1]), items[1]
        # the versions: 2 is a fix, its ZIP holds the repaired code and nothing else changed
        versions = body["versions"]
        assert [(v["version"], v["origin"]) for v in versions] == [(1, "spec"), (2, "fix")], versions
        r = c.get(f"/projects/{pid}/files/app/actions.py?version=2", headers=auth(token))
        assert r.status_code == 200 and "str(a + b)}" in r.text and "a + b + 1" not in r.text, r.text
        r = c.get(f"/projects/{pid}/files/backforge.json?version=1", headers=auth(token))
        r2 = c.get(f"/projects/{pid}/files/backforge.json?version=2", headers=auth(token))
        assert r.status_code == 200 and r.content == r2.content
        check_fix_record(fix_stack, c, token, pid, body)
    # what the model saw: the spec, the failing step with its response, the file; no key
    seen_requests = requests_seen(fake)
    assert len(seen_requests) == 1, seen_requests
    req = seen_requests[0]
    assert KEY not in req["body"]
    assert ["Authorization", "Bearer " + KEY] in req["headers"]
    sent = json.loads(req["body"])
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["name"] == "fix_patch"
    assert "files" in sent["response_format"]["json_schema"]["schema"]["properties"]
    doc = json.loads(sent["messages"][1]["content"])
    assert doc["spec"]["name"] == "fix-repaired" and doc["attempt"] == 2 and doc["max_attempts"] == 3
    steps = [s for s in doc["failing_steps"] if s["group"] == "action:add"]
    assert steps and steps[0]["request"]["path"] == "/calc/add", doc["failing_steps"]
    assert "6" in json.dumps(steps[0]["actual"]), steps[0]  # the wrong answer the model sees
    assert "test_action_examples" in doc["pytest"]["output_tail"], doc["pytest"]
    shown = [f["path"] for f in doc["files"]]
    assert shown[0] == "app/actions.py" or "app/actions.py" in shown, shown
    assert not any(p.startswith(".") or p == "backforge.json" or p.startswith("verify/")
                   for p in shown), shown
    # tokens, cost and latency of the fix, recorded against the project
    calls = rows(fix_stack, "SELECT purpose, outcome, prompt_tokens, completion_tokens, cost_usd, "
                 "latency_ms FROM llm_calls WHERE project_id = %s", pid)
    assert len(calls) == 1, calls
    purpose, outcome, pt, ct, cost, latency = calls[0]
    assert (purpose, outcome, pt, ct) == ("fix", "ok", 900, 300)
    assert float(cost) == pytest.approx((900 * 1.0 + 300 * 2.0) / 1e6)
    assert latency >= 1400  # the scripted model thought for 1.5 s


def check_fix_record(s, c, token, pid, body):
    """What the dashboard's timeline reads: each version's fix (what changed, what it cost)
    and newest verification, the fix loop's counts, and a version's own file list."""
    v1, v2 = body["versions"]
    assert v1["fix"] is None, v1
    assert v1["verification"]["status"] == "failed" and v1["verification"]["attempt"] == 1, v1
    assert v1["verification"]["summary"]["failed"] >= 1, v1
    assert v2["verification"]["status"] == "passed" and v2["verification"]["attempt"] == 2, v2
    assert v2["verification"]["summary"]["failed"] == 0, v2
    fix = v2["fix"]
    assert (fix["from_version"], fix["attempt"], fix["model"], fix["summary"]) == (
        1, 2, "fake-model", "the adder added one too many"), fix
    assert [(f["path"], f["change"]) for f in fix["files"]] == [("app/actions.py", "replaced")], fix
    assert fix["files"][0]["size"] > 0
    # the round's one call: 900 + 300 tokens at 1 and 2 dollars per million, 1.5 s
    assert (fix["calls"], fix["prompt_tokens"], fix["completion_tokens"]) == (1, 900, 300), fix
    assert fix["cost_usd"] == pytest.approx((900 * 1.0 + 300 * 2.0) / 1e6), fix
    assert fix["latency_ms"] >= 1400, fix
    assert body["fix_loop"] == {"llm_configured": True, "attempts_used": 2, "max_attempts": 3,
                                "can_fix": False, "automatic_pending": False}, body["fix_loop"]
    # the planner's notes stay with the project; the fix is not a note
    assert body["notes"] is None or "fix" not in body["notes"], body["notes"]
    r = c.get(f"/projects/{pid}/versions/2", headers=auth(token))
    assert r.status_code == 200, r.text
    one = r.json()
    assert (one["project_id"], one["version"], one["origin"]) == (pid, 2, "fix"), one
    assert one["fix"] == fix and one["verification"] == v2["verification"]
    assert one["spec"]["name"] == "fix-repaired"
    paths = {f["path"]: f["size"] for f in one["files"]}
    assert "app/actions.py" in paths and paths["app/actions.py"] == fix["files"][0]["size"], paths
    r = c.get(f"/projects/{pid}/versions/1", headers=auth(token))
    assert r.status_code == 200 and r.json()["fix"] is None and r.json()["origin"] == "spec"
    for bad in ("3", "0", "-1", "x", "99999999999999999999"):
        r = c.get(f"/projects/{pid}/versions/{bad}", headers=auth(token))
        assert r.status_code == 404, (bad, r.text)
    assert c.get(f"/projects/{pid}/versions/1", headers=auth(user_token(s))).status_code == 404


def test_a_fix_that_never_helps_stops_after_3_attempts(fix_stack, fake):
    useless = [{"kind": "fix", "summary": f"try {i}",
                "edits": [{"path": "app/actions.py", "old": "a + b + 1",
                           "new": f"a + b + 1  # checked {i}"}]} for i in (1, 2)]
    # a third reply would be a good fix: it must never be asked for
    script(fake, useless + [{"kind": "fix", "edits": [OFF_BY_ONE]}])
    token = user_token(fix_stack)
    with fix_stack.client(source_ip=fix_stack.fresh_ip()) as c:
        pid = generate(c, token, broken_spec("fix-exhausted"))
        body = wait_for(c, token, pid, lambda b: b["status"] in ("verified", "error") or (
            b["status"] == "failed" and "exhausted" in (b["latest_verification"]["reason"] or "")))
        assert body["status"] == "failed", body
        lv = body["latest_verification"]
        assert "fix attempts exhausted (3 of 3)" in lv["reason"], lv
        assert lv["attempt"] == 3 and lv["version"] == 3
        items = verifications(c, token, pid)
        assert [(v["version"], v["attempt"], v["status"]) for v in items] == [
            (3, 3, "failed"), (2, 2, "failed"), (1, 1, "failed")], items
        # by hand: nothing left to try
        r = c.post(f"/projects/{pid}/fix", headers=auth(token))
        assert r.status_code == 409, r.text
        assert r.json()["error"]["details"]["reason"] == "exhausted"
        body = project(c, token, pid)
        assert body["status"] == "failed"
        assert body["fix_loop"] == {"llm_configured": True, "attempts_used": 3,
                                    "max_attempts": 3, "can_fix": False, "automatic_pending": False}, body["fix_loop"]
        assert [v["fix"]["summary"] if v["fix"] else None for v in body["versions"]] == [
            None, "try 1", "try 2"], body["versions"]
        # verified again by hand (a new attempt-1 job): still no round left for this lineage
        r = c.post(f"/projects/{pid}/verify", headers=auth(token))
        assert r.status_code == 202, r.text
        again = r.json()["verification_id"]
        body = wait_for(c, token, pid, lambda b: b["latest_verification"]["id"] == again and (
            b["status"] in ("verified", "error") or (b["status"] == "failed" and "exhausted" in (
                b["latest_verification"]["reason"] or ""))))
        assert body["status"] == "failed", body
    assert len(requests_seen(fake)) == 2
    assert rows(fix_stack, "SELECT count(*) FROM llm_calls WHERE project_id = %s "
                "AND purpose = 'fix'", pid) == [(2,)]
    assert rows(fix_stack, "SELECT count(*), count(*) FILTER (WHERE origin = 'fix') "
                "FROM project_versions WHERE project_id = %s", pid) == [(3, 2)]


BIG = "x = 1\n" * 50000  # 300 KB
HOSTILE = [
    ("../ path", [{"path": "../../etc/cron.d/backforge", "content": "* * * * * root id\n"}],
     "$.files[0].path", ".."),
    ("absolute path", [{"path": "/etc/passwd", "content": "root::0:0::/:/bin/sh\n"}],
     "$.files[0].path", "absolute"),
    ("symlink entry", [{"path": "app/actions.py", "content": "/etc/shadow", "symlink": True}],
     "$.files[0]", "links"),
    ("mode entry", [{"path": "app/run", "content": "", "mode": 0o120777}],
     "$.files[0]", "modes"),
    ("hidden file", [{"path": ".env", "content": "SECRET_KEY=x\n"}], "$.files[0].path", "hidden"),
    ("huge file", [{"path": "app/actions.py", "content": BIG}], "$.files[0].content", "256 KiB"),
    ("binary content", [{"path": "app/actions.py", "content": "\x7fELF\x02\x01\x01"}],
     "$.files[0].content", "text"),
    ("backforge.json", [{"path": "backforge.json", "content": "{}"}], "$.files[0].path",
     "owned by the platform"),
    ("the suite", [{"path": "verify/suite.json", "content": "{\"steps\": []}"}],
     "$.files[0].path", "owned by the platform"),
    ("a folder", [{"path": "app", "content": "x"}], "$.files[0].path", "folder"),
]


def test_hostile_replies_are_refused_and_nothing_is_stored(fix_stack, fake):
    first_name, first_files, _, _ = HOSTILE[0]
    script(fake, [{"kind": "fix", "files": first_files}])
    token = user_token(fix_stack)
    with fix_stack.client(source_ip=fix_stack.fresh_ip()) as c:
        pid = generate(c, token, broken_spec("fix-hostile"))
        body = refused_round(c, token, pid)
        assert "the model's patch was refused" in body["latest_verification"]["reason"], body
        for name, files, path, words in HOSTILE[1:]:
            script(fake, [{"kind": "fix", "files": files}])
            r = c.post(f"/projects/{pid}/fix", headers=auth(token))
            assert r.status_code == 502, (name, r.status_code, r.text)
            err = r.json()["error"]
            assert err["code"] == "llm_upstream", (name, err)
            assert any(d["path"] == path and words in d["message"] for d in err["details"]), (
                name, err["details"])
            assert project(c, token, pid)["status"] == "failed", name
        # prose with no patch in it
        script(fake, [{"kind": "content", "content": "I would rather not."}])
        r = c.post(f"/projects/{pid}/fix", headers=auth(token))
        assert r.status_code == 502 and "no JSON" in r.json()["error"]["details"][0]["message"]
        # the provider down: 502, the project failed as before
        script(fake, [{"kind": "status", "status": 401, "body": {"error": {"message": "no"}}}])
        r = c.post(f"/projects/{pid}/fix", headers=auth(token))
        assert r.status_code == 502 and r.json()["error"]["code"] == "llm_upstream", r.text
        body = project(c, token, pid)
        assert body["status"] == "failed" and len(body["versions"]) == 1, body
        assert len(verifications(c, token, pid)) == 1
        # the reason carries the latest word on fixing only, not one note per round
        reason = body["latest_verification"]["reason"]
        assert reason.count("[auto-fix:") == 1 and "the LLM provider failed" in reason, reason
    outcomes = rows(fix_stack, "SELECT outcome, count(*) FROM llm_calls WHERE project_id = %s "
                    "GROUP BY outcome ORDER BY outcome", pid)
    assert dict(outcomes).get("bad_reply") == len(HOSTILE) + 1, outcomes
    assert rows(fix_stack, "SELECT count(*) FROM project_versions WHERE project_id = %s",
                pid) == [(1,)]
    # a refused reply is never cached: the same prompt asks the model again
    assert rows(fix_stack, "SELECT count(*) FROM llm_calls WHERE project_id = %s "
                "AND outcome = 'cached'", pid) == [(0,)]


ESCAPE = '''import os, socket
    seen = []
    for path in ["/etc/shadow", "/etc/backforge/backforge.conf", "{state}/secrets/jwt.key"]:
        try:
            with open(path) as f:
                return {{"result": "escaped: read " + path}}
        except OSError as e:
            seen.append(type(e).__name__)
    try:
        socket.create_connection(("127.0.0.1", {https}), 2).close()
        return {{"result": "escaped: reached the platform's HTTPS port"}}
    except OSError as e:
        seen.append(type(e).__name__)
    try:
        with open("/home/escape", "w") as f:
            return {{"result": "escaped: wrote outside the project"}}
    except OSError as e:
        seen.append(type(e).__name__)
    return {{"result": "blocked " + ",".join(seen)}}'''


def test_a_fix_that_tries_to_escape_is_contained(fix_stack, fake):
    code = ESCAPE.format(state=fix_stack.state_dir, https=fix_stack.https_port)
    script(fake, [{"kind": "fix", "edits": [{
        "path": "app/actions.py", "old": 'return {"result": str(a + b + 1)}', "new": code}]}])
    token = user_token(fix_stack)
    with fix_stack.client(source_ip=fix_stack.fresh_ip()) as c:
        pid = generate(c, token, broken_spec("fix-escape"))
        body = wait_for(c, token, pid, lambda b: b["status"] in ("verified", "error") or (
            b["status"] == "failed" and (b["latest_verification"] or {}).get("version") == 2
            and "[auto-fix:" in (b["latest_verification"]["reason"] or "")))
        assert body["status"] == "failed", body
        v2 = verifications(c, token, pid)[0]
        assert v2["version"] == 2 and v2["status"] == "failed", v2
        text = failure_text(v2)
        # the report names what the code met: five attempts, each stopped with an error
        assert "blocked " in text and "escaped" not in text, text
        assert "Error" in text.split("blocked ", 1)[1][:200], text
    # the runner and the platform are fine and go on: the next project verifies
    script(fake, [])
    with fix_stack.client(source_ip=fix_stack.fresh_ip()) as c:
        spec = broken_spec("fix-after-escape")
        spec["actions"][0]["code"] = 'return {"result": str(a + b)}'
        pid = generate(c, token, spec)
        body = wait_for(c, token, pid, lambda b: b["status"] in ("verified", "failed", "error"))
        assert body["status"] == "verified", body["latest_verification"]


def test_fix_by_hand_answers_404_and_409(fix_stack, fake):
    script(fake, [])
    token, other = user_token(fix_stack), user_token(fix_stack)
    with fix_stack.client(source_ip=fix_stack.fresh_ip()) as c:
        spec = broken_spec("fix-by-hand")
        spec["actions"][0]["code"] = 'return {"result": str(a + b)}'
        pid = generate(c, token, spec)
        assert c.post(f"/projects/{pid}/fix", headers=auth(other)).status_code == 404
        assert c.post("/projects/999999999/fix", headers=auth(token)).status_code == 404
        wait_for(c, token, pid, lambda b: b["status"] in ("verified", "failed", "error"))
        r = c.post(f"/projects/{pid}/fix", headers=auth(token))
        assert r.status_code == 409 and r.json()["error"]["details"]["reason"] == "not_failed", r.text
        assert c.post(f"/projects/{pid}/fix").status_code == 401
    assert requests_seen(fake) == []


def test_without_an_llm_a_failed_verification_stays_failed_and_says_why(stack):
    token = user_token(stack)
    with stack.client(source_ip=stack.fresh_ip()) as c:
        pid = generate(c, token, broken_spec("fix-no-llm"))
        body = wait_for(c, token, pid, lambda b: b["status"] in ("verified", "error") or (
            b["status"] == "failed" and "[auto-fix:" in (b["latest_verification"]["reason"] or "")))
        assert body["status"] == "failed", body
        assert "no LLM is configured" in body["latest_verification"]["reason"], body
        r = c.post(f"/projects/{pid}/fix", headers=auth(token))
        assert r.status_code == 503 and r.json()["error"]["code"] == "llm_unavailable", r.text
        body = project(c, token, pid)
        assert body["status"] == "failed" and len(body["versions"]) == 1
        assert body["fix_loop"] == {"llm_configured": False, "attempts_used": 1,
                                    "max_attempts": 3, "can_fix": False, "automatic_pending": False}, body["fix_loop"]


def test_a_failure_left_without_a_round_is_picked_up_by_the_rescue_pass(fix_stack, fake):
    script(fake, [{"kind": "content", "content": "no patch from me"}])
    token = user_token(fix_stack)
    with fix_stack.client(source_ip=fix_stack.fresh_ip()) as c:
        pid = generate(c, token, broken_spec("fix-rescued"))
        body = refused_round(c, token, pid)
        # a refused round leaves the attempt unused: the Fix button offers it
        assert body["fix_loop"] == {"llm_configured": True, "attempts_used": 1,
                                    "max_attempts": 3, "can_fix": True, "automatic_pending": False}, body["fix_loop"]
        assert body["versions"][0]["verification"]["status"] == "failed"
        # as if the runner had died between storing the failure and starting its round
        script(fake, [{"kind": "fix", "edits": [OFF_BY_ONE]}])
        conn = db(fix_stack)
        with conn.cursor() as cur:
            cur.execute("UPDATE verifications SET reason = regexp_replace(reason, "
                        "' \\[auto-fix: .*\\]$', ''), finished_at = now() - interval '30 s' "
                        "WHERE project_id = %s", (pid,))
        conn.close()
        # a failure no round has answered: the dashboard waits for the runner's round
        body = project(c, token, pid)
        if body["status"] == "failed" and "[auto-fix:" not in body["latest_verification"]["reason"]:
            assert body["fix_loop"]["automatic_pending"] and not body["fix_loop"]["can_fix"], body
        body = wait_for(c, token, pid, lambda b: b["status"] in ("verified", "error"), timeout=120)
        assert body["latest_verification"]["version"] == 2, body
    assert len(requests_seen(fake)) == 1
