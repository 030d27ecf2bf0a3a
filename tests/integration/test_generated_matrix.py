# The generated-project matrix: every valid spec is reviewed, generated and zipped by
# bf-render (twice: the same spec must give the same sha256), unzipped, served by uvicorn
# against a throwaway PostgreSQL database (GET /health must answer), and its own pytest suite
# must pass. Projects run several at a time.
import concurrent.futures
import glob
import json
import os
import secrets
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
import zipfile

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3"
SPECS = sorted(
    glob.glob(os.path.join(REPO, "tests/data/specs/valid/*.json"))
    + glob.glob(os.path.join(REPO, "tests/data/specs/codegen/*.json"))
)
# Projects mostly wait on PostgreSQL (DDL, fsync), so more run at once than there are cores.
WORKERS = 6
# Specs whose own action code is wrong, not the generator: reported to the spec owners.
KNOWN_BAD_CODE = {}


def _bf_render():
    build = os.environ.get("BACKFORGE_BUILD_DIR") or os.path.join(REPO, "build")
    tool = os.path.join(build, "tests/tools/bf-render")
    if not os.access(tool, os.X_OK):
        subprocess.run(["make", "-C", build, "tests/tools/bf-render"], check=True,
                       stdout=subprocess.DEVNULL)
    return tool


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def _admin(url, sql):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


def _check_health(project, env, log):
    port = _free_port()
    proc = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return f"uvicorn exited with {proc.returncode}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    body = json.load(r)
                    return None if r.status == 200 and body == {"status": "ok"} else f"{body}"
            except OSError:
                time.sleep(0.2)
        return "GET /health did not answer within 30 s"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _run_spec(spec, pg_url, tool, workdir):
    """Returns (ok, details) for one spec."""
    name = os.path.splitext(os.path.basename(spec))[0]
    out = os.path.join(workdir, name)
    os.makedirs(out)
    zip_path = os.path.join(out, "project.zip")
    r = subprocess.run([tool, "--templates", os.path.join(REPO, "templates"), "--zip", zip_path,
                        spec], capture_output=True, text=True)
    if r.returncode != 0:
        return False, f"bf-render failed: {r.stderr}"
    again = subprocess.run([tool, "--templates", os.path.join(REPO, "templates"), "--zip",
                            zip_path + ".again", spec], capture_output=True, text=True)
    if again.stdout != r.stdout:
        return False, f"the ZIP is not reproducible: {r.stdout.strip()} vs {again.stdout.strip()}"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(out)
        roots = {n.split("/", 1)[0] for n in z.namelist()}
    if len(roots) != 1:
        return False, f"the ZIP has {len(roots)} root folders"
    project = os.path.join(out, roots.pop())
    db = "bf_matrix_" + uuid.uuid4().hex[:12]
    _admin(pg_url, f'CREATE DATABASE "{db}"')
    try:
        env = dict(os.environ, DATABASE_URL=_with_database(pg_url, db), PYTHONDONTWRITEBYTECODE="1",
                   SECRET_KEY=secrets.token_urlsafe(48))
        with open(os.path.join(out, "uvicorn.log"), "w") as log:
            problem = _check_health(project, env, log)
        if problem:
            with open(os.path.join(out, "uvicorn.log")) as log:
                return False, f"{problem}\n{log.read()[-3000:]}"
        r = subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                           cwd=project, env=env, capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            return False, f"the project's tests failed:\n{r.stdout[-6000:]}{r.stderr[-2000:]}"
        return True, r.stdout.strip().splitlines()[-1]
    finally:
        _admin(pg_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


@pytest.fixture(scope="module")
def matrix(request):
    pg_url = os.environ.get("BACKFORGE_TEST_PG_URL")
    if not pg_url:
        try:
            pg_url = request.getfixturevalue("stack").pg_url
        except pytest.FixtureLookupError:
            pass
    if not pg_url:
        pytest.skip("BACKFORGE_TEST_PG_URL is not set: no PostgreSQL to run projects against")
    tool = _bf_render()
    with tempfile.TemporaryDirectory(prefix="bf-matrix-") as workdir:
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            futures = {spec: pool.submit(_run_spec, spec, pg_url, tool, workdir) for spec in SPECS}
            yield {spec: f.result() for spec, f in futures.items()}


def test_matrix_is_large_enough():
    assert len(SPECS) >= 15


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: os.path.splitext(os.path.basename(p))[0])
def test_generated_project_runs_and_passes_its_tests(matrix, spec):
    reason = KNOWN_BAD_CODE.get(os.path.splitext(os.path.basename(spec))[0])
    if reason:
        pytest.xfail(reason)
    ok, details = matrix[spec]
    assert ok, details
