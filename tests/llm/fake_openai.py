#!/usr/bin/python3
"""A local stand-in for an OpenAI-compatible provider, so tests drive the real LLM client.

Speaks POST /v1/chat/completions and GET /v1/models on 127.0.0.1 (standard library only),
prints "PORT <n>" on its first stdout line, and plays scripted behaviour:
  * a queue of steps (from --script FILE or POST /_control/script {"steps": [...]}), one
    step consumed per chat request;
  * when the queue is empty, the model name picks the behaviour: "fake-<kind>" for a
    known kind plays <kind> every time, any other model (e.g. "fake-model") "normal".
Step kinds: normal, fenced, content (with "content", "repeat" times), slow ("delay" seconds), 429
("retry_after" header value, "retry_after_ms"), 500, status ("status", "body"), badjson,
review_errors, truncated, huge, huge_chunked, reject_structured, empty, and fix: an auto-fix
reply built from the request's own prompt (a JSON user message with "files"): each of
"edits" [{"path", "old", "new"}] replaces text in the file as the prompt showed it, then
"files" [...] entries are appended verbatim (hostile entries for refusal tests); "summary"
is passed through, "fence" wraps the JSON in a ```json fence, "delay" waits first. An edit whose file or text is
not in the prompt answers 418, so a test that expects a repair fails loudly.
Every request is recorded; GET /_control/requests returns them (method, path, headers,
body), POST /_control/reset clears queue and records.
"""

import argparse
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD_SPEC = {
    "spec_version": 1,
    "name": "todo-api",
    "title": "Todo API",
    "description": "Tasks grouped into projects",
    "target": "fastapi-postgres",
    "auth": {"enabled": True},
    "entities": [
        {"name": "Project", "plural": "projects", "owned": True,
         "fields": [{"name": "name", "type": "string", "required": True, "max_length": 120}]},
        {"name": "Task", "plural": "tasks", "owned": True,
         "fields": [
             {"name": "title", "type": "string", "required": True, "max_length": 200},
             {"name": "done", "type": "boolean", "default": False},
             {"name": "due_date", "type": "date"},
             {"name": "priority", "type": "enum", "values": ["low", "medium", "high"]},
             {"name": "project_id", "type": "reference", "entity": "Project",
              "on_delete": "cascade"}]}],
    "actions": [],
}

# Fails review: an unknown field type and a reference to an entity that does not exist.
BAD_SPEC = {
    "spec_version": 1,
    "name": "todo-api",
    "title": "Todo API",
    "description": "Tasks",
    "target": "fastapi-postgres",
    "auth": {"enabled": False},
    "entities": [
        {"name": "Task", "plural": "tasks", "owned": False,
         "fields": [
             {"name": "title", "type": "strnig", "required": True},
             {"name": "board_id", "type": "reference", "entity": "Board",
              "on_delete": "cascade"}]}],
    "actions": [],
}

HUGE_BYTES = 3 * 1024 * 1024
KINDS = ("normal", "fenced", "content", "empty", "slow", "429", "500", "status", "badjson",
         "review_errors", "truncated", "huge", "huge_chunked", "reject_structured", "fix")


class State:
    def __init__(self, steps):
        self.lock = threading.Lock()
        self.steps = list(steps)
        self.requests = []


