"""/departments: list, create, read, update and delete Department rows.

Access: public: list, read, create, update, delete.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/departments", tags=["departments"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Department.id,
    "name": models.Department.name,
    "head_id": models.Department.head_id,
    "created_at": models.Department.created_at,
    "updated_at": models.Department.updated_at,
}


def get_department_or_404(db: Session, item_id: int) -> models.Department:
    item = db.get(models.Department, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Department not found")
    return item


def check_references(db: Session, values: dict) -> None:
    """Refuses (422) references to rows that do not exist."""
    if values.get("head_id") is not None:
        parent = db.get(models.Employee, values["head_id"])
        if parent is None:
            raise HTTPException(status_code=422, detail="head_id: no such Employee")


@router.get("", response_model=List[schemas.DepartmentOut])
def list_departments(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    name: Optional[fields.QueryText] = None,
    head_id: Optional[fields.QueryId] = None,
    db: Session = Depends(get_db),
) -> List[models.Department]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Department)
    if name is not None:
        query = query.filter(models.Department.name == name)
    if head_id is not None:
        query = query.filter(models.Department.head_id == head_id)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Department.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.DepartmentOut, status_code=201)
def create_department(
    payload: schemas.DepartmentCreate,
    db: Session = Depends(get_db),
) -> models.Department:
    values = payload.dict()
    check_references(db, values)
    item = models.Department(**values)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.DepartmentOut)
def read_department(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Department:
    return get_department_or_404(db, item_id)


@router.patch("/{item_id}", response_model=schemas.DepartmentOut)
def update_department(
    payload: schemas.DepartmentUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Department:
    item = get_department_or_404(db, item_id)
    values = payload.dict(exclude_unset=True)
    check_references(db, values)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_department(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> Response:
    db.delete(get_department_or_404(db, item_id))
    commit_or_raise(db)
    return Response(status_code=204)
