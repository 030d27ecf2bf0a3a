# Integration fixtures: one real Backforge stack (PostgreSQL, backforge-fcgi, nginx with
# TLS) per session on free ports under a temporary state dir, kept with its logs on failure.
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bfstack  # noqa: E402
from bfstack import unique_email  # noqa: E402,F401  (re-exported: other suites import it)

_STACK = None
_KEPT = None


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "destructive: takes the stack down; run after everything else"
    )


def pytest_collection_modifyitems(session, config, items):
    # Tests that end the FastCGI master run last so that nothing runs against a dead pool.
    items.sort(key=lambda it: 1 if it.get_closest_marker("destructive") else 0)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.failed and _STACK is not None and _STACK.started:
        rep.sections.append(("backforge logs", _STACK.log_tails(30)))


def pytest_terminal_summary(terminalreporter):
    if _KEPT:
        terminalreporter.write_sep("-", "backforge state kept")
        terminalreporter.write_line(_KEPT)


@pytest.fixture(scope="session")
def stack(request):
    global _STACK, _KEPT
    attach = os.environ.get("BACKFORGE_TEST_STATE_DIR")
    s = bfstack.Stack(state_dir=attach or None, keep=bool(os.environ.get("BACKFORGE_TEST_KEEP")))
    _STACK = s
    os.environ["BACKFORGE_TEST_PG_URL"] = s.pg_url
    try:
        s.start()
    except Exception:
        s.stop()
        _KEPT = s.state_dir
        raise
    yield s
    s.stop()
    failed = request.session.testsfailed > 0 or bool(s.leftovers)
    if s.cleanup(failed):
        _KEPT = s.state_dir + "\n" + s.log_tails(20)
    _STACK = None
    if s.leftovers:
        pytest.fail(f"scripts/stack stop left backforge-fcgi running: pids {s.leftovers}")


@pytest.fixture
def api(stack):
    """A client on https://localhost:PORT/api from a loopback address of its own."""
    with stack.client(source_ip=stack.fresh_ip()) as c:
        yield c


@pytest.fixture
def pg_url(stack):
    return stack.pg_url


@pytest.fixture
def pg(stack):
    """A psycopg2 connection as the superuser, autocommit."""
    import psycopg2

    conn = psycopg2.connect(stack.pg_url)
    conn.autocommit = True
    yield conn
    conn.close()


@pytest.fixture
def new_user(stack):
    """Registers a fresh account; returns (email, password, token)."""
    email = unique_email("u")
    password = "correct horse battery"
    with stack.client(source_ip=stack.fresh_ip()) as c:
        r = c.post("/auth/register", json={"email": email, "password": password})
        assert r.status_code == 201, r.text
        r = c.post("/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        token = r.json()["access_token"]
    return email, password, token
