"""Request and response bodies (pydantic 1.10). Per entity: Create, Update (every field
optional: PATCH sends only what changes) and Out (read from the database row). Request bodies
derive from app.fields.Body: exact types, no unknown keys, nothing PostgreSQL cannot store."""
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, Optional
from uuid import UUID

from pydantic import BaseModel, Field

from app.fields import Body

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*\Z"


class CategoryCreate(Body):
    label: str = Field(..., max_length=255)


class CategoryUpdate(Body):
    label: Optional[str] = Field(None, max_length=255)


class CategoryOut(BaseModel):
    id: int
    label: str
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True


class SampleCreate(Body):
    a_string: str = Field("hello", min_length=1, max_length=20)
    a_text: str = ""
    an_integer: int = Field(-3, ge=-10, le=10)
    a_float: float = Field(2.5, ge=0.5, le=99.5)
    a_decimal: Decimal = Field(19.99, max_digits=18, decimal_places=4)
    a_boolean: bool = True
    a_date: date = "2024-02-29"
    a_datetime: datetime = "2024-05-01T12:30:00Z"
    a_uuid: UUID = "123e4567-e89b-12d3-a456-426614174000"
    an_email: str = Field("someone@example.com", max_length=255, regex=EMAIL_PATTERN)
    a_url: str = Field("https://example.com/x?y=1", max_length=2048, regex=URL_PATTERN)
    an_enum: Literal["one", "two", "three"] = "two"
    a_json: Any = Field(default_factory=lambda: {"k": [1, 2, 3]})
    a_reference: Optional[int] = Field(None, ge=1, le=2147483647)


class SampleUpdate(Body):
    a_string: Optional[str] = Field(None, min_length=1, max_length=20)
    a_text: Optional[str] = None
    an_integer: Optional[int] = Field(None, ge=-10, le=10)
    a_float: Optional[float] = Field(None, ge=0.5, le=99.5)
    a_decimal: Optional[Decimal] = Field(None, max_digits=18, decimal_places=4)
    a_boolean: Optional[bool] = None
    a_date: Optional[date] = None
    a_datetime: Optional[datetime] = None
    a_uuid: Optional[UUID] = None
    an_email: Optional[str] = Field(None, max_length=255, regex=EMAIL_PATTERN)
    a_url: Optional[str] = Field(None, max_length=2048, regex=URL_PATTERN)
    an_enum: Optional[Literal["one", "two", "three"]] = None
    a_json: Any = None
    a_reference: Optional[int] = Field(None, ge=1, le=2147483647)


class SampleOut(BaseModel):
    id: int
    a_string: Optional[str] = None
    a_text: Optional[str] = None
    an_integer: Optional[int] = None
    a_float: Optional[float] = None
    a_decimal: Optional[Decimal] = None
    a_boolean: Optional[bool] = None
    a_date: Optional[date] = None
    a_datetime: Optional[datetime] = None
    a_uuid: Optional[UUID] = None
    an_email: Optional[str] = None
    a_url: Optional[str] = None
    an_enum: Optional[Literal["one", "two", "three"]] = None
    a_json: Any = None
    a_reference: Optional[int] = None
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True
