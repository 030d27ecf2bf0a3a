"""The application: routers, the health check, and table creation at startup."""
from fastapi import FastAPI
from sqlalchemy import text

from app.actions import router as actions_router
from app.auth import router as auth_router
from app.db import Base, engine
from app.routers import groups, lines, orders

app = FastAPI(
    title="Reserved words \"everywhere\" {{X}}",
    description="SQL words as tables and fields (order, begin, select, where, limit); every constraint.",
    version="1.0.0",
)
app.include_router(auth_router)
app.include_router(groups.router)
app.include_router(orders.router)
app.include_router(lines.router)
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
