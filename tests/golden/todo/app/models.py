"""SQLAlchemy models: one table per entity, and the users who sign in."""
import sqlalchemy as sa

from app.db import Base


class User(Base):
    __tablename__ = "users"

    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String(255), nullable=False, unique=True)
    password_hash = sa.Column(sa.String(255), nullable=False)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


class Project(Base):
    __tablename__ = "projects"

    id = sa.Column(sa.Integer, primary_key=True)
    owner_id = sa.Column(
        sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name = sa.Column(sa.String(120), nullable=False)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )


class Task(Base):
    __tablename__ = "tasks"

    id = sa.Column(sa.Integer, primary_key=True)
    owner_id = sa.Column(
        sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title = sa.Column(sa.String(200), nullable=False)
    done = sa.Column(sa.Boolean, nullable=True)
    due_date = sa.Column(sa.Date, nullable=True)
    priority = sa.Column(
        sa.Enum(
            "low",
            "medium",
            "high",
            name="ck_tasks_priority",
            native_enum=False,
            create_constraint=True,
        ),
        nullable=True,
    )
    project_id = sa.Column(
        sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=True, index=True
    )
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )
