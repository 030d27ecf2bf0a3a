# A Backforge stack on free ports under a temporary state directory, driven through
# scripts/stack; shared by the integration tests (conftest.py) and bench/api.
import ctypes
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import httpx

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOG_NAMES = (
    "fcgi.log", "nginx-error.log", "nginx-access.log", "postgres.log", "runner.log", "verify-pg.log"
)
PR_SET_CHILD_SUBREAPER = 36


def free_port():
    """A TCP port nobody listens on right now (the kernel's pick for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_stat(pid):
    """(comm, state, ppid) of a live process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    # comm may hold spaces and parentheses: it ends at the last ')'.
    comm = data[data.index("(") + 1 : data.rindex(")")]
    rest = data[data.rindex(")") + 2 :].split()
    return comm, rest[0], int(rest[1])


def alive(pid):
    """True when pid exists and is not a zombie."""
    st = proc_stat(pid)
    return st is not None and st[1] != "Z"


def children(ppid):
    """Live (non-zombie) children of ppid, found by scanning /proc."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        st = proc_stat(int(name))
        if st and st[2] == ppid and st[1] != "Z":
            out.append(int(name))
    return sorted(out)


class Reaper:
    """Makes this process a child subreaper so that the daemons scripts/stack starts are
    re-parented here when their launcher exits. That lets a test read the real exit status
    of the FastCGI master (os.waitpid only works for a parent). A thread reaps such orphans
    as they die and keeps their statuses; processes we start ourselves go through run(),
    which holds the same lock so the thread never steals their status from subprocess."""

    def __init__(self):
        self.lock = threading.RLock()
        self.mine = set()
        self.statuses = {}
        self.enabled = False
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0:
            self.enabled = True
            self._keep_off_popen_children()
            t = threading.Thread(target=self._loop, name="bf-reaper", daemon=True)
            t.start()

    def _keep_off_popen_children(self):
        """Every child any test starts with subprocess is its own, never an orphan to reap:
        reaping one would leave its Popen with no status (ECHILD), which Python reports as
        exit status 0."""
        start = subprocess.Popen.__init__
        reaper = self

        def init(popen, *args, **kwargs):
            with reaper.lock:
                start(popen, *args, **kwargs)
                reaper.mine.add(popen.pid)

        subprocess.Popen.__init__ = init

    def _loop(self):
        me = os.getpid()
        while True:
            time.sleep(0.05)
            with self.lock:
                for pid in self._zombies(me):
                    if pid in self.mine:
                        continue
                    try:
                        got, status = os.waitpid(pid, os.WNOHANG)
                    except ChildProcessError:
                        continue
                    if got == pid:
                        self.statuses[pid] = status

    @staticmethod
    def _zombies(me):
        out = []
        for name in os.listdir("/proc"):
            if name.isdigit():
                st = proc_stat(int(name))
                if st and st[1] == "Z" and st[2] == me:
                    out.append(int(name))
        return out

    def run(self, argv, timeout, **kw):
        """subprocess.run with the reaper kept away from the child."""
        with self.lock:
            p = subprocess.Popen(argv, **kw)
            self.mine.add(p.pid)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            raise
        finally:
            with self.lock:
                self.mine.discard(p.pid)
        return subprocess.CompletedProcess(argv, p.returncode, out, err)

    def wait_exit(self, pid, timeout):
        """Exit status (as os.waitpid gives it) of an adopted process, or None on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if pid in self.statuses:
                    return self.statuses.pop(pid)
                try:
                    got, status = os.waitpid(pid, os.WNOHANG)
                    if got == pid:
                        return status
                except ChildProcessError:
                    pass
            time.sleep(0.02)
        return None


_reaper = None


def reaper():
    global _reaper
    if _reaper is None:
        _reaper = Reaper()
    return _reaper


