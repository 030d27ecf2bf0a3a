"""Database engine, sessions, and the mapping of database errors to HTTP answers."""
from typing import Iterator, Tuple

from fastapi import HTTPException
from sqlalchemy import create_engine
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from app.config import settings

# Sessions speak UTC, so a stored time reads back within the years Python can hold.
engine = create_engine(
    settings.database_url,
    pool_pre_ping=True,
    future=True,
    connect_args={"options": "-c timezone=UTC"},
)
SessionLocal = sessionmaker(bind=engine, autoflush=False, future=True)
Base = declarative_base()

# PostgreSQL SQLSTATE codes of integrity errors: the client's data was wrong, not the server.
INTEGRITY_ERRORS = {
    "23505": (409, "A row with this value already exists"),
    "23503": (409, "The row references a missing row or is still referenced"),
    "23502": (422, "A required value is missing"),
    "23514": (422, "A value is not allowed"),
}


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def integrity_answer(exc: IntegrityError) -> Tuple[int, str]:
    return INTEGRITY_ERRORS.get(
        getattr(exc.orig, "pgcode", None), (409, "The change conflicts with existing data")
    )


def commit_or_raise(db: Session) -> None:
    """Commits, turning constraint violations into 409/422 answers instead of a 500; a failed
    commit is rolled back, so nothing half-written stays."""
    try:
        db.commit()
    except IntegrityError as exc:
        db.rollback()
        status, detail = integrity_answer(exc)
        raise HTTPException(status_code=status, detail=detail) from exc
    except DataError as exc:
        db.rollback()
        raise HTTPException(status_code=422, detail="A value is out of range") from exc
