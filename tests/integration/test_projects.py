"""Projects API through nginx against the real stack, with the offline planner: generate
from a prompt and from a spec, list, show, read files, download, delete, isolation
between users, refusals, progress events and the daily quota."""

import hashlib
import io
import json
import os
import zipfile

import httpx
import pytest

from conftest import unique_email

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPECS = os.path.join(REPO, "tests", "data", "specs")
TODO_PROMPT = "a todo API where users have projects and tasks with due dates"


def auth(token):
    return {"Authorization": "Bearer " + token}


def load_spec(name):
    with open(os.path.join(SPECS, "valid", name)) as f:
        return json.load(f)


def user_token(stack):
    email, password = unique_email("p"), "correct horse battery"
    with stack.client(source_ip=stack.fresh_ip()) as c:
        assert c.post("/auth/register", json={"email": email, "password": password}).status_code == 201
        r = c.post("/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        return r.json()["access_token"]


@pytest.fixture
def appdb(stack):
    """A psycopg2 connection to the platform's own database, autocommit."""
    import psycopg2

    conn = psycopg2.connect(stack.pg_url.replace("/postgres?", "/backforge?"))
    conn.autocommit = True
    yield conn
    conn.close()


def project_count(appdb):
    with appdb.cursor() as cur:
        cur.execute("SELECT count(*) FROM projects")
        return cur.fetchone()[0]


def test_generate_from_prompt_round_trip(stack, api):
    token = user_token(stack)
    r = api.post("/generate-from-prompt", json={"prompt": TODO_PROMPT}, headers=auth(token))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["version"] == 1 and body["status"] == "queued"
    assert body["planner"] == "offline"
    pid = body["project_id"]
    assert body["download_url"] == f"/api/projects/{pid}/download?version=1"
    assert r.headers["location"] == f"/api/projects/{pid}"

    r = api.get("/projects", headers=auth(token))
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 1 and page["items"][0]["id"] == pid

    r = api.get(f"/projects/{pid}", headers=auth(token))
    assert r.status_code == 200, r.text
    project = r.json()
    for key in ("id", "name", "status", "versions", "spec", "files"):
        assert key in project
    names = {e["name"] for e in project["spec"]["entities"]}
    assert {"Project", "Task"} <= names
    paths = {f["path"] for f in project["files"]}
    assert {"app/main.py", "requirements.txt", "README.md", "PROJECT_REPORT.md",
            "backforge.json", "Dockerfile", "docker-compose.yml"} <= paths

    r = api.get(f"/projects/{pid}/download", headers=auth(token))
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/zip"
    assert "attachment" in r.headers["content-disposition"]
    digest = hashlib.sha256(r.content).hexdigest()
    assert project["versions"][0]["sha256"] == digest
    assert r.headers["etag"] == f'"{digest}"'
    z = zipfile.ZipFile(io.BytesIO(r.content))
    root = project["name"] + "/"
    assert all(n.startswith(root) for n in z.namelist())
    main_py = z.read(root + "app/main.py").decode()

    r = api.get(f"/projects/{pid}/files/app/main.py", headers=auth(token))
    assert r.status_code == 200
    assert r.text == main_py
    r = api.get(f"/projects/{pid}/files/app/nope.py", headers=auth(token))
    assert r.status_code == 404
    r = api.get(f"/projects/{pid}/files/app/%2e%2e/%2e%2e/etc/passwd", headers=auth(token))
    assert r.status_code == 404
    r = api.get(f"/projects/{pid}/download?version=2", headers=auth(token))
    assert r.status_code == 404
    r = api.get(f"/projects/{pid}/download?version=abc", headers=auth(token))
    assert r.status_code == 422
    # A query that does not decode is refused whole, naming the parameter: never read as
    # "no version asked" (which would serve the latest version).
    many = "&".join(f"p{i}=1" for i in range(70))
    for query, path in ((f"{many}&version=abc", "$.query.p64"), ("version=%00", "$.query.version")):
        r = api.get(f"/projects/{pid}/download?{query}", headers=auth(token))
        assert r.status_code == 400, (query[:40], r.status_code)
        err = r.json()["error"]
        assert err["code"] == "bad_query"
        assert err["details"][0]["path"] == path


def test_other_users_projects_are_404(stack, api):
    owner, other = user_token(stack), user_token(stack)
    r = api.post("/generate", json={"spec": load_spec("14-minimal.json")}, headers=auth(owner))
    assert r.status_code == 201, r.text
    pid = r.json()["project_id"]
    for path in (f"/projects/{pid}", f"/projects/{pid}/download",
                 f"/projects/{pid}/files/README.md"):
        r = api.get(path, headers=auth(other))
        assert r.status_code == 404, path
        assert r.json()["error"]["code"] == "not_found"
    assert api.delete(f"/projects/{pid}", headers=auth(other)).status_code == 404
    assert api.get("/projects", headers=auth(other)).json()["total"] == 0
    # Still there for its owner; then deleted for good.
    assert api.get(f"/projects/{pid}", headers=auth(owner)).status_code == 200
    assert api.delete(f"/projects/{pid}", headers=auth(owner)).status_code == 204
    assert api.get(f"/projects/{pid}", headers=auth(owner)).status_code == 404
    assert api.delete(f"/projects/{pid}", headers=auth(owner)).status_code == 404


def test_same_spec_same_bytes(stack, api):
    token = user_token(stack)
    spec = load_spec("01-todo.json")
    shas = []
    for _ in range(2):
        r = api.post("/generate", json=spec, headers=auth(token))
        assert r.status_code == 201, r.text
        shas.append(r.json()["sha256"])
    assert shas[0] == shas[1]


def test_refused_spec_is_422_with_paths_and_stores_nothing(stack, api, appdb):
    token = user_token(stack)
    before = project_count(appdb)
    spec = load_spec("14-minimal.json")
    spec["entities"][0]["fields"][0]["type"] = "strnig"
    r = api.post("/generate", json={"spec": spec}, headers=auth(token))
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "validation_failed"
    assert isinstance(err["details"], list) and err["details"]
    assert all(set(d) == {"path", "message"} for d in err["details"])
    assert any(d["path"].startswith("$.entities[0].fields[0]") for d in err["details"])
    assert project_count(appdb) == before


def test_spec_over_the_size_limit_is_refused_before_review(stack, api, appdb):
    """The API takes bodies up to 1 MiB; a spec in it is held to the same 256 KiB limit
    as one from the CLI or the LLM, before review runs on it."""
    token = user_token(stack)
    before = project_count(appdb)
    spec = load_spec("14-minimal.json")
    spec["entities"][0]["description"] = "x" * (300 * 1024)
    r = api.post("/generate", json={"spec": spec}, headers=auth(token))
    assert r.status_code == 422, r.text[:300]
    details = r.json()["error"]["details"]
    assert details[0]["path"] == "$", details
    assert "262144" in details[0]["message"], details
    assert project_count(appdb) == before


def test_specs_too_large_to_verify_are_422_and_store_nothing(stack, api, appdb):
    """Review holds a spec to 800 fields in all; one whose suite would still pass the step
    cap (each one-to-one link's row needs parents of its own, and theirs, ...) is refused
    with its own code instead of failing the generation."""
    token = user_token(stack)
    before = project_count(appdb)
    wide = {"spec_version": 1, "name": "wide", "entities": [
        {"name": f"Wide{i}", "fields": [{"name": f"f{j}", "type": "string"} for j in range(100)]}
        for i in range(11)]}
    r = api.post("/generate", json={"spec": wide}, headers=auth(token))
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"]["code"] == "validation_failed"
    assert any("1100 fields in all" in d["message"] for d in r.json()["error"]["details"])
    chain = {"spec_version": 1, "name": "chain", "entities": [
        {"name": f"Link{i}", "fields": [{"name": "a", "type": "string"}] + [
            {"name": f"l{k}_id", "type": "reference", "entity": f"Link{k}", "unique": True}
            for k in range(i)][:19]} for i in range(30)]}
    r = api.post("/generate", json={"spec": chain}, headers=auth(token))
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"]["code"] == "spec_too_large"
    assert project_count(appdb) == before


@pytest.mark.parametrize("body, path", [
    ({}, "$.prompt"),
    ({"prompt": ""}, "$.prompt"),
    ({"prompt": 42}, "$.prompt"),
    ({"prompt": "x" * 5000}, "$.prompt"),
    ({"prompt": TODO_PROMPT, "model": 7}, "$.model"),
    ({"prompt": TODO_PROMPT, "model": "no-such-model"}, "$.model"),
])
def test_bad_prompt_requests(stack, api, body, path):
    token = user_token(stack)
    r = api.post("/generate-from-prompt", json=body, headers=auth(token))
    assert r.status_code == 422, r.text
    assert path in [d["path"] for d in r.json()["error"]["details"]]


def test_unrecognized_prompt(stack, api):
    token = user_token(stack)
    r = api.post("/generate-from-prompt", json={"prompt": "hello there"}, headers=auth(token))
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "unrecognized_prompt"


def test_generation_needs_a_token(stack, api):
    r = api.post("/generate-from-prompt", json={"prompt": TODO_PROMPT})
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert api.get("/projects").status_code == 401


def test_progress_as_server_sent_events(stack, api):
    token = user_token(stack)
    headers = dict(auth(token), Accept="text/event-stream")
    with api.stream("POST", "/generate-from-prompt", json={"prompt": TODO_PROMPT},
                    headers=headers) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        text = r.read().decode()
    events = []
    for block in text.split("\n\n"):
        event = {}
        for line in block.splitlines():
            if line.startswith("event: "):
                event["event"] = line[7:]
            elif line.startswith("data: "):
                event["data"] = json.loads(line[6:])
        if event:
            events.append(event)
    stages = [e["data"]["stage"] for e in events if e["event"] == "stage"]
    assert stages == ["planning", "reviewing", "generating", "packaging", "stored"]
    result = [e["data"] for e in events if e["event"] == "result"]
    assert len(result) == 1 and result[0]["version"] == 1
    r = api.get(f"/projects/{result[0]['project_id']}", headers=auth(token))
    assert r.status_code == 200


def test_plan_stores_nothing(stack, api, appdb):
    token = user_token(stack)
    before = project_count(appdb)
    r = api.post("/plan", json={"prompt": TODO_PROMPT}, headers=auth(token))
    assert r.status_code == 200, r.text
    plan = r.json()
    assert plan["review"]["errors"] == []
    assert any(f["path"] == "app/main.py" for f in plan["files"])
    assert plan["estimate"]["cost_usd"] == 0
    assert "understood" in plan["notes"]
    assert project_count(appdb) == before


def test_models_and_schema(stack, api):
    r = api.get("/models")
    assert r.status_code == 200
    models = r.json()["models"]
    assert models[0]["id"] == "offline" and models[0]["default"] is True
    r = api.get("/spec-schema")
    assert r.status_code == 200
    schema = r.json()
    assert schema.get("type") == "object" and "entities" in schema["properties"]


def test_daily_quota(stack, api, appdb):
    token = user_token(stack)
    spec = load_spec("14-minimal.json")
    for i in range(5):
        r = api.post("/generate", json=spec, headers=auth(token))
        assert r.status_code == 201, (i, r.text)
    r = api.post("/generate", json=spec, headers=auth(token))
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "quota_exceeded"
    assert 0 < int(r.headers["retry-after"]) <= 86400
    assert api.get("/projects", headers=auth(token)).json()["total"] == 5


def test_audit_rows_for_project_mutations(stack, api, appdb):
    token = user_token(stack)
    r = api.post("/generate", json=load_spec("14-minimal.json"), headers=auth(token))
    pid = r.json()["project_id"]
    assert api.delete(f"/projects/{pid}", headers=auth(token)).status_code == 204
    with appdb.cursor() as cur:
        cur.execute("SELECT action FROM audit_log WHERE target = %s ORDER BY id",
                    (f"project:{pid}",))
        assert [row[0] for row in cur.fetchall()] == ["project.create", "project.delete"]
