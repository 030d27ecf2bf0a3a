"""The LLM path end to end: a second stack whose backforge-fcgi is configured with a
provider that is the local fake OpenAI server (tests/llm/fake_openai.py), so the real
client code runs through nginx, the FastCGI pool and PostgreSQL."""

import json
import os
import subprocess
import threading
import time

import httpx
import psycopg2
import pytest

import bfstack
from conftest import unique_email

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAKE = os.path.join(REPO, "tests", "llm", "fake_openai.py")
KEY = "sk-test-very-secret-key-0123456789"
PROMPT = "a todo API where users have projects and tasks with due dates"


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
    base = f"http://127.0.0.1:{port}"
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def llm_stack(fake):
    s = LlmStack({
        "BACKFORGE_LLM_BASE_URL": fake + "/v1",
        "BACKFORGE_LLM_API_KEY": KEY,
        "BACKFORGE_LLM_MODEL": "fake-model",
        "BACKFORGE_LLM_MODELS": "fake-model,fake-500",
        "BACKFORGE_LLM_TIMEOUT_MS": "10000",
        "BACKFORGE_LLM_MAX_RETRIES": "1",
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
    return httpx.get(fake + "/_control/requests").json()


def token_for(s):
    email, password = unique_email("llm"), "correct horse battery"
    with s.client(source_ip=s.fresh_ip()) as c:
        assert c.post("/auth/register", json={"email": email, "password": password}).status_code == 201
        return c.post("/auth/login", json={"email": email, "password": password}).json()["access_token"]


def test_models_lists_the_provider_default(llm_stack):
    with llm_stack.client() as c:
        models = c.get("/models").json()["models"]
    ids = [m["id"] for m in models]
    assert ids[0] == "offline" and "fake-model" in ids
    default = [m["id"] for m in models if m["default"]]
    assert default == ["fake-model"]
    assert KEY not in json.dumps(models)


def test_generate_with_the_llm_and_a_repair_round(llm_stack, fake):
    token = token_for(llm_stack)
    script(fake, [{"kind": "review_errors"}, {"kind": "normal"}])
    with llm_stack.client() as c:
        r = c.post("/generate-from-prompt", json={"prompt": PROMPT},
                   headers={"Authorization": "Bearer " + token})
    assert r.status_code == 201, r.text
    assert r.json()["planner"] == "llm"
    reqs = [q for q in requests_seen(fake) if q["path"].endswith("/chat/completions")]
    assert len(reqs) == 2
    # The repair round carried review errors back to the model.
    second = reqs[1]["body"]
    assert "$.entities" in second
    # The key went only in the Authorization header.
    for q in reqs:
        assert KEY not in q["body"]
        headers = {k.lower(): v for k, v in q["headers"]}
        assert headers.get("authorization") == "Bearer " + KEY
    conn = psycopg2.connect(llm_stack.pg_url.replace("/postgres?", "/backforge?"))
    with conn, conn.cursor() as cur:
        cur.execute("SELECT model, outcome, prompt_tokens FROM llm_calls ORDER BY id")
        rows = cur.fetchall()
        cur.execute("SELECT count(*) FROM llm_calls WHERE row_to_json(llm_calls)::text LIKE %s",
                    ("%" + KEY + "%",))
        assert cur.fetchone()[0] == 0
    conn.close()
    assert len(rows) >= 2 and all(r[0] == "fake-model" for r in rows)


def test_offline_still_selectable(llm_stack, fake):
    token = token_for(llm_stack)
    script(fake, [])
    with llm_stack.client() as c:
        r = c.post("/generate-from-prompt", json={"prompt": PROMPT, "model": "offline"},
                   headers={"Authorization": "Bearer " + token})
    assert r.status_code == 201, r.text
    assert r.json()["planner"] == "offline"
    assert [q for q in requests_seen(fake) if q["path"].endswith("/chat/completions")] == []


def test_provider_failure_is_502_and_stores_nothing(llm_stack, fake):
    token = token_for(llm_stack)
    script(fake, [])
    with llm_stack.client(timeout=60) as c:
        r = c.post("/generate-from-prompt", json={"prompt": PROMPT, "model": "fake-500"},
                   headers={"Authorization": "Bearer " + token})
        assert r.status_code == 502, r.text
        assert r.json()["error"]["code"] == "llm_upstream"
        assert KEY not in r.text
        assert c.get("/projects", headers={"Authorization": "Bearer " + token}).json()["total"] == 0


def test_llm_generations_leave_a_worker_for_quick_requests(llm_stack, fake):
    # Two workers, so llm_max_concurrent defaults to 1: while one generation waits on a
    # slow model, a second one is refused at once (503 busy, before any event stream
    # starts), and the free worker still answers health and offline generations.
    assert llm_stack.workers == 2
    first, second = token_for(llm_stack), token_for(llm_stack)
    # Slow enough that the checks below finish well inside it, even on a loaded machine.
    script(fake, [{"kind": "slow", "delay": 4}])
    results = {}

    def slow_generation():
        with llm_stack.client(timeout=30) as c:
            results["slow"] = c.post("/generate-from-prompt", json={"prompt": PROMPT},
                                     headers={"Authorization": "Bearer " + first})

    t = threading.Thread(target=slow_generation)
    t.start()
    try:
        deadline = time.monotonic() + 5
        while not [q for q in requests_seen(fake) if q["path"].endswith("/chat/completions")]:
            assert time.monotonic() < deadline, "the slow generation never reached the model"
            time.sleep(0.02)
        auth = {"Authorization": "Bearer " + second}
        with llm_stack.client(timeout=10) as c:
            for headers in (auth, dict(auth, Accept="text/event-stream")):
                t0 = time.monotonic()
                r = c.post("/generate-from-prompt", json={"prompt": PROMPT}, headers=headers)
                assert r.status_code == 503, r.text
                assert time.monotonic() - t0 < 1.5, "the refusal waited for the slow one"
                assert r.headers["content-type"].startswith("application/json")
                assert r.json()["error"]["code"] == "busy"
                assert int(r.headers["retry-after"]) > 0
            t0 = time.monotonic()
            assert c.get("/health").status_code == 200
            r = c.post("/generate-from-prompt", json={"prompt": PROMPT, "model": "offline"},
                       headers=auth)
            assert r.status_code == 201, r.text
            assert time.monotonic() - t0 < 1.5, "quick requests waited for the slow one"
            assert t.is_alive(), "the slow generation ended before the checks were done"
    finally:
        t.join(30)
    assert results["slow"].status_code == 201, results["slow"].text
    # The place is free again: the refused user's generation now goes through.
    with llm_stack.client(timeout=30) as c:
        r = c.post("/generate-from-prompt", json={"prompt": PROMPT},
                   headers={"Authorization": "Bearer " + second})
    assert r.status_code == 201, r.text
    assert r.json()["planner"] == "llm"


def usage(s, token):
    with s.client(source_ip=s.fresh_ip()) as c:
        r = c.get("/usage", headers={"Authorization": "Bearer " + token})
    assert r.status_code == 200, r.text
    return r.json()


def test_llm_calls_count_against_a_daily_budget_whatever_their_outcome(llm_stack, fake):
    token = token_for(llm_stack)
    prompt = f"{PROMPT}, budget test {time.time_ns()}"  # not in the cache: a real call
    first = usage(llm_stack, token)
    assert first["llm_calls"] == {"used": 0, "limit": 100}
    assert 0 < first["resets_in_seconds"] <= 86400
    # A plan (no project stored) counts, and so does a call the provider failed.
    script(fake, [{"kind": "normal"}])
    with llm_stack.client(source_ip=llm_stack.fresh_ip()) as c:
        r = c.post("/plan", json={"prompt": prompt, "model": "fake-model"},
                   headers={"Authorization": "Bearer " + token})
    assert r.status_code == 200, r.text
    assert usage(llm_stack, token)["llm_calls"]["used"] == 1
    with llm_stack.client(source_ip=llm_stack.fresh_ip()) as c:
        r = c.post("/plan", json={"prompt": prompt, "model": "fake-500"},
                   headers={"Authorization": "Bearer " + token})
    assert r.status_code == 502, r.text
    used = usage(llm_stack, token)["llm_calls"]["used"]
    assert used >= 2, used
    # Spend the rest of today's budget (rows as the store writes them), then the next
    # request that would ask the model is refused before any call; offline still works.
    conn = psycopg2.connect(llm_stack.pg_url.replace("/postgres?", "/backforge?"))
    try:
        with conn, conn.cursor() as cur:
            cur.execute("SELECT user_id FROM llm_calls WHERE NOT cached ORDER BY id DESC LIMIT 1")
            uid = cur.fetchone()[0]
            cur.execute(
                "INSERT INTO llm_calls (user_id, provider, model, request_hash, http_status,"
                " outcome) SELECT %s, 'openai', 'fake-model', repeat('a', 64), 200, 'ok'"
                " FROM generate_series(1, %s)", (uid, 100 - used))
    finally:
        conn.close()
    before = len(requests_seen(fake))
    for path in ("/plan", "/generate-from-prompt"):
        with llm_stack.client(source_ip=llm_stack.fresh_ip()) as c:
            r = c.post(path, json={"prompt": prompt, "model": "fake-model"},
                       headers={"Authorization": "Bearer " + token})
        assert r.status_code == 429, r.text
        assert r.json()["error"]["code"] == "llm_budget_exceeded"
        assert 1 <= int(r.headers["retry-after"]) <= 86400
    assert len(requests_seen(fake)) == before, "the provider was called over budget"
    with llm_stack.client(source_ip=llm_stack.fresh_ip()) as c:
        r = c.post("/plan", json={"prompt": prompt, "model": "offline"},
                   headers={"Authorization": "Bearer " + token})
    assert r.status_code == 200, r.text
    assert usage(llm_stack, token)["llm_calls"] == {"used": 100, "limit": 100}
