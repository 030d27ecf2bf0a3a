"""/projects: list, create, read, update and delete Project rows.

Access: owner: list, read, update, delete; authenticated: create.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.auth import current_user
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/projects", tags=["projects"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Project.id,
    "name": models.Project.name,
    "created_at": models.Project.created_at,
    "updated_at": models.Project.updated_at,
}


def get_project_or_404(
    db: Session, item_id: int, owner_id: Optional[int] = None
) -> models.Project:
    item = db.get(models.Project, item_id)
    if item is None or (owner_id is not None and item.owner_id != owner_id):
        raise HTTPException(status_code=404, detail="Project not found")
    return item


@router.get("", response_model=List[schemas.ProjectOut])
def list_projects(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    name: Optional[fields.QueryText] = None,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> List[models.Project]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Project)
    query = query.filter(models.Project.owner_id == user.id)
    if name is not None:
        query = query.filter(models.Project.name == name)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Project.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.ProjectOut, status_code=201)
def create_project(
    payload: schemas.ProjectCreate,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Project:
    values = payload.dict()
    item = models.Project(**values, owner_id=user.id)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.ProjectOut)
def read_project(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Project:
    return get_project_or_404(db, item_id, user.id)


@router.patch("/{item_id}", response_model=schemas.ProjectOut)
def update_project(
    payload: schemas.ProjectUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Project:
    item = get_project_or_404(db, item_id, user.id)
    values = payload.dict(exclude_unset=True)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_project(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> Response:
    db.delete(get_project_or_404(db, item_id, user.id))
    commit_or_raise(db)
    return Response(status_code=204)
