"""The application: routers, the health check, table creation at startup, and the one error
path: a database or validation failure is a 4xx in FastAPI's {"detail": ...} shape (the
session rolls back when the request ends), anything else a 500 that names a request id and
logs the stack, never sends it."""
import logging
import math
import urllib.parse
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from app.actions import router as actions_router
from app.db import Base, engine, integrity_answer

MAX_BODY_BYTES = 1_048_576
log = logging.getLogger("app")

app = FastAPI(
    title="Calculator",
    description="Arithmetic as endpoints",
    version="1.0.0",
)
app.include_router(actions_router)


class RequestGuard:
    """Gives each request an id (the X-Request-ID answer header), refuses bodies over
    MAX_BODY_BYTES before they are read, and query strings that are not UTF-8 (they would
    reach the app with U+FFFD in place of what the client sent)."""

    def __init__(self, app):
        self.inner = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.inner(scope, receive, send)
        request_id = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > MAX_BODY_BYTES):
                response = JSONResponse({"detail": "The body is too large"}, status_code=413)
                return await response(scope, receive, send)
        try:
            urllib.parse.unquote_to_bytes(scope.get("query_string", b"")).decode("utf-8")
        except UnicodeDecodeError:
            response = JSONResponse({"detail": "The query string is not UTF-8"}, status_code=400)
            return await response(scope, receive, send)

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = dict(message, headers=headers)
            await send(message)

        await self.inner(scope, receive, send_with_id)


app.add_middleware(RequestGuard)


@app.exception_handler(IntegrityError)
def integrity_error(request: Request, exc: IntegrityError) -> JSONResponse:
    status, detail = integrity_answer(exc)
    return JSONResponse({"detail": detail}, status_code=status)


@app.exception_handler(DataError)
def data_error(request: Request, exc: DataError) -> JSONResponse:
    return JSONResponse({"detail": "A value is out of range"}, status_code=422)


def json_safe(value: Any) -> Any:
    """An error's context may hold what the client sent (NaN, 1e999): JSON has no such numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    return value


@app.exception_handler(RequestValidationError)
@app.exception_handler(ValidationError)
def validation_error(request: Request, exc: ValidationError) -> JSONResponse:
    # Also a model built inside the app (e.g. query parameters gathered by Depends()).
    return JSONResponse({"detail": json_safe(jsonable_encoder(exc.errors()))}, status_code=422)


@app.exception_handler(StatementError)
def statement_error(request: Request, exc: StatementError) -> JSONResponse:
    if isinstance(exc.orig, (ValueError, UnicodeError)):
        # A value the database driver cannot send (validation should have refused it).
        return JSONResponse({"detail": "A value cannot be stored"}, status_code=422)
    return unexpected_error(request, exc)


@app.exception_handler(Exception)
def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    request_id = request.scope.get("state", {}).get("request_id") or uuid.uuid4().hex
    log.error("request %s failed", request_id, exc_info=exc)
    return JSONResponse(
        {"detail": "Internal server error", "request_id": request_id},
        status_code=500,
        headers={"X-Request-ID": request_id},
    )


@app.on_event("startup")
def create_tables() -> None:
    # A generated project creates its tables on first start; once the schema evolves,
    # switch to migrations (Alembic), since create_all never alters an existing table.
    Base.metadata.create_all(bind=engine)


@app.get("/health", tags=["health"])
def health() -> dict:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok"}
