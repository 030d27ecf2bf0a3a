"""Request and response bodies (pydantic 1.10). Per entity: Create, Update (every field
optional: PATCH sends only what changes) and Out (read from the database row). Request bodies
derive from app.fields.Body: exact types, no unknown keys, nothing PostgreSQL cannot store."""
from typing import Optional

from pydantic import BaseModel, Field

from app.fields import Body


class AddInput(Body):
    a: float
    b: float


class AddOutput(BaseModel):
    result: Optional[float] = None


class DivideInput(Body):
    a: int
    b: int = Field(..., ge=1)


class DivideOutput(BaseModel):
    quotient: Optional[int] = None
    remainder: Optional[int] = None


class GreetInput(Body):
    who: str = Field("world", max_length=50)


class GreetOutput(BaseModel):
    message: Optional[str] = None
