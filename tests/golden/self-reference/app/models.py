"""SQLAlchemy models: one table per entity."""
import sqlalchemy as sa

from app.db import Base


class Employee(Base):
    __tablename__ = "employees"

    id = sa.Column(sa.Integer, primary_key=True)
    full_name = sa.Column(sa.String(255), nullable=False)
    manager_id = sa.Column(
        sa.Integer, sa.ForeignKey("employees.id", ondelete="SET NULL"), nullable=True, index=True
    )
    hired_on = sa.Column(sa.Date, nullable=True)
    salary = sa.Column(sa.Numeric(18, 4), nullable=True)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )


class Department(Base):
    __tablename__ = "departments"

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(255), nullable=False, unique=True)
    head_id = sa.Column(
        sa.Integer, sa.ForeignKey("employees.id", ondelete="SET NULL"), nullable=True, index=True
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
