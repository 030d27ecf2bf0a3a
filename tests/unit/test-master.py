#!/usr/bin/python3
# backforge-fcgi's process model against the real binary (no nginx, no database needed):
# errors over FastCGI, respawn after kill -9, finishing the request in hand on SIGTERM,
# SIGKILL after the grace period, exit 0 and no orphans. TAP output.
import os, signal, socket, struct, subprocess, sys, tempfile, time

builddir = os.environ.get("builddir", ".")
binary = os.path.join(builddir, "backforge-fcgi")
n = 0
failed = 0


def ok(cond, name):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, name))
    if not cond:
        failed += 1


def rec(t, rid, content):
    return struct.pack("!BBHHBx", 1, t, rid, len(content), 0) + content


def nv(k, v):
    def ln(x):
        return bytes([len(x)]) if len(x) < 128 else struct.pack("!I", len(x) | 0x80000000)
    return ln(k) + ln(v) + k + v


def start_request(sock, method, uri, headers=None, body=b"", send_all=True):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(10)
    s.connect(sock)
    params = {"REQUEST_METHOD": method, "REQUEST_URI": uri, "REMOTE_ADDR": "127.0.0.1",
              "CONTENT_LENGTH": str(len(body))}
    params.update(headers or {})
    out = rec(1, 1, struct.pack("!HB5x", 1, 0))
    out += rec(4, 1, b"".join(nv(k.encode(), v.encode()) for k, v in params.items()))
    out += rec(4, 1, b"")
    if send_all:
        if body:
            out += rec(5, 1, body)
        out += rec(5, 1, b"")
    elif body:
        out += rec(5, 1, body[:4])
    s.sendall(out)
    return s


def finish(s, rest=None):
    if rest is not None:
        s.sendall((rec(5, 1, rest) if rest else b"") + rec(5, 1, b""))
    data = b""
    while True:
        try:
            c = s.recv(65536)
        except OSError:
            break
        if not c:
            break
        data += c
    out, i = b"", 0
    while i + 8 <= len(data):
        _, t, _, cl, pl = struct.unpack("!BBHHB", data[i:i + 7])
        if t == 6:
            out += data[i + 8:i + 8 + cl]
        i += 8 + cl + pl
    return out.decode(errors="replace")


def request(sock, method, uri, headers=None, body=b""):
    return finish(start_request(sock, method, uri, headers, body))


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is not alive
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(cond, timeout):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


if not os.access(binary, os.X_OK):
    print("1..0 # SKIP %s not built" % binary)
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="bf-master-")
sock = os.path.join(tmp, "fcgi.sock")
key = os.path.join(tmp, "jwt.key")
with open(key, "wb") as f:
    f.write(os.urandom(48))
env = dict(os.environ)
env.update({"BACKFORGE_CONFIG": "/dev/null", "BACKFORGE_SOCKET": sock,
            "BACKFORGE_WORKERS": "2", "BACKFORGE_SHUTDOWN_GRACE_MS": "1500",
            "BACKFORGE_DATABASE_URL": "host=%s port=1 dbname=none connect_timeout=1" % tmp,
            "BACKFORGE_JWT_KEY_FILE": key})
log_path = os.path.join(tmp, "app.log")
log = open(log_path, "w")
proc = subprocess.Popen([binary], env=env, stderr=log, stdin=subprocess.DEVNULL)

ok(wait_for(lambda: os.path.exists(sock) and len(children(proc.pid)) == 2, 5),
   "master listens and forks 2 workers")
ok(oct(os.stat(sock).st_mode & 0o777) == "0o660", "socket mode 0660")

r = request(sock, "GET", "/api/health")
ok(r.startswith("Status: 503") and '"db":"down"' in r, "health is 503 db down without PostgreSQL")
ok("X-Request-Id: " in r, "X-Request-Id header")
r = request(sock, "GET", "/api/health", {"HTTP_X_REQUEST_ID": "abc-123"})
ok("X-Request-Id: abc-123\r\n" in r, "nginx's request id is kept")
r = request(sock, "GET", "/api/no/such/thing")
ok(r.startswith("Status: 404") and '{"error":{"code":"not_found"' in r, "404 error shape")
r = request(sock, "DELETE", "/health")
ok(r.startswith("Status: 405") and "Allow: GET, HEAD\r\n" in r, "405 with Allow, no /api prefix")

old = children(proc.pid)
os.kill(old[0], signal.SIGKILL)
ok(wait_for(lambda: len(children(proc.pid)) == 2 and old[0] not in children(proc.pid), 2),
   "worker killed with SIGKILL is respawned within 2 s")
ok(request(sock, "GET", "/api/health").startswith("Status: 503"), "and serving")
log.flush()
ok("killed by signal 9" in open(log_path).read(), "master logs how the worker died")

# A request in hand when SIGTERM comes is finished; the master then exits 0.
body = b'{"email":"x"}'
s = start_request(sock, "POST", "/api/nothing-here",
                  {"CONTENT_TYPE": "application/json"}, body, send_all=False)
time.sleep(0.3)
workers = children(proc.pid)
os.kill(proc.pid, signal.SIGTERM)
time.sleep(0.3)
r = finish(s, body[4:])
ok(r.startswith("Status: 404"), "request in hand during SIGTERM is answered")
try:
    rc = proc.wait(timeout=5)
except subprocess.TimeoutExpired:
    rc = None
ok(rc == 0, "master exits 0 after SIGTERM")
ok(not any(alive(w) for w in workers), "no orphan workers")
ok(not os.path.exists(sock), "socket removed")

# A request that never completes: SIGKILL after the grace period, still exit 0.
# One worker, and a first request, so the stuck request is surely in a worker's hands.
env["BACKFORGE_WORKERS"] = "1"
proc = subprocess.Popen([binary], env=env, stderr=log, stdin=subprocess.DEVNULL)
wait_for(lambda: os.path.exists(sock) and len(children(proc.pid)) == 1, 5)
request(sock, "GET", "/api/health")
s = start_request(sock, "POST", "/api/x", {"CONTENT_TYPE": "application/json"}, body,
                  send_all=False)
time.sleep(0.3)
workers = children(proc.pid)
t0 = time.time()
os.kill(proc.pid, signal.SIGTERM)
try:
    rc = proc.wait(timeout=6)
except subprocess.TimeoutExpired:
    proc.kill()
    rc = None
took = time.time() - t0
ok(rc == 0 and 1.3 < took < 4, "stuck worker is SIGKILLed after the grace (%.1f s)" % took)
ok(not any(alive(w) for w in workers), "no orphan workers after SIGKILL")
s.close()

log.close()
print("1..%d" % n)
if failed:
    print("# log kept in %s" % log_path)
    sys.exit(1)
import shutil
shutil.rmtree(tmp, ignore_errors=True)