def completion(content, model, prompt_tokens=120, completion_tokens=80):
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # close-delimited bodies make truncation easy to play
    server_version = "fake-openai/1"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_openai: " + (fmt % args) + "\n")

    def send_json(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n).decode("utf-8", "replace") if n > 0 else ""

    def record(self, body):
        entry = {"method": self.command, "path": self.path,
                 "headers": [[k, v] for k, v in self.headers.items()], "body": body,
                 "time": time.time()}
        with self.server.state.lock:
            self.server.state.requests.append(entry)

    def do_GET(self):
        st = self.server.state
        if self.path == "/_control/requests":
            with st.lock:
                self.send_json(200, st.requests)
            return
        if self.path == "/v1/models":
            self.record("")
            self.send_json(200, {"object": "list", "data": [
                {"id": "fake-" + k, "object": "model", "owned_by": "fake"} for k in KINDS]})
            return
        self.send_json(404, {"error": {"message": "not found"}})

    def do_POST(self):
        st = self.server.state
        body = self.read_body()
        if self.path == "/_control/script":
            steps = json.loads(body or "{}").get("steps", [])
            with st.lock:
                st.steps = list(steps)
            self.send_json(200, {"queued": len(steps)})
            return
        if self.path == "/_control/reset":
            with st.lock:
                st.steps = []
                st.requests = []
            self.send_json(200, {"reset": True})
            return
        if self.path != "/v1/chat/completions":
            self.record(body)
            self.send_json(404, {"error": {"message": "not found"}})
            return
        self.record(body)
        try:
            req = json.loads(body)
        except ValueError:
            self.send_json(400, {"error": {"message": "invalid JSON in request"}})
            return
        model = req.get("model", "")
        with st.lock:
            step = st.steps.pop(0) if st.steps else None
        if step is None:
            kind = model[5:] if model.startswith("fake-") and model[5:] in KINDS else "normal"
            step = {"kind": kind}
        try:
            self.play(step, req, model)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, size cap): that is the point of the step

    def play(self, step, req, model):
        kind = step.get("kind", "normal")
        spec_text = json.dumps(step.get("spec", GOOD_SPEC), indent=2)
        if kind == "normal":
            self.send_json(200, completion(spec_text, model))
        elif kind == "content":
            self.send_json(200, completion(step.get("content", "") * int(step.get("repeat", 1)),
                                           model))
        elif kind == "empty":
            self.send_json(200, completion("", model))
        elif kind == "fenced":
            text = ("Sure! Here is the spec you asked for:\n\n```json\n" + spec_text +
                    "\n```\n\nLet me know if you want {changes}.")
            self.send_json(200, completion(text, model))
        elif kind == "review_errors":
            self.send_json(200, completion(json.dumps(BAD_SPEC), model))
        elif kind == "slow":
            time.sleep(float(step.get("delay", 5)))
            self.send_json(200, completion(spec_text, model))
        elif kind == "429":
            headers = {}
            if "retry_after" in step:
                headers["Retry-After"] = str(step["retry_after"])
            if "retry_after_ms" in step:
                headers["retry-after-ms"] = str(step["retry_after_ms"])
            self.send_json(429, {"error": {"message": "rate limited", "type": "rate_limit"}},
                           headers)
        elif kind == "500":
            self.send_json(500, {"error": {"message": "internal error"}})
        elif kind == "status":
            self.send_json(int(step.get("status", 500)), step.get("body", {"error": {}}))
        elif kind == "badjson":
            data = b'{"choices": [{"message": {"content": "unterminated'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif kind == "truncated":
            data = json.dumps(completion(spec_text, model)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data) + 1000))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        elif kind in ("huge", "huge_chunked"):
            content = "x" * HUGE_BYTES
            data = json.dumps(completion(content, model)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if kind == "huge":
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for i in range(0, len(data), 65536):
                self.wfile.write(data[i:i + 65536])
        elif kind == "reject_structured":
            if "response_format" in req:
                self.send_json(400, {"error": {
                    "message": "Invalid parameter: 'response_format' of type 'json_schema' "
                               "is not supported with this model.",
                    "type": "invalid_request_error", "param": "response_format"}})
            else:
                self.send_json(200, completion(spec_text, model))
        elif kind == "fix":
            time.sleep(float(step.get("delay", 0)))
            reply = self.fix_reply(step, req)
            if reply is None:
                self.send_json(418, {"error": {"message": "fix step: file or text not in prompt"}})
            else:
                text = json.dumps(reply)
                if step.get("fence"):
                    text = "Here is the patch:\n```json\n" + text + "\n```\n"
                self.send_json(200, completion(text, model, 900, 300))
        else:  # a typo in a script must fail loudly, not pass as a server error
            self.send_json(418, {"error": {"message": "unknown fake step " + kind}})


    @staticmethod
    def fix_reply(step, req):
        shown = {}
        for m in req.get("messages", []):
            if m.get("role") != "user":
                continue
            try:
                doc = json.loads(m.get("content", ""))
            except ValueError:
                continue
            for f in doc.get("files", []) if isinstance(doc, dict) else []:
                shown[f.get("path")] = f.get("content", "")
        files = []
        for e in step.get("edits", []):
            text = shown.get(e["path"])
            if text is None or e["old"] not in text:
                return None
            files.append({"path": e["path"], "content": text.replace(e["old"], e["new"])})
        files.extend(step.get("files", []))
        return {"files": files, "summary": step.get("summary", "scripted fix")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--script", help="JSON file: {\"steps\": [...]} or a list of steps")
    args = ap.parse_args()
    steps = []
    if args.script:
        with open(args.script) as f:
            doc = json.load(f)
        steps = doc.get("steps", []) if isinstance(doc, dict) else doc
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.state = State(steps)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
