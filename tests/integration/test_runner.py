# The verification runner against the real stack: a generated project goes queued ->
# verifying -> verified with a report; generated code that attacks the sandbox from inside
# (an action's code is any Python) is contained and named, and the runner goes on; the
# API around it (verifications, verify, verify-report, other users 404); kill -9 of the
# runner mid-job and the job still completes exactly once.
import hashlib
import io
import json
import os
import signal
import subprocess
import time
import zipfile

import pytest

from bfstack import REPO, proc_stat, unique_email

FINAL = ("verified", "failed", "error")


def auth(token):
    return {"Authorization": "Bearer " + token}


def user_token(stack):
    email, password = unique_email("run"), "correct horse battery"
    with stack.client(source_ip=stack.fresh_ip()) as c:
        assert c.post("/auth/register", json={"email": email, "password": password}).status_code == 201
        r = c.post("/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        return r.json()["access_token"]


def wait_final(api, token, pid, timeout=300, seen=None, stages=None, pause=0.1):
    """Polls the project until its status is final. seen collects the statuses in order,
    stages every stage report of a running verification."""
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        r = api.get(f"/projects/{pid}", headers=auth(token))
        assert r.status_code == 200, r.text
        body = r.json()
        if seen is not None and (not seen or seen[-1] != body["status"]):
            seen.append(body["status"])
        lv = body.get("latest_verification") or {}
        if stages is not None and lv.get("stage"):
            assert lv["status"] == "running", lv
            stages.append(lv["stage"])
        if body["status"] in FINAL:
            return body
        time.sleep(pause)
    raise AssertionError(f"project {pid} not final in {timeout}s: {body and body['status']}")


def latest_report(api, token, pid):
    r = api.get(f"/projects/{pid}/verifications", headers=auth(token))
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert items, "no verification stored"
    return items[0]


def action(name, code):
    return {
        "name": name,
        "method": "POST",
        "path": f"/probe/{name.replace('_', '-')}",
        "summary": f"sandbox probe {name}",
        "input": [{"name": "n", "type": "integer", "required": True}],
        "output": [{"name": "result", "type": "string"}],
        "code": code,
        "examples": [{"input": {"n": 1}, "output": {"result": "blocked"}}],
    }


def spec_with(name, actions):
    return {
        "spec_version": 1,
        "name": name,
        "title": name.replace("-", " ").title(),
        "description": "Sandbox containment probes",
        "auth": {"enabled": False},
        "entities": [],
        "actions": actions,
    }


def generate(api, token, spec):
    r = api.post("/generate", json={"spec": spec}, headers=auth(token))
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "queued"
    return r.json()["project_id"]


def download(api, token, pid, query=""):
    r = api.get(f"/projects/{pid}/download{query}", headers=auth(token))
    assert r.status_code == 200, r.text
    return r


def report_md(content):
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        name = [n for n in z.namelist() if n.endswith("/PROJECT_REPORT.md")][0]
        return z.read(name).decode()


def three_entities():
    with open(os.path.join(REPO, "bench", "specs", "three-entities.json")) as f:
        return json.load(f)


def calculator():
    with open(os.path.join(REPO, "tests", "golden", "specs", "calculator.json")) as f:
        return json.load(f)


# --- the flow -----------------------------------------------------------------------------


def test_generated_project_is_verified_with_a_report(stack, api):
    token = user_token(stack)
    spec = three_entities()
    pid = generate(api, token, spec)
    seen = []
    body = wait_final(api, token, pid, seen=seen)
    assert body["status"] == "verified", (seen, body.get("latest_verification"))
    assert seen[0] in ("queued", "verifying", "verified")
    lv = body["latest_verification"]
    assert lv["version"] == 1 and lv["status"] == "passed" and lv["attempt"] == 1
    assert lv["summary"]["failed"] == 0 and lv["summary"]["total"] >= 1
    assert lv["started_at"] and lv["finished_at"]
    # the list carries the same status and latest verification
    r = api.get("/projects", headers=auth(token))
    item = [p for p in r.json()["items"] if p["id"] == pid][0]
    assert item["status"] == "verified" and item["latest_verification"]["id"] == lv["id"]
    v = latest_report(api, token, pid)
    assert v["source"] == "runner" and v["id"] == lv["id"]
    assert any(t["group"] == "health" and t["verdict"] == "pass" for t in v["tests"])
    assert v["summary"]["failed"] == 0 and v["summary"]["total"] == len(v["tests"])
    assert v["pytest"]["status"] == "passed", v["pytest"]
    assert "passed" in v["pytest"]["summary"]
    # the tail is the app's own log of the suite's requests
    assert '"POST /auth/register HTTP/1.1"' in v["log_tail"], v["log_tail"][-500:]
    assert v["summary"]["total"] > 50, "the whole derived suite ran, not only health"
    assert {"startup_ms", "pytest_ms", "total_ms"} <= set(v["timings"])
    assert_download_carries_the_result(api, token, pid, lv)


def assert_download_carries_the_result(api, token, pid, lv):
    """The ZIP of a verified version says so in PROJECT_REPORT.md and differs from the
    version's ZIP as generated (?original=1, whose sha256 the project lists) in that file
    only; the header and the report name the version's sha256."""
    stamped, original = download(api, token, pid), download(api, token, pid, "?original=1")
    version_sha = api.get(f"/projects/{pid}", headers=auth(token)).json()["versions"][0]["sha256"]
    assert hashlib.sha256(original.content).hexdigest() == version_sha
    assert original.headers["ETag"] == f'"{version_sha}"'
    assert hashlib.sha256(stamped.content).hexdigest() == lv["report_zip_sha256"]
    assert stamped.headers["ETag"] == f'"{lv["report_zip_sha256"]}"'
    assert stamped.headers["X-Backforge-Version-Sha256"] == version_sha
    a, b = zipfile.ZipFile(io.BytesIO(original.content)), zipfile.ZipFile(io.BytesIO(stamped.content))
    assert a.namelist() == b.namelist()
    differ = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert len(differ) == 1 and differ[0].endswith("/PROJECT_REPORT.md"), differ
    md = report_md(stamped.content)
    assert "**Verified.**" in md and "Not yet verified" not in md, md[-1500:]
    assert version_sha in md and f"(verification {lv['id']})" in md
    s = lv["summary"]
    assert f"{s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped of {s['total']}" in md
    assert "Not yet verified" in report_md(original.content)
    r = api.get(f"/projects/{pid}/files/PROJECT_REPORT.md", headers=auth(token))
    assert r.status_code == 200 and "**Verified.**" in r.text, "the file view shows it too"
    r = api.get(f"/projects/{pid}/download?original=yes", headers=auth(token))
    assert r.status_code == 422 and r.json()["error"]["details"][0]["path"] == "$.query.original"


def test_a_running_verification_names_its_stage(stack, api):
    token = user_token(stack)
    spec = three_entities()
    pid = generate(api, token, spec)
    stages = []
    body = wait_final(api, token, pid, stages=stages, pause=0.02)
    lv = body["latest_verification"]
    assert body["status"] == "verified" and lv["stage"] is None, lv
    names = [s["name"] for s in stages]
    assert set(names) <= {"preparing", "starting", "suite", "pytest", "finishing"}, names
    # the suite and pytest take seconds each: a 20 ms poll sees both, in that order
    assert "suite" in names and "pytest" in names, names
    assert names.index("suite") < names.index("pytest"), names
    suite = [s for s in stages if s["name"] == "suite"]
    total = lv["summary"]["total"]
    assert all(s["steps"] == total and 0 <= s["step"] <= total for s in suite), suite
    steps = [s["step"] for s in suite]
    assert steps == sorted(steps) and len(set(steps)) > 1, steps
    assert all(set(s) == {"name"} for s in stages if s["name"] != "suite"), stages


def test_app_that_cannot_start_fails_with_its_traceback(stack, api):
    token = user_token(stack)
    spec = spec_with("broken-import", [action("boom", 'return {"result": "blocked"}')])
    pid = generate(api, token, spec)
    # Break the stored version's app (as a bad fix would): the runner must say why.
    import io
    import zipfile

    import psycopg2

    conn = psycopg2.connect(stack.pg_url.replace("/postgres?", "/backforge?"))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT zip FROM project_versions WHERE project_id = %s", (pid,))
        src = zipfile.ZipFile(io.BytesIO(bytes(cur.fetchone()[0])))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for info in src.infolist():
                data = src.read(info)
                if info.filename.endswith("app/main.py"):
                    data = b"import no_such_module_here\n" + data
                z.writestr(info, data)
        cur.execute("UPDATE project_versions SET zip = %s WHERE project_id = %s",
                    (psycopg2.Binary(out.getvalue()), pid))
        cur.execute("INSERT INTO verifications (project_id, version) VALUES (%s, 1)", (pid,))
    conn.close()
    wait_final(api, token, pid)
    # the first job may have run on the good ZIP; wait for the one queued on the broken one
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        v = latest_report(api, token, pid)
        if v["status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    assert v["status"] == "failed", v
    assert "never came up" in v["reason"] and "no_such_module_here" in v["reason"], v["reason"]
    assert "ModuleNotFoundError" in v["log_tail"]
    md = report_md(download(api, token, pid).content)
    assert "**Verification failed:** the app never came up" in md, md[-1500:]


# --- containment --------------------------------------------------------------------------

# Each probe returns "blocked" when the sandbox held; anything else fails the project's own
# example test, which names the probe in the pytest output of the report.
PROBES = {
    "net_platform_https": """
import socket
try:
    socket.create_connection(("127.0.0.1", {https}), 2).close()
    return {{"result": "escaped: reached the platform's HTTPS port"}}
except OSError:
    pass
try:
    socket.create_connection(("1.1.1.1", 53), 2).close()
    return {{"result": "escaped: reached the internet"}}
except OSError:
    return {{"result": "blocked"}}
""",
    "platform_pg_socket": """
import os, socket
for path in ["{run}/.s.PGSQL.{pgport}", "/var/run/postgresql/.s.PGSQL.5432"]:
    try:
        s = socket.socket(socket.AF_UNIX)
        s.connect(path)
        return {{"result": "escaped: " + path}}
    except OSError:
        pass
return {{"result": "blocked"}}
""",
    "verify_pg_superuser": """
import os, psycopg2
try:
    psycopg2.connect(host="/run/db", dbname="postgres", user="postgres", connect_timeout=3).close()
    return {{"result": "escaped: superuser without a password"}}
except psycopg2.Error:
    pass
url = os.environ["DATABASE_URL"]
try:
    psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres?host=/run/db", connect_timeout=3).close()
    return {{"result": "escaped: the job role reached another database"}}
except psycopg2.Error:
    return {{"result": "blocked"}}
""",
    "read_secrets": """
for path in ["/etc/shadow", "/etc/passwd", "{state}/secrets/jwt.key", "{state}/backforge.conf",
             "{state}/secrets/verify-pg.pw", "/root/.bash_history"]:
    try:
        open(path).read(1)
        return {{"result": "escaped: read " + path}}
    except OSError:
        pass
return {{"result": "blocked"}}
""",
    "other_jobs_and_env": """
import os
try:
    os.listdir("{state}/runner")
    return {{"result": "escaped: listed the runner's work dir"}}
except OSError:
    pass
allowed = {{"PATH", "HOME", "LANG", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED",
           "DATABASE_URL", "SECRET_KEY", "PASSWORD_HASH_ITERATIONS", "PWD", "PYTEST_CURRENT_TEST",
           "LC_CTYPE"}}
extra = set(os.environ) - allowed
if extra:
    return {{"result": "escaped: environment " + ",".join(sorted(extra))}}
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            cmd = open(f"/proc/{{pid}}/cmdline", "rb").read()
            env = open(f"/proc/{{pid}}/environ", "rb").read()
        except OSError:
            continue
        if b"backforge" in cmd or b"BACKFORGE" in env:
            return {{"result": "escaped: saw " + cmd.decode(errors="replace")}}
return {{"result": "blocked"}}
""",
    "write_outside": """
import os
for path in ["/usr/bf-escape", "/usr/lib/bf-escape", "{state}/bf-escape"]:
    try:
        with open(path, "w") as f:
            f.write("x")
        return {{"result": "escaped: wrote " + path}}
    except OSError:
        pass
return {{"result": "blocked"}}
""",
    "fork_bomb": """
import os, time
kids = []
try:
    for i in range(5000):
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        kids.append(pid)
    result = "escaped: forked 5000 processes"
except OSError:
    result = "blocked"
for pid in kids:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
return {{"result": result}}
""",
    "allocate_10g": """
try:
    block = bytearray(10 * 1024 ** 3)
    return {{"result": "escaped: allocated 10 GB"}}
except MemoryError:
    return {{"result": "blocked"}}
""",
}


def probe_code(stack, name):
    return PROBES[name].format(
        https=stack.https_port, run=stack.run_dir, pgport=stack.pg_port, state=stack.state_dir
    ).strip()


def test_attacks_from_generated_code_are_contained(stack, api):
    token = user_token(stack)
    runner = stack.runner_pid()
    actions = [action(n, probe_code(stack, n)) for n in PROBES]
    pid = generate(api, token, spec_with("sandbox-probes", actions))
    body = wait_final(api, token, pid)
    v = latest_report(api, token, pid)
    # Every probe's example passed inside the sandbox: nothing escaped.
    assert v["pytest"]["status"] == "passed", v["pytest"]["output_tail"]
    passed = int(v["pytest"]["summary"].split(" passed")[0].split()[-1])
    assert passed >= len(PROBES) and "failed" not in v["pytest"]["summary"], v["pytest"]
    assert body["status"] == "verified", v["reason"]
    assert not os.path.exists(os.path.join(stack.state_dir, "bf-escape"))
    assert not os.path.exists("/usr/bf-escape")
    assert stack.runner_pid() == runner and proc_stat(runner) is not None
    # its job directory is gone
    left = [n for n in os.listdir(os.path.join(stack.state_dir, "runner"))
            if n.startswith(f"job-{v['id']}-")]
    assert left == []


FATAL = {
    # seccomp kills the process at the forbidden call (SIGSYS), and the report says so
    "ptrace": (
        """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace(0, 0, None, None)
return {"result": "escaped: ptrace returned"}
""",
        "SIGSYS",
    ),
    "spin_forever": ("while True:\n    pass", "CPU time limit"),
    # pytest captures fds 1 and 2; an attacker finds the sandbox's own pipe and floods it
    "flood_stdout": (
        """
import os
fds = []
for n in os.listdir("/proc/self/fd"):
    try:
        if os.readlink(f"/proc/self/fd/{n}").startswith("pipe:"):
            fds.append(int(n))
    except OSError:
        pass
chunk = b"x" * 65536
while True:
    for fd in fds:
        os.write(fd, chunk)
""",
        "output flood",
    ),
}


@pytest.mark.parametrize("name", sorted(FATAL))
def test_fatal_attacks_are_stopped_and_named(stack, api, name):
    token = user_token(stack)
    runner = stack.runner_pid()
    code, words = FATAL[name]
    pid = generate(api, token, spec_with(f"probe-{name.replace('_', '-')}", [action(name, code.strip())]))
    body = wait_final(api, token, pid)
    v = latest_report(api, token, pid)
    assert body["status"] == "failed", v
    assert words in v["pytest"]["verdict"], v["pytest"]
    assert words in v["reason"], v["reason"]
    assert stack.runner_pid() == runner and proc_stat(runner) is not None
    assert stack.wait_healthy(5).status_code == 200
    # the runner goes on: the next project verifies
    pid2 = generate(api, token, calculator())
    assert wait_final(api, token, pid2)["status"] == "verified"


# An app whose action takes every process its user may have (its first example forks until
# refused, the children live on) while the suite runs (each further example holds it a
# second: the app itself still serves, one request at a time, on the thread it has). With a
# uid of its own per sandbox (a root runner's pool), that is the app's own budget only: its
# pytest beside it goes on forking, and another slot's job verifies. On a shared uid both
# would starve (RLIMIT_NPROC counts per user).
HOARD = """
import os, sys, time
if "pytest" not in sys.modules:
    if n == 1:
        stop = time.monotonic() + 2
        try:
            while time.monotonic() < stop:
                if os.fork() == 0:
                    time.sleep(60)
                    os._exit(0)
        except OSError:
            pass
    else:
        time.sleep(1)
    return {"result": "blocked"}
if n != 1:
    return {"result": "blocked"}
deadline = time.monotonic() + 6
while time.monotonic() < deadline:
    try:
        pid = os.fork()
    except OSError:
        return {"result": "starved: no process left for the tests"}
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    time.sleep(0.2)
return {"result": "blocked"}
"""


def hoarded_uids(min_procs=30):
    """uids of the sandbox pool running at least min_procs processes (the hoard)."""
    counts = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/status") as f:
                uid = int(next(l for l in f if l.startswith("Uid:")).split()[1])
        except (OSError, StopIteration, ValueError):
            continue
        if uid >= 1_900_000_000:
            counts[uid] = counts.get(uid, 0) + 1
    return {u for u, n in counts.items() if n >= min_procs}


@pytest.mark.skipif(os.geteuid() != 0, reason="a uid per sandbox needs a root runner")
def test_a_forking_app_starves_neither_its_tests_nor_another_job(stack, api):
    token = user_token(stack)
    hoard = action("hoard", HOARD.strip())
    hoard["examples"] = [{"input": {"n": n}, "output": {"result": "blocked"}} for n in range(1, 9)]
    pid = generate(api, token, spec_with("fork-hoard", [hoard]))
    deadline = time.monotonic() + 120
    while not hoarded_uids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hoarded_uids(), "the app never forked its processes"
    # the other slot, while the hoard stands (seven more examples, a second each)
    other = generate(api, token, calculator())
    body = wait_final(api, token, pid)
    v = latest_report(api, token, pid)
    assert v["timings"]["pytest_parallel"] is True, v["timings"]
    assert v["pytest"]["status"] == "passed", v["pytest"]["output_tail"]
    failing = [(t["name"], t.get("reason")) for t in v["tests"] if t["verdict"] != "pass"]
    assert body["status"] == "verified", (v["reason"], failing, v["log_tail"][-1500:])
    done = wait_final(api, token, other)
    assert done["status"] == "verified", latest_report(api, token, other)["reason"]


# --- the API around it --------------------------------------------------------------------


def test_verify_again_and_external_reports(stack, api):
    token, other = user_token(stack), user_token(stack)
    pid = generate(api, token, calculator())
    first = wait_final(api, token, pid)
    assert first["status"] == "verified"

    for method, path in (("get", "verifications"), ("post", "verify"), ("post", "verify-report")):
        r = getattr(api, method)(f"/projects/{pid}/{path}", headers=auth(other),
                                 **({"json": {}} if method == "post" else {}))
        assert r.status_code == 404, (path, r.text)

    r = api.post(f"/projects/{pid}/verify", headers=auth(token))
    assert r.status_code == 202, r.text
    vid = r.json()["verification_id"]
    assert r.json()["version"] == 1
    done = wait_final(api, token, pid)
    deadline = time.monotonic() + 120
    while done["latest_verification"]["id"] != vid and time.monotonic() < deadline:
        time.sleep(0.2)
        done = wait_final(api, token, pid)
    assert done["latest_verification"]["id"] == vid and done["status"] == "verified"

    bad = api.post(f"/projects/{pid}/verify-report", headers=auth(token),
                   json={"summary": {"total": 1}, "tests": []})
    assert bad.status_code == 422, bad.text
    bad = api.post(f"/projects/{pid}/verify-report", headers=auth(token),
                   json={"summary": {"total": 1, "passed": 0, "failed": 1, "skipped": 0},
                         "tests": [{"name": "x", "verdict": "maybe"}]})
    assert bad.status_code == 422
    report = {"summary": {"total": 2, "passed": 1, "failed": 1, "skipped": 0},
              "tests": [{"name": "health", "group": "health", "verdict": "pass", "duration_ms": 3},
                        {"name": "tasks: create", "verdict": "fail", "duration_ms": 9}],
              "base_url": "https://example.test"}
    r = api.post(f"/projects/{pid}/verify-report", headers=auth(token), json=report)
    assert r.status_code == 201, r.text
    assert r.json()["source"] == "external" and r.json()["status"] == "failed"
    # kept beside ours, newest first, and the project's own status is untouched
    items = api.get(f"/projects/{pid}/verifications", headers=auth(token)).json()["items"]
    assert items[0]["source"] == "external" and items[0]["tests"][1]["verdict"] == "fail"
    assert any(i["source"] == "runner" for i in items)
    p = api.get(f"/projects/{pid}", headers=auth(token)).json()
    assert p["status"] == "verified" and p["latest_verification"]["id"] == vid
    big = {"summary": {"total": 0, "passed": 0, "failed": 0, "skipped": 0},
           "tests": [], "base_url": "x" * 600_000}
    r = api.post(f"/projects/{pid}/verify-report", headers=auth(token), json=big)
    assert r.status_code in (413, 422), r.status_code


def test_backforgectl_jobs_lists_the_queue(stack, api):
    token = user_token(stack)
    generate(api, token, calculator())
    r = subprocess.run([os.path.join(stack.build_dir, "backforgectl"), "--config",
                        os.path.join(stack.state_dir, "backforge.conf"), "jobs", "--all"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].split()[:5] == ["ID", "PROJECT", "VER", "SOURCE", "STATUS"]
    assert len(r.stdout.splitlines()) >= 2


# --- faults -------------------------------------------------------------------------------


def test_runner_killed_mid_job_completes_the_job_once(stack, api):
    token = user_token(stack)
    spec = three_entities()
    spec["name"] = "killed-mid-job"
    pid = generate(api, token, spec)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if api.get(f"/projects/{pid}", headers=auth(token)).json()["status"] == "verifying":
            break
        time.sleep(0.05)
    else:
        pytest.fail("the job never started")
    time.sleep(0.5)  # inside the sandbox by now
    runner = stack.runner_pid()
    os.kill(runner, signal.SIGKILL)
    stack.reaper.wait_exit(runner, 10)
    stack.ctl("start-runner")
    body = wait_final(api, token, pid)
    assert body["status"] == "verified", body["latest_verification"]
    import psycopg2

    conn = psycopg2.connect(stack.pg_url.replace("/postgres?", "/backforge?"))
    with conn.cursor() as cur:
        cur.execute("SELECT status, tries FROM verifications WHERE project_id = %s", (pid,))
        rows = cur.fetchall()
    conn.close()
    assert rows == [("passed", 2)], rows  # one job, run twice, completed once


def platform_db(stack):
    import psycopg2

    conn = psycopg2.connect(stack.pg_url.replace("/postgres?", "/backforge?"))
    conn.autocommit = True
    return conn


def verification_rows(stack, pids):
    conn = platform_db(stack)
    with conn.cursor() as cur:
        cur.execute("SELECT project_id, status, tries, runner_id FROM verifications "
                    "WHERE project_id = ANY(%s) AND source = 'runner' ORDER BY id", (list(pids),))
        rows = cur.fetchall()
    conn.close()
    return rows


def test_two_runners_share_the_queue_and_verify_each_job_once(stack, api):
    conf = os.path.join(stack.state_dir, "backforge.conf")
    env = {k: v for k, v in stack.env().items() if k.startswith("BACKFORGE_RUNNER_")
           or k.startswith("BACKFORGE_SANDBOX_")}
    env.update(PATH=os.environ.get("PATH", "/usr/bin:/bin"))
    log = open(os.path.join(stack.log_dir, "runner-2.log"), "ab")
    second = subprocess.Popen([os.path.join(stack.build_dir, "backforge-runner"), "--config", conf],
                              env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    try:
        spec = calculator()
        pids = []
        # 16 jobs for 2 runners of 2 slots each: every slot claims several times, so a
        # double claim or a lost job would show. The daily quota is 5 per user.
        tokens = [user_token(stack) for _ in range(4)]
        for i in range(16):
            spec["name"] = f"queue-{i}"
            pids.append((tokens[i // 5], generate(api, tokens[i // 5], spec)))
        for token, pid in pids:
            assert wait_final(api, token, pid, timeout=600)["status"] == "verified"
        rows = verification_rows(stack, [p for _, p in pids])
        assert sorted(r[0] for r in rows) == sorted(p for _, p in pids)  # one job each
        assert all(r[1] == "passed" and r[2] == 1 for r in rows), rows  # run once, passed
        assert len({r[3].rsplit(":", 1)[1] for r in rows}) == 2, "both runners took jobs"
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
        log.close()


def test_verification_database_restart_mid_job_retries_it(stack, api):
    token = user_token(stack)
    runner = stack.runner_pid()
    spec = three_entities()
    spec["name"] = "vpg-restart"
    pid = generate(api, token, spec)
    deadline = time.monotonic() + 120
    while api.get(f"/projects/{pid}", headers=auth(token)).json()["status"] != "verifying":
        assert time.monotonic() < deadline, "the job never started"
        time.sleep(0.05)
    time.sleep(1.0)
    stack.ctl("restart-vpg")
    body = wait_final(api, token, pid)
    assert body["status"] == "verified", body["latest_verification"]
    rows = verification_rows(stack, [pid])
    assert len(rows) == 1 and rows[0][1] == "passed" and rows[0][2] >= 2, rows
    assert stack.runner_pid() == runner and proc_stat(runner) is not None


def test_platform_database_restart_runner_reconnects(stack, api):
    runner = stack.runner_pid()
    stack.ctl("restart-pg")
    stack.wait_healthy(30)
    token = user_token(stack)
    pid = generate(api, token, calculator())
    assert wait_final(api, token, pid)["status"] == "verified"
    assert stack.runner_pid() == runner
