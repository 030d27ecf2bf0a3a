"""Request and response bodies (pydantic 1.10). Per entity: Create, Update (every field
optional: PATCH sends only what changes) and Out (read from the database row). Request bodies
derive from app.fields.Body: exact types, no unknown keys, nothing PostgreSQL cannot store."""
from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from pydantic import BaseModel, Field

from app.fields import Body


class EmployeeCreate(Body):
    full_name: str = Field(..., max_length=255)
    manager_id: Optional[int] = Field(None, ge=1, le=2147483647)
    hired_on: Optional[date] = None
    salary: Optional[Decimal] = Field(None, ge=Decimal("0"), max_digits=18, decimal_places=4)


class EmployeeUpdate(Body):
    full_name: Optional[str] = Field(None, max_length=255)
    manager_id: Optional[int] = Field(None, ge=1, le=2147483647)
    hired_on: Optional[date] = None
    salary: Optional[Decimal] = Field(None, ge=Decimal("0"), max_digits=18, decimal_places=4)


class EmployeeOut(BaseModel):
    id: int
    full_name: str
    manager_id: Optional[int] = None
    hired_on: Optional[date] = None
    salary: Optional[Decimal] = None
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True


class DepartmentCreate(Body):
    name: str = Field(..., max_length=255)
    head_id: Optional[int] = Field(None, ge=1, le=2147483647)


class DepartmentUpdate(Body):
    name: Optional[str] = Field(None, max_length=255)
    head_id: Optional[int] = Field(None, ge=1, le=2147483647)


class DepartmentOut(BaseModel):
    id: int
    name: str
    head_id: Optional[int] = None
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True
