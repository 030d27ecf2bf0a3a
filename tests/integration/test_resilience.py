# The pool under trouble: a worker killed under load is replaced and serving within 2 s;
# PostgreSQL going away gives 503s and coming back heals without an app restart; SIGTERM
# lets requests in hand finish, the master exits 0 and leaves no worker behind.
import concurrent.futures
import os
import re
import signal
import threading
import time

import httpx
import psycopg2
import pytest

from bfstack import alive, error_body, proc_stat, unique_email

PASSWORD = "correct horse battery"


def io_calls(pid):
    """Read and write system calls made by pid so far (/proc/<pid>/io)."""
    with open(f"/proc/{pid}/io") as f:
        fields = dict(line.split(": ") for line in f.read().splitlines())
    return int(fields["syscr"]) + int(fields["syscw"])


def cpu_ticks(pid):
    """User and system clock ticks pid has run so far (/proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        after_name = f.read().rsplit(")", 1)[1].split()
    return int(after_name[11]) + int(after_name[12])


class Load:
    """Threads that GET /api/health in a loop, recording (time, status) until stopped.
    Each thread spreads its requests over several source addresses so that nginx's
    per-address limit_req (50 r/s on /api/) is not what gets measured."""

    def __init__(self, stack, threads=4, addresses=10, path="/health"):
        self.stack, self.path, self.addresses = stack, path, addresses
        self.results = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self):
        clients = [self.stack.client(source_ip=self.stack.fresh_ip(), timeout=5)
                   for _ in range(self.addresses)]
        try:
            i = 0
            while not self.stopping.is_set():
                try:
                    status = clients[i % len(clients)].get(self.path).status_code
                except httpx.HTTPError:
                    status = -1
                i += 1
                with self.lock:
                    self.results.append((time.monotonic(), status))
        finally:
            for c in clients:
                c.close()

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for t in self.threads:
            t.join(10)


def test_worker_kill9_under_load(stack):
    before = stack.wait_workers(stack.workers, 5)
    assert len(before) == stack.workers, before
    victim = before[0]
    log_offset = stack.log_size("fcgi.log")
    with Load(stack) as load:
        time.sleep(0.3)
        t_kill = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        after = stack.wait_workers(stack.workers, 2.0, exclude=[victim])
        t_respawn = time.monotonic()
        assert victim not in after and len(after) == stack.workers, (
            f"no replacement for {victim} within 2 s: {after}")
        (new,) = set(after) - set(before)
        # Serving: the replacement logs a line for each request it answers (a new worker
        # also makes system calls for its own start, so those would prove nothing).
        served = re.compile(rf"^backforge-fcgi\[{new}\] .* GET \S*/health 200\b", re.M)
        while not served.search(stack.log_since("fcgi.log", log_offset)):
            if time.monotonic() > t_kill + 3.0:
                break
            time.sleep(0.01)
        t_serving = time.monotonic()
        time.sleep(0.5)
    assert served.search(stack.log_since("fcgi.log", log_offset)), (
        f"replacement {new} logged no answered request")
    assert t_serving - t_kill <= 2.0, f"replacement serving after {t_serving - t_kill:.2f} s"
    late = [(t, s) for t, s in load.results if t > t_respawn + 0.2 and s != 200]
    assert not late, f"failures after the respawn: {late[:5]}"
    total_bad = [s for _, s in load.results if s != 200]
    assert len(total_bad) <= stack.workers, f"too many failed requests around the kill: {total_bad}"
    assert len(load.results) > 50, "load did not run"
    # The master said what happened, naming the worker and the signal.
    log = stack.log_since("fcgi.log", log_offset)
    lines = [ln for ln in log.splitlines() if re.search(rf"\b{victim}\b", ln)]
    assert lines, f"fcgi.log says nothing about worker {victim}:\n{log[-2000:]}"
    assert any(re.search(r"signal 9\b|SIGKILL|Killed", ln) for ln in lines), lines
    assert re.search(rf"\b{new}\b", log), f"fcgi.log does not name the replacement {new}"


def test_pool_runs_as_batch_so_workers_do_not_preempt_nginx(stack):
    # os.sched_getscheduler reads the policy of any pid; SCHED_BATCH is what keeps a woken
    # worker from preempting nginx between its connect() and its write (main.c).
    master = stack.fcgi_pid()
    workers = stack.wait_workers(stack.workers, 5)
    assert len(workers) == stack.workers, workers
    for pid in [master] + workers:
        assert os.sched_getscheduler(pid) == os.SCHED_BATCH, (
            f"backforge-fcgi {pid} runs policy {os.sched_getscheduler(pid)}, not SCHED_BATCH")


def test_worker_killed_mid_request_is_logged_with_its_route(stack, new_user):
    """A worker dying in a request: the client gets the error shape (nginx's 503), and the
    master's log line names the request the worker was serving."""
    email, password, _ = new_user
    workers = stack.wait_workers(stack.workers, 5)
    log_offset = stack.log_size("fcgi.log")
    with stack.client(source_ip=stack.fresh_ip()) as c:
        assert c.get("/health").status_code == 200
        time.sleep(0.1)  # the worker that answered finishes its own syscalls (log, close)
        base = {p: io_calls(p) for p in workers}
        with concurrent.futures.ThreadPoolExecutor(1) as ex:
            fut = ex.submit(c.post, "/auth/login", json={"email": email, "password": password})
            busy = None
            deadline = time.monotonic() + 5
            while busy is None and time.monotonic() < deadline:
                busy = next((p for p in workers if io_calls(p) - base[p] >= 1), None)
                time.sleep(0.0005)
            assert busy is not None, "no worker picked up the login"
            # Reading the request comes before the worker publishes what it serves; the
            # Argon2 check after it is the first thing that costs CPU ticks.
            ticks = cpu_ticks(busy)
            while cpu_ticks(busy) == ticks and not fut.done() and time.monotonic() < deadline:
                time.sleep(0.0005)
            assert not fut.done(), "the login finished before the kill"
            os.kill(busy, signal.SIGKILL)
            r = fut.result(timeout=10)
    error_body(r, 503)
    stack.wait_workers(stack.workers, 2.0, exclude=[busy])
    log = stack.log_since("fcgi.log", log_offset)
    lines = [ln for ln in log.splitlines() if re.search(rf"\b{busy}\b", ln)]
    assert any("/auth/login" in ln for ln in lines), lines


def wait_pg(stack, up, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            psycopg2.connect(stack.pg_url, connect_timeout=1).close()
            if up:
                return
        except psycopg2.OperationalError:
            if not up:
                return
        time.sleep(0.1)
    raise AssertionError(f"PostgreSQL not {'up' if up else 'down'} after {timeout}s")


def test_postgres_outage_and_recovery(stack, new_user):
    email, password, token = new_user
    auth = {"Authorization": f"Bearer {token}"}
    master, workers = stack.fcgi_pid(), stack.worker_pids()
    # Every worker has the user cached for /auth/me: an outage must still answer 503, not
    # a copy nobody can vouch for.
    with stack.client(source_ip=stack.fresh_ip()) as c:
        for _ in range(4 * stack.workers):
            assert c.get("/auth/me", headers=auth).status_code == 200
    stack.ctl("stop-pg", timeout=60)
    try:
        wait_pg(stack, up=False)
        with stack.client(source_ip=stack.fresh_ip()) as c:
            # Every worker meets the broken connection at least once.
            for _ in range(3 * stack.workers):
                r = c.get("/health")
                assert r.status_code == 503, r.text
                body = r.json()
                assert body.get("db") == "down", body
            for _ in range(2 * stack.workers):
                error_body(c.get("/auth/me", headers=auth), 503)
                error_body(c.post("/auth/login", json={"email": email, "password": password}),
                           503)
                error_body(c.post("/auth/register",
                                  json={"email": unique_email("down"), "password": PASSWORD}),
                           503)
    finally:
        stack.ctl("start-pg", timeout=60)
    wait_pg(stack, up=True)
    # The next request after recovery works: no retry loop here.
    with stack.client(source_ip=stack.fresh_ip()) as c:
        for _ in range(3 * stack.workers):
            r = c.get("/health")
            assert r.status_code == 200 and r.json()["db"] == "ok", r.text
            assert c.get("/auth/me", headers=auth).status_code == 200
        r = c.post("/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
    assert stack.fcgi_pid() == master and stack.worker_pids() == workers, (
        "the app was restarted to recover")


@pytest.mark.destructive
def test_sigterm_finishes_requests_and_exits_cleanly(stack):
    master = stack.fcgi_pid()
    workers = stack.wait_workers(stack.workers, 5)
    # Whose wait status tells the master's exit code: ours when the master was adopted by
    # this test process (a subreaper), or that of a launcher shell adopted by us whose only
    # job is waiting for the master (a shell exits with its last child's status).
    st = proc_stat(master)
    assert st is not None
    waited = master
    if st[2] != os.getpid():
        parent = proc_stat(st[2])
        if parent and parent[2] == os.getpid() and parent[0] in ("bash", "sh", "env", "setsid"):
            waited = st[2]
        else:
            pytest.fail(f"master {master} has parent {st[2]} {parent}: its exit status cannot "
                        "be read by the test")
    # Four registrations per worker: while a worker hashes one (Argon2id), the next wait,
    # so requests are still in hand and queued when SIGTERM arrives, even on a busy machine.
    n = 4 * len(workers)
    emails = [unique_email("term") for _ in range(n)]
    clients = [stack.client(source_ip=stack.fresh_ip()) for _ in range(n)]
    try:
        for c in clients:
            assert c.get("/health").status_code == 200  # TLS up before the clock starts
        time.sleep(0.1)  # the workers finish their own syscalls for those (log, close)
        base = {p: io_calls(p) for p in workers}
        with concurrent.futures.ThreadPoolExecutor(n) as ex:
            futures = [ex.submit(c.post, "/auth/register",
                                 json={"email": e, "password": PASSWORD})
                       for c, e in zip(clients, emails)]
            # In hand: every worker has read from a connection (an idle worker sleeps in
            # accept and makes no read calls) and some answer is still outstanding.
            # The kernel may hand every connection to one worker while the other is slow
            # to wake, so after a short while one busy worker is enough.
            start = time.monotonic()
            while time.monotonic() < start + 5:
                busy = [p for p in workers if io_calls(p) - base[p] >= 2]
                if len(busy) == len(workers) or (busy and time.monotonic() > start + 0.5):
                    break
                time.sleep(0.0005)
            in_flight = sum(not f.done() for f in futures)
            t_term = time.monotonic()
            os.kill(master, signal.SIGTERM)
            answers = [f.result(timeout=30) for f in futures]
    finally:
        for c in clients:
            c.close()
    assert in_flight >= 2, (
        f"only {in_flight} requests outstanding at SIGTERM: nothing was tested")
    codes = [r.status_code for r in answers]
    # Each busy worker finishes the request in its hands (so at least one 201); requests
    # not yet accepted get nginx's 503 in the error shape, never a reset or 502.
    assert codes.count(201) >= 1, [(r.status_code, r.text[:200]) for r in answers]
    for r in answers:
        if r.status_code != 201:
            error_body(r, 503)
    status = stack.reaper.wait_exit(waited, 30)
    assert status is not None, "master did not exit within 30 s of SIGTERM"
    elapsed = time.monotonic() - t_term
    assert os.waitstatus_to_exitcode(status) == 0, f"master exit status {status:#x}"
    assert elapsed < 10, f"master took {elapsed:.1f} s to exit"
    time.sleep(0.2)  # let the reaper collect any worker that died with it
    left = [p for p in workers if alive(p)]
    assert not left, f"workers still running after the master exited: {left}"
    assert not stack.fcgi_processes(), "backforge-fcgi processes remain"
    # Exactly the accounts answered 201 exist: no request was cut after its commit.
    conn = psycopg2.connect(stack.pg_url.replace("/postgres?", "/backforge?"))
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT email FROM users WHERE email = ANY(%s)", (emails,))
            stored = {row[0] for row in cur.fetchall()}
    finally:
        conn.close()
    assert stored == {e for e, r in zip(emails, answers) if r.status_code == 201}
