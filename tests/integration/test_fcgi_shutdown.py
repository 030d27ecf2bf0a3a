# Shutdown at the FastCGI layer, below nginx: a request whose BEGIN_REQUEST and part of
# its PARAMS have reached a worker when the master gets SIGTERM is still served to the
# end, and the pool exits within its grace period. A raw FastCGI client talks to a pool
# of its own (the stack's configuration, its own socket, one worker), so the timing is
# the test's, not nginx's.
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time

FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT = 1, 3, 4, 5, 6
GRACE_MS = 8000


def record(rtype, content, req_id=1):
    pad = (8 - len(content) % 8) % 8
    return struct.pack("!BBHHBx", 1, rtype, req_id, len(content), pad) + content + b"\0" * pad


def pair(name, value):
    def length(n):
        return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)

    name, value = name.encode(), value.encode()
    return length(len(name)) + length(len(value)) + name + value


def read_records(sock, timeout):
    """Records until END_REQUEST or EOF: (stdout bytes, end_request content or None)."""
    sock.settimeout(timeout)
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, socket.timeout):
            chunk = b""
        if not chunk:
            break
        data += chunk
    out, end, off = b"", None, 0
    while off + 8 <= len(data):
        _, rtype, _, clen, pad = struct.unpack("!BBHHBx", data[off:off + 8])
        body = data[off + 8:off + 8 + clen]
        off += 8 + clen + pad
        if rtype == FCGI_STDOUT:
            out += body
        elif rtype == FCGI_END_REQUEST:
            end = body
    return out, end


def start_pool(stack, sock_path):
    exe = os.path.join(stack.build_dir, "backforge-fcgi")
    conf = os.path.join(os.path.dirname(sock_path), "pool.conf")
    shutil.copy(os.path.join(stack.state_dir, "backforge.conf"), conf)
    env = dict(os.environ, BACKFORGE_SOCKET=sock_path, BACKFORGE_WORKERS="1",
               BACKFORGE_SHUTDOWN_GRACE_MS=str(GRACE_MS), BACKFORGE_LOG_LEVEL="warn")
    log = open(os.path.join(os.path.dirname(sock_path), "pool.log"), "wb")
    proc = subprocess.Popen([exe, "--config", conf], env=env, stdin=subprocess.DEVNULL,
                            stdout=log, stderr=subprocess.STDOUT)
    log.close()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(sock_path)
            break
        except OSError:
            time.sleep(0.05)
    # The probe connection above was accepted and dropped; let the worker return to idle.
    time.sleep(0.3)
    return proc


def test_sigterm_serves_a_request_whose_params_are_half_read(stack):
    tmp = tempfile.mkdtemp(prefix="bf-fcgi-")
    sock_path = os.path.join(tmp, "fcgi.sock")
    proc = start_pool(stack, sock_path)
    try:
        assert proc.poll() is None, open(os.path.join(tmp, "pool.log")).read()
        params = b"".join(pair(k, v) for k, v in [
            ("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/api/health"),
            ("SCRIPT_NAME", "/api/health"), ("QUERY_STRING", ""),
            ("SERVER_PROTOCOL", "HTTP/1.1"), ("REMOTE_ADDR", "127.0.0.1"),
            ("CONTENT_LENGTH", "0"), ("HTTP_HOST", "localhost")])
        half = len(params) // 2
        c = socket.socket(socket.AF_UNIX)
        c.connect(sock_path)
        # BEGIN_REQUEST (role responder, keep-conn off) and the first half of PARAMS, in
        # one record whose length promises more than has been sent.
        c.sendall(record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", 1, 0)))
        whole = record(FCGI_PARAMS, params)
        c.sendall(whole[:8 + half])
        time.sleep(0.5)  # the worker has accepted and is reading PARAMS
        t_term = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)  # the signal has reached the worker
        c.sendall(whole[8 + half:] + record(FCGI_PARAMS, b"") + record(FCGI_STDIN, b""))
        out, end = read_records(c, 10)
        c.close()
        assert end is not None and len(end) == 8, (
            f"no END_REQUEST (request dropped); stdout {out[:200]!r}")
        app_status, protocol_status = struct.unpack("!IB3x", end)
        assert protocol_status == 0
        head, _, body = out.partition(b"\r\n\r\n")
        assert head.startswith(b"Status: 200"), out[:300]
        assert b'"status":"ok"' in body
        rc = proc.wait(timeout=GRACE_MS / 1000 + 5)
        elapsed = time.monotonic() - t_term
        assert rc == 0, f"pool exit status {rc}"
        assert elapsed < GRACE_MS / 1000, f"pool took {elapsed:.1f} s to exit"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def test_sigterm_ends_an_idle_pool_at_once(stack):
    tmp = tempfile.mkdtemp(prefix="bf-fcgi-")
    proc = start_pool(stack, os.path.join(tmp, "fcgi.sock"))
    try:
        assert proc.poll() is None
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=GRACE_MS / 1000) == 0
        assert time.monotonic() - t0 < 2, "an idle worker waited for the grace period"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
