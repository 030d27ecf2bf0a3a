"""/lines: list, create, read, update and delete Line rows.

Access: authenticated: list, read, create, update, delete.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.auth import current_user
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/lines", tags=["lines"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Line.id,
    "order_id": models.Line.order_id,
    "where": models.Line.where,
    "maximum": models.Line.maximum,
    "created_at": models.Line.created_at,
    "updated_at": models.Line.updated_at,
}


def get_line_or_404(db: Session, item_id: int) -> models.Line:
    item = db.get(models.Line, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Line not found")
    return item


def check_references(db: Session, values: dict) -> None:
    """Refuses (422) references to rows that do not exist."""
    if values.get("order_id") is not None:
        parent = db.get(models.Order, values["order_id"])
        if parent is None:
            raise HTTPException(status_code=422, detail="order_id: no such Order")


@router.get("", response_model=List[schemas.LineOut])
def list_lines(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    order_id: Optional[fields.QueryId] = None,
    where: Optional[fields.QueryText] = None,
    maximum: Optional[fields.QueryInt] = None,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> List[models.Line]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Line)
    if order_id is not None:
        query = query.filter(models.Line.order_id == order_id)
    if where is not None:
        query = query.filter(models.Line.where == where)
    if maximum is not None:
        query = query.filter(models.Line.maximum == maximum)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Line.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.LineOut, status_code=201)
def create_line(
    payload: schemas.LineCreate,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Line:
    values = payload.dict()
    check_references(db, values)
    item = models.Line(**values)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.LineOut)
def read_line(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Line:
    return get_line_or_404(db, item_id)


@router.patch("/{item_id}", response_model=schemas.LineOut)
def update_line(
    payload: schemas.LineUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Line:
    item = get_line_or_404(db, item_id)
    values = payload.dict(exclude_unset=True)
    check_references(db, values)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_line(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> Response:
    db.delete(get_line_or_404(db, item_id))
    commit_or_raise(db)
    return Response(status_code=204)
