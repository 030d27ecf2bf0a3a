"""The application: routers, the health check, and table creation at startup."""
from fastapi import FastAPI
from sqlalchemy import text

from app.actions import router as actions_router
from app.auth import router as auth_router
from app.db import Base, engine
from app.routers import projects, tasks

app = FastAPI(
    title="Todo API",
    description="Tasks grouped into projects",
    version="1.0.0",
)
app.include_router(auth_router)
app.include_router(projects.router)
app.include_router(tasks.router)
app.include_router(actions_router)


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
