"""SQLAlchemy models: one table per entity{{#AUTH}}, and the users who sign in{{/AUTH}}."""
import sqlalchemy as sa
{{#USES_PG_TYPES}}from sqlalchemy.dialects import postgresql
{{/USES_PG_TYPES}}
from app.db import Base
{{#AUTH}}

class User(Base):
    __tablename__ = "users"

    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String(255), nullable=False, unique=True)
    password_hash = sa.Column(sa.String(255), nullable=False)
    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
{{/AUTH}}{{#ENTITIES}}
{{#DOC}}
# {{DOC}}{{/DOC}}
class {{CLASS}}(Base):
    __tablename__ = {{TABLE_PY}}

    id = sa.Column(sa.Integer, primary_key=True)
{{#OWNED}}    owner_id = sa.Column(
        sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
{{/OWNED}}{{#FIELDS}}    {{ATTR}} = {{COLUMN}}
{{/FIELDS}}    created_at = sa.Column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )
    updated_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
        onupdate=sa.func.now(),
    )
{{#HAS_OWNER_UNIQUE}}    # Unique per owner: one user's values never clash with (nor reveal) another's.
    __table_args__ = (
{{#OWNER_UNIQUE}}        sa.UniqueConstraint("owner_id", {{COLUMN_PY}}, name="{{CONSTRAINT}}"),
{{/OWNER_UNIQUE}}    )
{{/HAS_OWNER_UNIQUE}}{{/ENTITIES}}
