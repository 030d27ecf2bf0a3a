"""The application: routers, the health check, and table creation at startup."""
from fastapi import FastAPI
from sqlalchemy import text

{{#HAS_ACTIONS}}from app.actions import router as actions_router
{{/HAS_ACTIONS}}{{#AUTH}}from app.auth import router as auth_router
{{/AUTH}}from app.db import Base, engine
{{#HAS_ENTITIES}}from app.routers import {{ROUTER_MODULES}}
{{/HAS_ENTITIES}}
app = FastAPI(
    title={{TITLE_PY}},
    description={{DESCRIPTION_PY}},
    version="1.0.0",
)
{{#AUTH}}app.include_router(auth_router)
{{/AUTH}}{{#ENTITIES}}app.include_router({{PLURAL}}.router)
{{/ENTITIES}}{{#HAS_ACTIONS}}app.include_router(actions_router)
{{/HAS_ACTIONS}}

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
