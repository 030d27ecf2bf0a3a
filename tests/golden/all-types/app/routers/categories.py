"""/categories: list, create, read, update and delete Category rows.

Access: public: list, read, create, update, delete.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/categories", tags=["categories"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Category.id,
    "label": models.Category.label,
    "created_at": models.Category.created_at,
    "updated_at": models.Category.updated_at,
}


def get_category_or_404(db: Session, item_id: int) -> models.Category:
    item = db.get(models.Category, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Category not found")
    return item


@router.get("", response_model=List[schemas.CategoryOut])
def list_categories(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    label: Optional[fields.QueryText] = None,
    db: Session = Depends(get_db),
) -> List[models.Category]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Category)
    if label is not None:
        query = query.filter(models.Category.label == label)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Category.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.CategoryOut, status_code=201)
def create_category(
    payload: schemas.CategoryCreate,
    db: Session = Depends(get_db),
) -> models.Category:
    values = payload.dict()
    item = models.Category(**values)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.CategoryOut)
def read_category(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Category:
    return get_category_or_404(db, item_id)


@router.patch("/{item_id}", response_model=schemas.CategoryOut)
def update_category(
    payload: schemas.CategoryUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Category:
    item = get_category_or_404(db, item_id)
    values = payload.dict(exclude_unset=True)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_category(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> Response:
    db.delete(get_category_or_404(db, item_id))
    commit_or_raise(db)
    return Response(status_code=204)
