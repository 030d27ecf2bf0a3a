#!/usr/bin/env python3
"""Runs verify/suite.json (the HTTP suite Backforge derived from this project's spec) against
a deployment and writes the report Backforge's runner writes, so the result can be sent to
POST /api/projects/{id}/verify-report. Standard library only.

    python3 verify/verify.py https://your-host [--report out.json] [--insecure]

Exit status: 0 when every step passed, 1 when some did not, 2 on a usage error. The steps
create users and rows; run it against a deployment whose data you can spare."""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import math
import os
import re
import secrets
import ssl
import sys
import time
import urllib.parse

MAX_RESPONSE = 1024 * 1024
EXCERPT = 2048
MAX_PROBLEMS = 16
FORGED_TOKEN_TTL = 3600
PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")
QUOTED_PLACEHOLDER = re.compile(r'"\$\{([A-Za-z0-9_]+)\}"')


ABSENT = object()  # a path that is not in the answer (unlike a JSON null)


class Missing(Exception):
    """A step needs a variable no earlier step captured."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def var_text(v):
    if isinstance(v, str):
        return v
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def lookup(variables, name):
    if name not in variables:
        raise Missing(name)
    return variables[name]


def subst_text(text, variables):
    return PLACEHOLDER.sub(lambda m: var_text(lookup(variables, m.group(1))), text)


def subst_json(value, variables):
    """A string that is exactly "${name}" becomes the captured value itself."""
    if isinstance(value, str):
        m = PLACEHOLDER.fullmatch(value)
        if m:
            return lookup(variables, m.group(1))
        return subst_text(value, variables)
    if isinstance(value, dict):
        return dict((k, subst_json(v, variables)) for k, v in value.items())
    if isinstance(value, list):
        return [subst_json(v, variables) for v in value]
    return value


def subst_raw(text, variables):
    quoted = QUOTED_PLACEHOLDER.sub(
        lambda m: json.dumps(lookup(variables, m.group(1)), separators=(",", ":"),
                             ensure_ascii=False), text)
    return subst_text(quoted, variables)


def at_path(doc, path):
    cur = doc
    for seg in path.split(".") if path else []:
        if isinstance(cur, list):
            if not seg.isdigit() or int(seg) >= len(cur):
                return ABSENT
            cur = cur[int(seg)]
        elif isinstance(cur, dict):
            cur = cur.get(seg, ABSENT)
        else:
            return ABSENT
        if cur is ABSENT:
            return ABSENT
    return cur


def close_enough(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(\.\d*)?(Z|[+-]\d\d:\d\d)?")


def iso_instant(s):
    """Seconds since 1970 of an ISO-8601 date-time (a naive one read as UTC), else None."""
    m = ISO.fullmatch(s) if 19 <= len(s) <= 40 else None
    if not m:
        return None
    y, mo, d, h, mi, se = (int(g) for g in m.groups()[:6])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    frac = float("0" + m.group(7)) if m.group(7) and len(m.group(7)) > 1 else 0.0
    off = 0
    if m.group(8) and m.group(8) != "Z":
        sign = -1 if m.group(8)[0] == "-" else 1
        off = sign * (int(m.group(8)[1:3]) * 3600 + int(m.group(8)[4:6]) * 60)
    yy = y - (1 if mo <= 2 else 0)
    era = (yy if yy >= 0 else yy - 399) // 400
    yoe = yy - era * 400
    doy = (153 * (mo + (-3 if mo > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days = era * 146097 + doe - 719468
    return days * 86400.0 + h * 3600 + mi * 60 + se + frac - off


def number_text(s):
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) and s.strip() == s and s else None


def same(want, got):
    """Numbers within a tolerance (a decimal sent back as text too), date-times as instants,
    containers element by element."""
    if got is ABSENT:
        return False
    if is_number(want):
        if is_number(got):
            return close_enough(want, got)
        b = number_text(got) if isinstance(got, str) else None
        return b is not None and close_enough(want, b)
    if isinstance(want, str) and isinstance(got, str):
        if want == got:
            return True
        a, b = iso_instant(want), iso_instant(got)
        return a is not None and b is not None and abs(a - b) < 1e-3
    if isinstance(want, dict):
        return (isinstance(got, dict) and len(want) == len(got)
                and all(same(v, got.get(k, ABSENT)) for k, v in want.items()))
    if isinstance(want, list):
        return (isinstance(got, list) and len(want) == len(got)
                and all(same(a, b) for a, b in zip(want, got)))
    if isinstance(want, bool) or isinstance(got, bool):
        return isinstance(want, bool) and isinstance(got, bool) and want == got
    return want == got


def matches(pattern, item):
    return isinstance(item, dict) and all(
        same(v, item.get(k, ABSENT)) for k, v in pattern.items())


def status_matches(want, got):
    if isinstance(want, int):
        return want == got
    if isinstance(want, str):
        return got // 100 == int(want[0])
    return got in want


def short(v):
    t = "(absent)" if v is ABSENT else json.dumps(v, separators=(",", ":"), ensure_ascii=False)
    return t[:197] + "..." if len(t) > 200 else t


def check(expect, status, doc):
    problems = []

    def problem(msg):
        if len(problems) < MAX_PROBLEMS:
            problems.append(msg)

    want = expect["status"]
    if not status_matches(want, status):
        problem(f"status {status}, expected {short(want)}")
    if status >= 500:
        problem("a 5xx answer: the server failed")
    if not status_matches(want, status):
        return problems
    for path, v in expect.get("json", {}).items():
        got = at_path(doc, path) if doc is not None else ABSENT
        if not same(v, got):
            problem(f"{path or 'body'}: {short(got)}, expected {short(v)}")
    for path, v in expect.get("json_not", {}).items():
        got = at_path(doc, path) if doc is not None else ABSENT
        if got is not ABSENT and same(v, got):
            problem(f"{path}: the server kept the client's value {short(v)}")
    contains, absent = expect.get("list_contains"), expect.get("list_absent")
    most = expect.get("list_max")
    if (contains is not None or absent is not None or most is not None) and not isinstance(
            doc, list):
        problem("the answer is not a list")
        return problems
    found = False
    for item in doc if isinstance(doc, list) else []:
        if contains is not None and matches(contains, item):
            found = True
        if absent is not None and matches(absent, item):
            problem(f"the list holds a row it must not show: {short(absent)}")
            break
    if contains is not None and not found:
        problem(f"the list lacks the row {short(contains)}")
    if most is not None and len(doc) > most:
        problem(f"the list has {len(doc)} rows, at most {most} expected")
    return problems


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge_token(secret, sub):
    """An HS256 token signed with a guessable secret (the runner builds the same bytes)."""
    header = b'{"alg":"HS256","typ":"JWT"}'
    claims = '{"sub":%s,"exp":%d}' % (json.dumps(sub), int(time.time()) + FORGED_TOKEN_TTL)
    message = b64url(header) + "." + b64url(claims.encode())
    mac = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return message + "." + b64url(mac)


def excerpt(data):
    text = data[:EXCERPT].decode("utf-8", errors="replace")
    return text.replace("\ufffd", "?").replace("\x00", "?")


class Runner:
    def __init__(self, base_url, insecure, step_timeout, total_timeout):
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("the target must be an http:// or https:// URL")
        self.parts = parts
        self.prefix = parts.path.rstrip("/")
        self.context = ssl.create_default_context()
        if insecure:
            self.context.check_hostname = False
            self.context.verify_mode = ssl.CERT_NONE
        self.step_timeout = step_timeout
        self.deadline = time.monotonic() + total_timeout
        self.variables = {"run": secrets.token_hex(4)}
        self.producer = {}

    def connection(self, timeout):
        p = self.parts
        if p.scheme == "https":
            return http.client.HTTPSConnection(p.hostname, p.port, timeout=timeout,
                                               context=self.context)
        return http.client.HTTPConnection(p.hostname, p.port, timeout=timeout)

    def step(self, step):
        req, v = step["request"], self.variables
        test = {"name": step["name"], "group": step["group"]}
        headers, body, ctype, token = {"Accept": "application/json"}, None, None, None
        reason, verdict, actual, expect = "", "pass", {}, None
        path = req["path"]
        try:
            path = subst_text(req["path"], v)
            if "json" in req:
                body = json.dumps(subst_json(req["json"], v), separators=(",", ":"),
                                  ensure_ascii=False).encode()
                ctype = "application/json"
            elif "raw_body" in req:
                body = subst_raw(req["raw_body"], v).encode("utf-8", errors="surrogatepass")
                ctype = "application/json"
            elif "form" in req:
                body = "&".join(
                    urllib.parse.quote(k, safe="") + "=" +
                    urllib.parse.quote(subst_text(val, v).encode("utf-8", "surrogatepass"),
                                       safe="") for k, val in req["form"].items()).encode()
                ctype = "application/x-www-form-urlencoded"
            if "auth" in req:
                token = lookup(v, req["auth"])
            if "bearer_forged" in req:
                forged = req["bearer_forged"]
                token = forge_token(forged["secret"], subst_text(forged["sub"], v))
            expect = subst_json(step["expect"], v)
            missing = None
        except Missing as exc:
            missing = exc.name
        test["request"] = {"method": req["method"], "path": path}
        if body:
            test["request"]["body"] = excerpt(body)
        if "auth" in req or "bearer_forged" in req:
            test["request"]["auth"] = req.get("auth", "forged token")
        test["expected"] = expect if expect is not None else step["expect"]
        started = time.monotonic()
        if missing is not None:
            by = self.producer.get(missing)
            verdict = "skip"
            need = "needs ${" + missing + "}, which "
            reason = need + (f"step '{by}' did not capture" if by else "no step captures")
        elif self.deadline - started <= 0:
            verdict, reason = "skip", "the suite's total time limit passed"
        else:
            if ctype and "Content-Type" not in req.get("headers", {}):
                headers["Content-Type"] = ctype
            if token is not None:
                headers["Authorization"] = f"Bearer {token}"
            for k, val in req.get("headers", {}).items():
                line = subst_text(val, v)
                if "\r" not in line and "\n" not in line:
                    headers[k] = line
            timeout = min(self.step_timeout, self.deadline - started)
            try:
                conn = self.connection(timeout)
                try:
                    conn.request(req["method"], self.prefix + path, body=body, headers=headers)
                    resp = conn.getresponse()
                    data = resp.read(MAX_RESPONSE + 1)
                    status = resp.status
                finally:
                    conn.close()
            except (OSError, http.client.HTTPException) as exc:
                verdict, reason = "error", f"no answer: {exc}"
                actual = {"status": None}
            else:
                truncated = len(data) > MAX_RESPONSE
                data = data[:MAX_RESPONSE]
                actual = {"status": status, "body": excerpt(data)}
                if truncated:
                    actual["truncated"] = True
                doc = None
                if data and not truncated:
                    try:
                        doc = json.loads(data)
                    except (ValueError, RecursionError):
                        doc = None
                problems = check(expect, status, doc)
                for var, cpath in step.get("capture", {}).items():
                    got = at_path(doc, cpath) if doc is not None else ABSENT
                    if not problems and got is not ABSENT and got is not None:
                        v[var] = got
                    elif not problems:
                        problems.append(f"capture {var}: no {cpath} in the answer")
                if problems:
                    verdict, reason = "fail", problems[0]
                    actual["problems"] = problems
        test["actual"] = actual
        test["verdict"] = verdict
        test["duration_ms"] = int((time.monotonic() - started) * 1000)
        if reason:
            test["reason"] = reason
        return test

    def run(self, suite):
        for step in suite["steps"]:
            for var in step.get("capture", {}):
                self.producer.setdefault(var, step["name"])
        tests = [self.step(step) for step in suite["steps"]]
        count = dict((k, sum(t["verdict"] == k for t in tests)) for k in ("pass", "skip"))
        return {"summary": {"total": len(tests), "passed": count["pass"],
                            "failed": len(tests) - count["pass"] - count["skip"],
                            "skipped": count["skip"]},
                "tests": tests}


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the deployment's base URL, e.g. https://api.example.com")
    parser.add_argument("--report", help="write the JSON report to this file")
    parser.add_argument("--insecure", action="store_true",
                        help="accept a TLS certificate that does not verify")
    parser.add_argument("--suite", default=os.path.join(here, "suite.json"))
    parser.add_argument("--step-timeout", type=float, default=10.0, help="seconds per step")
    parser.add_argument("--total-timeout", type=float, default=300.0, help="seconds in all")
    args = parser.parse_args(argv)
    with open(args.suite, encoding="utf-8") as f:
        suite = json.load(f)
    if suite.get("suite_version") != 1 or not isinstance(suite.get("steps"), list):
        print(f"{args.suite}: not a suite of version 1", file=sys.stderr)
        return 2
    try:
        runner = Runner(args.url, args.insecure, args.step_timeout, args.total_timeout)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    report = runner.run(suite)
    for t in report["tests"]:
        if t["verdict"] != "pass":
            print(f"{t['verdict'].upper()}: {t['name']}: {t.get('reason', '')}", file=sys.stderr)
    s = report["summary"]
    print(f"{s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped of {s['total']}",
          file=sys.stderr)
    text = json.dumps(report, indent=1, ensure_ascii=False)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0 if s["failed"] == 0 and s["skipped"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
