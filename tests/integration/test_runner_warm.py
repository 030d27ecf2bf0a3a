# Warm sandboxes (runner_warm_sandboxes, on in the test stack): each verification's app and
# tests run in sandboxes that were started before the job with the framework imported and
# then handed that one job. From inside generated code: no file of another job (its project
# copy, its /tmp), an environment that is exactly this job's (its own database and key, the
# C library's view too), and a sandbox never handed a second job. From outside: the reports
# say the warm path ran, and a used standby's directory is gone.
import os
import time

import pytest

from test_runner import action, generate, latest_report, spec_with, user_token, wait_final

# Runs in the project's example test (and in the app when the suite calls the action).
PROBE = """
import ctypes, glob, os
url = os.environ.get("DATABASE_URL", "")
job = url.split("@/")[-1].split("?")[0].split("_")[1] if "bfv_" in url else "?"
allowed = {"PATH", "HOME", "LANG", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED",
           "DATABASE_URL", "SECRET_KEY", "PASSWORD_HASH_ITERATIONS", "PWD", "PYTEST_CURRENT_TEST",
           "LC_CTYPE"}
if job == "?" or len(os.environ.get("SECRET_KEY", "")) != 64:
    return {"result": "escaped: no database or key of this job: " + url.split(":")[0]}
if set(os.environ) - allowed:
    return {"result": "escaped: environment " + ",".join(sorted(set(os.environ) - allowed))}
libc = ctypes.CDLL(None)
libc.getenv.restype = ctypes.c_char_p
if libc.getenv(b"DATABASE_URL") != url.encode():
    return {"result": "escaped: the C library sees another environment"}
for path in glob.glob("/app/.warm-probe-*") + glob.glob("/tmp/.warm-probe-*"):
    if not path.endswith("-" + job):
        return {"result": "escaped: another job's file " + path}
for path in ["/app/.warm-probe-" + job, "/tmp/.warm-probe-" + job]:
    with open(path, "w") as f:
        f.write(url)
return {"result": "blocked"}
"""


def warm_dirs(stack):
    return {n for n in os.listdir(os.path.join(stack.state_dir, "runner")) if n.startswith("warm-")}


@pytest.mark.skipif(os.environ.get("BACKFORGE_RUNNER_WARM_SANDBOXES") == "false",
                    reason="the stack runs cold sandboxes")
def test_warm_sandboxes_serve_one_job_each(stack, api):
    token = user_token(stack)
    seen_dirs, used = set(), []
    for i in range(3):
        time.sleep(1.5)  # the runner refills its standbys between jobs
        before = warm_dirs(stack)
        assert before, "no standby waiting"
        seen_dirs |= before
        pid = generate(api, token, spec_with(f"warm-probe-{i}", [action("warm_probe", PROBE.strip())]))
        body = wait_final(api, token, pid)
        v = latest_report(api, token, pid)
        assert v["pytest"]["status"] == "passed", v["pytest"]["output_tail"]
        assert body["status"] == "verified", v["reason"]
        assert v["timings"]["warm_app"] == 1 and v["timings"]["warm_pytest"] == 1, v["timings"]
        gone = before - warm_dirs(stack)
        assert len(gone) == 1, (before, warm_dirs(stack))  # the standby that took the job
        used.append(gone.pop())
    # a used standby's directory never comes back, and each job had its own
    assert len(set(used)) == 3
    assert not set(used) & warm_dirs(stack)
