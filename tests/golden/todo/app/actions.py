"""Actions: endpoints beyond CRUD. Each function below holds the action's own code; it takes
the inputs as keyword arguments and returns the output as a dict."""
from fastapi import APIRouter

from app import schemas

router = APIRouter(tags=["actions"])


def add(*, a: float, b: float) -> dict:
    """Add two numbers"""
    return {"result": a + b}


@router.post(
    "/calc/add",
    response_model=schemas.AddOutput,
    summary="Add two numbers",
)
def add_endpoint(payload: schemas.AddInput) -> dict:
    return add(**payload.dict())
