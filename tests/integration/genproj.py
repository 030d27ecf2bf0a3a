# Helpers for the tests that generate projects and serve them with uvicorn against the
# test PostgreSQL (the matrix, the hostile-input suite, the suite runners): the build's
# test tools, free ports, and a database per project.
import os
import socket
import subprocess
import urllib.parse

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def tool(name):
    """Path of tests/tools/NAME in the build (made when missing)."""
    build = os.environ.get("BACKFORGE_BUILD_DIR") or os.path.join(REPO, "build")
    path = os.path.join(build, "tests/tools", name)
    if not os.access(path, os.X_OK):
        subprocess.run(["make", "-C", build, "tests/tools/" + name], check=True,
                       stdout=subprocess.DEVNULL)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(address, timeout=2):
    """Whether GET /health answers 200 at a unix socket path or a (host, port). Plain
    sockets, so that the answer is the app's: curl was seen exiting 0 on a refused
    connection here."""
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(address)
            s.sendall(b"GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n")
            status = s.recv(64).split(b"\r\n", 1)[0]
    except OSError:
        return False
    return status.split()[1:2] == [b"200"]


def with_database(url, name):
    """The same PostgreSQL URL naming another database."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def admin(url, sql):
    """One statement outside a transaction (CREATE/DROP DATABASE)."""
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


def project_pg_url(request):
    """BACKFORGE_TEST_PG_URL, else the session stack's PostgreSQL; skips when neither."""
    url = os.environ.get("BACKFORGE_TEST_PG_URL")
    if not url:
        try:
            url = request.getfixturevalue("stack").pg_url
        except pytest.FixtureLookupError:
            pass
    if not url:
        pytest.skip("BACKFORGE_TEST_PG_URL is not set: no PostgreSQL to run projects against")
    return url
