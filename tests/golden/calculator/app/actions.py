"""Actions: endpoints beyond CRUD. Each function below holds the action's own code; it takes
the inputs as keyword arguments and returns the output as a dict."""
from fastapi import APIRouter, Depends

from app import schemas

router = APIRouter(tags=["actions"])


def add(*, a: float, b: float) -> dict:
    """a + b"""
    return {"result": a + b}


@router.post(
    "/calc/add",
    response_model=schemas.AddOutput,
    summary="a + b",
)
def add_endpoint(payload: schemas.AddInput) -> dict:
    return add(**payload.dict())


def divide(*, a: int, b: int) -> dict:
    """a / b"""
    return {"quotient": a // b, "remainder": a % b}


@router.get(
    "/calc/divide",
    response_model=schemas.DivideOutput,
    summary="a / b",
)
def divide_endpoint(payload: schemas.DivideInput = Depends()) -> dict:
    return divide(**payload.dict())


def greet(*, who: str) -> dict:
    """Say hello"""
    return {"message": f"Hello, {who}!"}


@router.get(
    "/greet",
    response_model=schemas.GreetOutput,
    summary="Say hello",
)
def greet_endpoint(payload: schemas.GreetInput = Depends()) -> dict:
    return greet(**payload.dict())
