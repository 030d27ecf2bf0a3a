"""Request and response bodies (pydantic 1.10). Per entity: Create, Update (every field
optional: PATCH sends only what changes) and Out (read from the database row)."""
from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from pydantic import BaseModel, Field


class EmployeeCreate(BaseModel):
    full_name: str = Field(..., max_length=255)
    manager_id: Optional[int] = None
    hired_on: Optional[date] = None
    salary: Optional[Decimal] = Field(None, ge=0, max_digits=18, decimal_places=4)


class EmployeeUpdate(BaseModel):
    full_name: Optional[str] = Field(None, max_length=255)
    manager_id: Optional[int] = None
    hired_on: Optional[date] = None
    salary: Optional[Decimal] = Field(None, ge=0, max_digits=18, decimal_places=4)


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


class DepartmentCreate(BaseModel):
    name: str = Field(..., max_length=255)
    head_id: Optional[int] = None


class DepartmentUpdate(BaseModel):
    name: Optional[str] = Field(None, max_length=255)
    head_id: Optional[int] = None


class DepartmentOut(BaseModel):
    id: int
    name: str
    head_id: Optional[int] = None
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True
