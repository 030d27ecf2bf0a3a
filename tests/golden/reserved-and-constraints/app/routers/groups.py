"""/groups: list, create, read, update and delete Group rows.

Access: owner: list, read, update, delete; authenticated: create.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.auth import current_user
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/groups", tags=["groups"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Group.id,
    "order": models.Group.order,
    "begin": models.Group.begin,
    "select": models.Group.select,
    "rate": models.Group.rate,
    "price": models.Group.price,
    "token": models.Group.token,
    "contact": models.Group.contact,
    "homepage": models.Group.homepage,
    "starts_at": models.Group.starts_at,
    "status": models.Group.status,
    "notes": models.Group.notes,
    "created_at": models.Group.created_at,
    "updated_at": models.Group.updated_at,
}


def get_group_or_404(db: Session, item_id: int, owner_id: Optional[int] = None) -> models.Group:
    item = db.get(models.Group, item_id)
    if item is None or (owner_id is not None and item.owner_id != owner_id):
        raise HTTPException(status_code=404, detail="Group not found")
    return item


@router.get("", response_model=List[schemas.GroupOut])
def list_groups(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    order: Optional[fields.QueryText] = None,
    begin: Optional[fields.QueryDate] = None,
    select: Optional[fields.QueryInt] = None,
    rate: Optional[fields.QueryFloat] = None,
    price: Optional[fields.QueryDecimal] = None,
    token: Optional[fields.QueryUUID] = None,
    contact: Optional[fields.QueryText] = None,
    homepage: Optional[fields.QueryText] = None,
    starts_at: Optional[fields.QueryDateTime] = None,
    status: Optional[fields.QueryText] = None,
    notes: Optional[fields.QueryText] = None,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> List[models.Group]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Group)
    query = query.filter(models.Group.owner_id == user.id)
    if order is not None:
        query = query.filter(models.Group.order == order)
    if begin is not None:
        query = query.filter(models.Group.begin == begin)
    if select is not None:
        query = query.filter(models.Group.select == select)
    if rate is not None:
        query = query.filter(models.Group.rate == rate)
    if price is not None:
        query = query.filter(models.Group.price == price)
    if token is not None:
        query = query.filter(models.Group.token == token)
    if contact is not None:
        query = query.filter(models.Group.contact == contact)
    if homepage is not None:
        query = query.filter(models.Group.homepage == homepage)
    if starts_at is not None:
        query = query.filter(models.Group.starts_at == starts_at)
    if status is not None:
        query = query.filter(models.Group.status == status)
    if notes is not None:
        query = query.filter(models.Group.notes == notes)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Group.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.GroupOut, status_code=201)
def create_group(
    payload: schemas.GroupCreate,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Group:
    values = payload.dict()
    item = models.Group(**values, owner_id=user.id)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.GroupOut)
def read_group(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Group:
    return get_group_or_404(db, item_id, user.id)


@router.patch("/{item_id}", response_model=schemas.GroupOut)
def update_group(
    payload: schemas.GroupUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Group:
    item = get_group_or_404(db, item_id, user.id)
    values = payload.dict(exclude_unset=True)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_group(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> Response:
    db.delete(get_group_or_404(db, item_id, user.id))
    commit_or_raise(db)
    return Response(status_code=204)
