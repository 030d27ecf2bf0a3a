"""Request and response bodies (pydantic 1.10). Per entity: Create, Update (every field
optional: PATCH sends only what changes) and Out (read from the database row). Request bodies
derive from app.fields.Body: exact types, no unknown keys, nothing PostgreSQL cannot store."""
from datetime import date, datetime
from typing import Literal, Optional

from pydantic import BaseModel, Field

from app.fields import Body

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z"


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


class ProjectCreate(Body):
    name: str = Field(..., max_length=120)


class ProjectUpdate(Body):
    name: Optional[str] = Field(None, max_length=120)


class ProjectOut(BaseModel):
    id: int
    owner_id: int
    name: str
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True


class TaskCreate(Body):
    title: str = Field(..., max_length=200)
    done: bool = False
    due_date: Optional[date] = None
    priority: Optional[Literal["low", "medium", "high"]] = None
    project_id: Optional[int] = Field(None, ge=1, le=2147483647)


class TaskUpdate(Body):
    title: Optional[str] = Field(None, max_length=200)
    done: Optional[bool] = None
    due_date: Optional[date] = None
    priority: Optional[Literal["low", "medium", "high"]] = None
    project_id: Optional[int] = Field(None, ge=1, le=2147483647)


class TaskOut(BaseModel):
    id: int
    owner_id: int
    title: str
    done: Optional[bool] = None
    due_date: Optional[date] = None
    priority: Optional[Literal["low", "medium", "high"]] = None
    project_id: Optional[int] = None
    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True


class AddInput(Body):
    a: float
    b: float


class AddOutput(BaseModel):
    result: Optional[float] = None
