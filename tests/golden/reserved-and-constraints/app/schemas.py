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


class UserCreate(Body):
    email: str = Field(..., max_length=255, regex=EMAIL_PATTERN)
    password: str = Field(..., min_length=8, max_length=128)


class UserOut(BaseModel):
    id: int
    email: str
    created_at: datetime

    class Config:
        orm_mode = True


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class GroupCreate(Body):
    order: str = Field(..., min_length=2, max_length=40)
    begin: Optional[date] = None
    payload: Any = Field(default_factory=lambda: {"a": [1, 2]})
    select: int = Field(3, ge=-5, le=500)
    rate: Optional[float] = Field(None, ge=0.5, le=99.5)
    price: Optional[Decimal] = Field(
        None, ge=Decimal("0"), le=Decimal("100000"), max_digits=18, decimal_places=4
    )
    token: Optional[UUID] = None
    contact: Optional[str] = Field(None, max_length=255, regex=EMAIL_PATTERN)
    homepage: Optional[str] = Field(None, max_length=2048, regex=URL_PATTERN)
    starts_at: Optional[datetime] = None
    status: Literal["it's", "say \"hi\"", "back\\slash"] = "it's"
    notes: Optional[str] = Field(None, min_length=1)


class GroupUpdate(Body):
    order: Optional[str] = Field(None, min_length=2, max_length=40)
    begin: Optional[date] = None
    payload: Any = None
    select: Optional[int] = Field(None, ge=-5, le=500)
    rate: Optional[float] = Field(None, ge=0.5, le=99.5)
    price: Optional[Decimal] = Field(
        None, ge=Decimal("0"), le=Decimal("100000"), max_digits=18, decimal_places=4
    )
    token: Optional[UUID] = None
    contact: Optional[str] = Field(None, max_length=255, regex=EMAIL_PATTERN)
    homepage: Optional[str] = Field(None, max_length=2048, regex=URL_PATTERN)
    starts_at: Optional[datetime] = None
    status: Optional[Literal["it's", "say \"hi\"", "back\\slash"]] = None
    notes: Optional[str] = Field(None, min_length=1)


class GroupOut(BaseModel):
    id: int
    owner_id: int
    order: str
    begin: Optional[date] = None
    payload: Any = None
    select: Optional[int] = None
    rate: Optional[float] = None
    price: Optional[Decimal] = None
    token: Optional[UUID] = None
    contact: Optional[str] = None
    homepage: Optional[str] = None
    starts_at: Optional[datetime] = None
    status: Optional[Literal["it's", "say \"hi\"", "back\\slash"]] = None
    notes: Optional[str] = None
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True


class OrderCreate(Body):
    group_id: int = Field(..., ge=1, le=2147483647)
    backup_group_id: Optional[int] = Field(None, ge=1, le=2147483647)
    quantity: int = Field(..., ge=1)


class OrderUpdate(Body):
    group_id: Optional[int] = Field(None, ge=1, le=2147483647)
    backup_group_id: Optional[int] = Field(None, ge=1, le=2147483647)
    quantity: Optional[int] = Field(None, ge=1)


class OrderOut(BaseModel):
    id: int
    owner_id: int
    group_id: int
    backup_group_id: Optional[int] = None
    quantity: int
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True


class LineCreate(Body):
    order_id: int = Field(..., ge=1, le=2147483647)
    where: Optional[str] = Field(None, max_length=5)
    maximum: Optional[int] = Field(None, ge=0)


class LineUpdate(Body):
    order_id: Optional[int] = Field(None, ge=1, le=2147483647)
    where: Optional[str] = Field(None, max_length=5)
    maximum: Optional[int] = Field(None, ge=0)


class LineOut(BaseModel):
    id: int
    order_id: int
    where: Optional[str] = None
    maximum: Optional[int] = None
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True


class SumInput(Body):
    a: int
    offset: Optional[int] = None


class SumOutput(BaseModel):
    total: int


class LaterInput(Body):
    x: float


class LaterOutput(BaseModel):
    y: Optional[float] = None
