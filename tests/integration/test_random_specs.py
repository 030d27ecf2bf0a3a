# The property behind "verified": every spec review accepts gives a backend that passes its own
# tests, every step of its verification suite (exploit probes included) and the hostile client
# of test_hostile.py. The specs come from randspec.py, one per seed: BF_RANDOM_SPECS=N runs
# N seeds from BF_RANDOM_FIRST (default 4 from 0; a campaign runs hundreds), BF_RANDOM_SEED=S
# runs that seed alone.
# A failure names the seed, so `BF_RANDOM_SEED=S` replays it and randspec.random_spec(S) shows
# the spec.
import concurrent.futures
import json
import os
import secrets
import subprocess
import tempfile
import uuid

import pytest

import genproj
import randspec
import test_hostile
import test_suite_run

PYTHON = "/usr/bin/python3"
WORKERS = 3


def _seeds():
    if os.environ.get("BF_RANDOM_SEED"):
        return [int(os.environ["BF_RANDOM_SEED"])]
    first = int(os.environ.get("BF_RANDOM_FIRST", "0"))
    return list(range(first, first + int(os.environ.get("BF_RANDOM_SPECS", "4"))))


def _lint(project):
    """flake8 on the generated project: '' or its findings. Lines past 100 characters are let
    through: 63-character names make them (a known gap, docs/codegen.md)."""
    r = subprocess.run([PYTHON, "-m", "flake8", "--max-line-length", "100",
                        "--extend-ignore", "E501", "."], cwd=project, capture_output=True,
                       text=True)
    return "" if r.returncode == 0 else f"flake8:\n{r.stdout[-3000:]}{r.stderr[-1000:]}"


def _own_tests(project, pg_url):
    """The generated project's pytest suite on a database of its own: '' or what failed."""
    db = "bf_random_" + uuid.uuid4().hex[:12]
    genproj.admin(pg_url, f'CREATE DATABASE "{db}"')
    try:
        env = dict(os.environ, DATABASE_URL=genproj.with_database(pg_url, db),
                   PYTHONDONTWRITEBYTECODE="1", SECRET_KEY=secrets.token_urlsafe(48))
        r = subprocess.run([PYTHON, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"],
                           cwd=project, env=env, capture_output=True, text=True, timeout=600)
        return "" if r.returncode == 0 else f"its own tests failed:\n{r.stdout[-4000:]}"
    finally:
        genproj.admin(pg_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def _suite(project, pg_url, workdir):
    """Every step of the verification suite through the C interpreter: '' or the failures."""
    uds = os.path.join(workdir, "app.sock")
    server = test_suite_run.Server(project, pg_url, os.path.join(workdir, "uvicorn.log"), uds=uds)
    try:
        r = subprocess.run([genproj.tool("bf-suite"), "run",
                            os.path.join(project, "verify", "suite.json"), "--unix", uds],
                           capture_output=True, text=True, timeout=900)
    finally:
        server.close()
    if r.returncode not in (0, 1):
        return f"bf-suite run failed: {r.stderr[-2000:]}"
    failed = [t for t in json.loads(r.stdout)["tests"] if t["verdict"] != "pass"]
    return "".join(f"suite step failed: {t['name']}: {t.get('reason')}\n" for t in failed[:10])


def _hostile(spec_path, pg_url, workdir):
    p = test_hostile._attack(spec_path, pg_url, genproj.tool("bf-render"), workdir)
    return "".join(f"hostile: {f}\n" for f in p.findings[:10])


def _check(seed, pg_url, root):
    """'' when the seed's spec holds, else what went wrong."""
    workdir = os.path.join(root, f"seed-{seed}")
    os.makedirs(workdir)
    spec_path = os.path.join(workdir, f"random-{seed}.json")
    with open(spec_path, "w") as f:
        json.dump(randspec.random_spec(seed), f, ensure_ascii=False, indent=1)
    project = os.path.join(workdir, "project")
    r = subprocess.run([genproj.tool("bf-render"), "--templates",
                        os.path.join(genproj.REPO, "templates"), "--tree", project, spec_path],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return f"review refused the generator's spec (a randspec.py bug):\n{r.stderr[-2000:]}"
    return (_lint(project) + _own_tests(project, pg_url) + _suite(project, pg_url, workdir)
            + _hostile(spec_path, pg_url, os.path.join(workdir, "hostile")))


@pytest.fixture(scope="module")
def outcomes(request):
    pg_url = genproj.project_pg_url(request)
    with tempfile.TemporaryDirectory(prefix="bf-random-") as root:
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            futures = {s: pool.submit(_check, s, pg_url, root) for s in _seeds()}
            yield {s: f.result() for s, f in futures.items()}


def test_the_generator_reaches_every_type_and_reference_kind():
    specs = [randspec.random_spec(s) for s in range(40)]
    fields = [f for s in specs for e in s["entities"] for f in e["fields"]]
    assert {f["type"] for f in fields} >= set(randspec.TYPES) | {"reference"}
    refs = [f for f in fields if f["type"] == "reference"]
    assert {f["on_delete"] for f in refs} == {"cascade", "restrict", "set_null"}
    assert any(f.get("unique") for f in refs) and any(f["required"] for f in refs)
    assert any(s["auth"]["enabled"] for s in specs) and not all(s["auth"]["enabled"] for s in specs)
    assert any(e.get("access") for s in specs for e in s["entities"])
    assert {a["method"] for s in specs for a in s["actions"]} >= {"GET", "POST", "DELETE"}
    assert randspec.random_spec(7) == randspec.random_spec(7)


@pytest.mark.parametrize("seed", _seeds())
def test_random_spec_gives_a_backend_that_holds(outcomes, seed):
    problem = outcomes[seed]
    assert not problem, f"seed {seed} (BF_RANDOM_SEED={seed} replays it):\n{problem}"
