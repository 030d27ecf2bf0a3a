"""SQLAlchemy models: one table per entity."""
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from app.db import Base


class Category(Base):
    __tablename__ = "categories"

    id = sa.Column(sa.Integer, primary_key=True)
    label = sa.Column(sa.String(255), nullable=False, unique=True)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )


class Sample(Base):
    __tablename__ = "samples"

    id = sa.Column(sa.Integer, primary_key=True)
    a_string = sa.Column(sa.String(20), nullable=True)
    a_text = sa.Column(sa.Text, nullable=True)
    an_integer = sa.Column(sa.Integer, nullable=True)
    a_float = sa.Column(sa.Float, nullable=True)
    a_decimal = sa.Column(sa.Numeric(18, 4), nullable=True)
    a_boolean = sa.Column(sa.Boolean, nullable=True)
    a_date = sa.Column(sa.Date, nullable=True)
    a_datetime = sa.Column(sa.DateTime(timezone=True), nullable=True)
    a_uuid = sa.Column(postgresql.UUID(as_uuid=True), nullable=True)
    an_email = sa.Column(sa.String(255), nullable=True)
    a_url = sa.Column(sa.String(2048), nullable=True)
    an_enum = sa.Column(
        sa.Enum(
            "one",
            "two",
            "three",
            name="ck_samples_an_enum",
            native_enum=False,
            create_constraint=True,
        ),
        nullable=True,
    )
    a_json = sa.Column(postgresql.JSONB, nullable=True)
    a_reference = sa.Column(
        sa.Integer, sa.ForeignKey("categories.id", ondelete="SET NULL"), nullable=True, index=True
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
