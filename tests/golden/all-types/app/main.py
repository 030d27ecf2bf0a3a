"""The application: routers, the health check, and table creation at startup."""
from fastapi import FastAPI
from sqlalchemy import text

from app.db import Base, engine
from app.routers import categories, samples

app = FastAPI(
    title="Every field type",
    description="",
    version="1.0.0",
)
app.include_router(categories.router)
app.include_router(samples.router)


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
