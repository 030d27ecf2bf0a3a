"""SQLAlchemy models: one table per entity, and the users who sign in."""
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from app.db import Base


class User(Base):
    __tablename__ = "users"

    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String(255), nullable=False, unique=True)
    password_hash = sa.Column(sa.String(255), nullable=False)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


class Group(Base):
    __tablename__ = "groups"

    id = sa.Column(sa.Integer, primary_key=True)
    owner_id = sa.Column(
        sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    order = sa.Column(sa.String(40), nullable=False)
    begin = sa.Column(sa.Date, nullable=True)
    payload = sa.Column(postgresql.JSONB, nullable=True)
    select = sa.Column(sa.Integer, nullable=True)
    rate = sa.Column(sa.Float, nullable=True)
    price = sa.Column(sa.Numeric(18, 4), nullable=True)
    token = sa.Column(postgresql.UUID(as_uuid=True), nullable=True)
    contact = sa.Column(sa.String(255), nullable=True)
    homepage = sa.Column(sa.String(2048), nullable=True)
    starts_at = sa.Column(sa.DateTime(timezone=True), nullable=True)
    status = sa.Column(
        sa.Enum(
            "it's",
            "say \"hi\"",
            "back\\slash",
            name="ck_groups_status",
            native_enum=False,
            create_constraint=True,
        ),
        nullable=True,
    )
    notes = sa.Column(sa.Text, nullable=True)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )
    # Unique per owner: one user's values never clash with (nor reveal) another's.
    __table_args__ = (
        sa.UniqueConstraint("owner_id", "order", name="uq_groups_owner_order"),
        sa.UniqueConstraint("owner_id", "token", name="uq_groups_owner_token"),
        sa.UniqueConstraint("owner_id", "contact", name="uq_groups_owner_contact"),
    )


class Order(Base):
    __tablename__ = "orders"

    id = sa.Column(sa.Integer, primary_key=True)
    owner_id = sa.Column(
        sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    group_id = sa.Column(
        sa.Integer, sa.ForeignKey("groups.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    backup_group_id = sa.Column(
        sa.Integer, sa.ForeignKey("groups.id", ondelete="SET NULL"), nullable=True, index=True
    )
    quantity = sa.Column(sa.BigInteger, nullable=False)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )


class Line(Base):
    __tablename__ = "lines"

    id = sa.Column(sa.Integer, primary_key=True)
    order_id = sa.Column(
        sa.Integer, sa.ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True
    )
    where = sa.Column(sa.String(5), nullable=True)
    maximum = sa.Column(sa.BigInteger, nullable=True)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )
