"""Actions: endpoints beyond CRUD. Each function below holds the action's own code; it takes
the inputs as keyword arguments and returns the output as a dict."""
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException

from app import schemas
from app.auth import current_user

router = APIRouter(tags=["actions"])


def sum(*, a: int, offset: Optional[int]) -> dict:
    """Sum with an optional offset"""
    total = a + (offset or 0)
    return {"total": total}


@router.get(
    "/tools/import",
    response_model=schemas.SumOutput,
    summary="Sum with an optional offset",
    dependencies=[Depends(current_user)],
)
def sum_endpoint(payload: schemas.SumInput = Depends()) -> dict:
    return sum(**payload.dict())


def later(*, x: float) -> dict:
    """Not written yet"""
    raise HTTPException(status_code=501, detail="Not implemented")


@router.post(
    "/tools/later",
    response_model=schemas.LaterOutput,
    summary="Not written yet",
    dependencies=[Depends(current_user)],
)
def later_endpoint(payload: schemas.LaterInput) -> dict:
    return later(**payload.dict())