class Stack:
    def __init__(self, state_dir=None, keep=False):
        self.reaper = reaper()
        self.owned = state_dir is None
        if state_dir is None:
            state_dir = tempfile.mkdtemp(prefix="bf-it-")
            # postgres runs as its own user and must traverse to <state>/pg and run/.
            os.chmod(state_dir, 0o755)
        self.state_dir = state_dir
        self.keep = keep
        self.https_port = int(os.environ.get("BACKFORGE_TEST_HTTPS_PORT") or free_port())
        self.http_port = free_port()
        self.pg_port = free_port()
        self.verify_pg_port = free_port()
        self.workers = int(os.environ.get("BACKFORGE_TEST_WORKERS", "2"))
        self.build_dir = os.environ.get("BACKFORGE_BUILD_DIR") or os.path.join(REPO, "build")
        self.base_url = f"https://localhost:{self.https_port}"
        self.api = self.base_url + "/api"
        self.run_dir = os.path.join(state_dir, "run")
        self.log_dir = os.path.join(state_dir, "log")
        self.pg_url = (
            f"postgresql://postgres@/postgres?host={self.run_dir}&port={self.pg_port}"
        )
        self.app_pg_url = (
            f"postgresql://backforge@/backforge?host={self.run_dir}&port={self.pg_port}"
        )
        self.started = False
        self._ips = itertools.count(1)

    # --- lifecycle -------------------------------------------------------------------
    def env(self):
        e = dict(os.environ)
        e.update(
            BACKFORGE_STATE_DIR=self.state_dir,
            BACKFORGE_HTTPS_PORT=str(self.https_port),
            BACKFORGE_HTTP_PORT=str(self.http_port),
            BACKFORGE_PG_PORT=str(self.pg_port),
            BACKFORGE_VERIFY_PG_PORT=str(self.verify_pg_port),
            # Verification in tests: two jobs at a time (the other suites share the cores),
            # a short lease so a killed runner's job comes back within seconds, and a CPU
            # limit a spinning action reaches quickly.
            BACKFORGE_RUNNER_SLOTS=os.environ.get("BACKFORGE_TEST_RUNNER_SLOTS", "2"),
            BACKFORGE_RUNNER_LEASE_S="6",
            BACKFORGE_RUNNER_POLL_MS="1000",
            BACKFORGE_SANDBOX_CPU_S="20",
            BACKFORGE_WORKERS=str(self.workers),
            BACKFORGE_BUILD_DIR=self.build_dir,
        )
        return e

    def ctl(self, *args, timeout=180, check=True):
        """Runs scripts/stack with this stack's environment; output goes to
        <state>/stack.out so a failure can show it."""
        argv = [os.path.join(REPO, "scripts", "stack"), *args]
        r = self.reaper.run(
            argv,
            timeout,
            env=self.env(),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        out = r.stdout.decode("utf-8", "replace")
        with open(os.path.join(self.state_dir, "stack.out"), "a") as f:
            f.write(f"$ scripts/stack {' '.join(args)}  (exit {r.returncode})\n{out}\n")
        if check and r.returncode != 0:
            raise RuntimeError(
                f"scripts/stack {' '.join(args)} exited {r.returncode}:\n{out[-4000:]}\n"
                + self.log_tails()
            )
        return r

    def start(self):
        self.ctl("start")
        self.started = True
        self.wait_healthy(30)

    def stop(self):
        """scripts/stack stop; then checks that it really ended the pool. Leftovers (a bug
        in the stop path) are reported in self.leftovers and ended, so that no run
        leaves processes behind."""
        self.leftovers = []
        if self.started:
            self.ctl("stop", timeout=60, check=False)
            self.started = False
            left = self.fcgi_processes()
            if left:
                self.leftovers = left
                with open(os.path.join(self.state_dir, "stack.out"), "a") as f:
                    f.write(f"!!! scripts/stack stop left backforge-fcgi running: {left}\n")
                for pid in left:
                    try:
                        os.kill(pid, signal.SIGTERM)
                    except ProcessLookupError:
                        pass

    def cleanup(self, failed):
        """Deletes the state directory unless something failed or keep was asked."""
        if self.owned and not failed and not self.keep:
            shutil.rmtree(self.state_dir, ignore_errors=True)
            return False
        return True

    def wait_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        last = None
        with self.client() as c:
            while time.monotonic() < deadline:
                try:
                    r = c.get("/health")
                    if r.status_code == 200:
                        return r
                    last = f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as e:
                    last = repr(e)
                time.sleep(0.1)
        raise RuntimeError(f"/api/health not 200 within {timeout}s: {last}\n" + self.log_tails())

    # --- clients ---------------------------------------------------------------------
    def client(self, source_ip=None, timeout=15.0):
        """An httpx client on /api. With source_ip (a 127/8 address) the connection comes
        from that address, so nginx and the app see a distinct client: per-address limits
        tripped by one test do not spill into the next."""
        if source_ip is None:
            return httpx.Client(base_url=self.api, verify=False, timeout=timeout)
        t = httpx.HTTPTransport(verify=False, local_address=source_ip)
        return httpx.Client(
            base_url=f"https://127.0.0.1:{self.https_port}/api",
            transport=t,
            timeout=timeout,
        )

    def fresh_ip(self):
        """A loopback address no other caller of this stack has used."""
        n = next(self._ips)
        return f"127.{100 + (n >> 16) % 100}.{(n >> 8) & 255}.{1 + (n & 255) % 254}"

    # --- processes -------------------------------------------------------------------
    def fcgi_pid(self):
        """The master's pid. run/fcgi.pid may name a launcher process (a shell) whose
        child is the master; then the child is the answer."""
        with open(os.path.join(self.run_dir, "fcgi.pid")) as f:
            pid = int(f.read().split()[0])
        st = proc_stat(pid)
        if st and st[0] != "backforge-fcgi":
            for child in children(pid):
                cst = proc_stat(child)
                if cst and cst[0] == "backforge-fcgi":
                    return child
        return pid

    def fcgi_processes(self):
        """Live backforge-fcgi processes of this stack (their command line names our
        backforge.conf), whatever the pid file says."""
        conf = os.path.join(self.state_dir, "backforge.conf").encode()
        out = []
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            pid = int(name)
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmd = f.read().split(b"\0")
            except OSError:
                continue
            if cmd and os.path.basename(cmd[0]) == b"backforge-fcgi" and conf in cmd and alive(pid):
                out.append(pid)
        return sorted(out)

    def runner_pid(self):
        """The runner's pid (the launcher shell execs it, so the pid file names it)."""
        with open(os.path.join(self.run_dir, "runner.pid")) as f:
            return int(f.read().split()[0])

    def nginx_pid(self):
        with open(os.path.join(self.run_dir, "nginx.pid")) as f:
            return int(f.read().split()[0])

    def worker_pids(self):
        return children(self.fcgi_pid())

    def wait_workers(self, n, timeout, exclude=()):
        """Waits until the master has n live workers, none of them in exclude."""
        deadline = time.monotonic() + timeout
        pids = []
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == n and not set(pids) & set(exclude):
                return pids
            time.sleep(0.01)
        return pids

    # --- logs and files --------------------------------------------------------------
    def read_log(self, name):
        try:
            with open(os.path.join(self.log_dir, name), "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_size(self, name):
        try:
            return os.path.getsize(os.path.join(self.log_dir, name))
        except OSError:
            return 0

    def log_since(self, name, offset):
        try:
            with open(os.path.join(self.log_dir, name), "rb") as f:
                f.seek(offset)
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_tails(self, lines=40):
        out = [f"--- state dir: {self.state_dir}"]
        for name in LOG_NAMES:
            n = min(lines, 8) if "access" in name else lines
            text = self.read_log(name).splitlines()[-n:]
            out.append(f"--- {name} (last {len(text)} lines)")
            out.extend(text)
        try:
            with open(os.path.join(self.state_dir, "stack.out")) as f:
                out.append("--- stack.out (last lines)")
                out.extend(f.read().splitlines()[-lines:])
        except OSError:
            pass
        return "\n".join(out)

    def jwt_key(self):
        """The HMAC key as the app reads it (config_read_secret strips one newline)."""
        with open(os.path.join(self.state_dir, "secrets", "jwt.key"), "rb") as f:
            key = f.read()
        if key.endswith(b"\n"):
            key = key[:-1]
        return key

    def signal_master(self, sig=signal.SIGTERM):
        os.kill(self.fcgi_pid(), sig)


# --- helpers shared by the test modules --------------------------------------------------

# Text that must never reach a client: SQL, driver and runtime internals.
LEAK_MARKERS = (
    "syntax error at",
    "violates",
    "duplicate key value",
    "libpq",
    "pq_",
    "PQexec",
    "PQresult",
    'relation "',
    "ERROR:  ",
    "SQLSTATE",
    "Traceback",
    "jansson",
    "json_error",
    "Segmentation",
    "AddressSanitizer",
    "core dumped",
    "/work/",
    ".c:",
)


def unique_email(prefix="user"):
    import uuid

    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def error_body(r, status=None):
    """Checks the architecture's error shape and returns body["error"]."""
    if status is not None:
        assert r.status_code == status, f"expected {status}, got {r.status_code}: {r.text[:300]}"
    ctype = r.headers.get("content-type", "")
    assert ctype.startswith("application/json"), f"content-type {ctype!r}: {r.text[:200]}"
    body = r.json()
    assert isinstance(body, dict) and set(body) == {"error"}, body
    err = body["error"]
    assert isinstance(err, dict), body
    assert {"code", "message", "details"} <= set(err), body
    assert isinstance(err["code"], str) and err["code"], body
    assert isinstance(err["message"], str) and err["message"], body
    return err


def assert_no_leak(r, allowed=()):
    text = r.text
    for m in LEAK_MARKERS:
        if m in text and not any(m in a for a in allowed):
            raise AssertionError(f"response leaks {m!r}: {text[:300]}")


def find_keys(obj, pred):
    """Every key (recursively) of a JSON value for which pred(key) holds."""
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if pred(k):
                found.append(k)
            found.extend(find_keys(v, pred))
    elif isinstance(obj, list):
        for v in obj:
            found.extend(find_keys(v, pred))
    return found
