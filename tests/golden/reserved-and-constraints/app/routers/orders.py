"""/orders: list, create, read, update and delete Order rows.

Access: owner: list, read, update, delete; authenticated: create.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.auth import current_user
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/orders", tags=["orders"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Order.id,
    "group_id": models.Order.group_id,
    "backup_group_id": models.Order.backup_group_id,
    "quantity": models.Order.quantity,
    "created_at": models.Order.created_at,
    "updated_at": models.Order.updated_at,
}


def get_order_or_404(db: Session, item_id: int, owner_id: Optional[int] = None) -> models.Order:
    item = db.get(models.Order, item_id)
    if item is None or (owner_id is not None and item.owner_id != owner_id):
        raise HTTPException(status_code=404, detail="Order not found")
    return item


def check_references(db: Session, values: dict, owner_id: int) -> None:
    """Refuses (422) references to rows that do not exist or the row's owner may not read."""
    if values.get("group_id") is not None:
        parent = db.get(models.Group, values["group_id"])
        if parent is None or parent.owner_id != owner_id:
            raise HTTPException(status_code=422, detail="group_id: no such Group")
    if values.get("backup_group_id") is not None:
        parent = db.get(models.Group, values["backup_group_id"])
        if parent is None or parent.owner_id != owner_id:
            raise HTTPException(status_code=422, detail="backup_group_id: no such Group")


@router.get("", response_model=List[schemas.OrderOut])
def list_orders(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    group_id: Optional[fields.QueryId] = None,
    backup_group_id: Optional[fields.QueryId] = None,
    quantity: Optional[fields.QueryInt] = None,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> List[models.Order]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Order)
    query = query.filter(models.Order.owner_id == user.id)
    if group_id is not None:
        query = query.filter(models.Order.group_id == group_id)
    if backup_group_id is not None:
        query = query.filter(models.Order.backup_group_id == backup_group_id)
    if quantity is not None:
        query = query.filter(models.Order.quantity == quantity)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Order.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.OrderOut, status_code=201)
def create_order(
    payload: schemas.OrderCreate,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Order:
    values = payload.dict()
    check_references(db, values, user.id)
    item = models.Order(**values, owner_id=user.id)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.OrderOut)
def read_order(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Order:
    return get_order_or_404(db, item_id, user.id)


@router.patch("/{item_id}", response_model=schemas.OrderOut)
def update_order(
    payload: schemas.OrderUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Order:
    item = get_order_or_404(db, item_id, user.id)
    values = payload.dict(exclude_unset=True)
    check_references(db, values, item.owner_id)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_order(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> Response:
    db.delete(get_order_or_404(db, item_id, user.id))
    commit_or_raise(db)
    return Response(status_code=204)
