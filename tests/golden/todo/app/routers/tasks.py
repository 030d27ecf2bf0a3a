"""/tasks: list, create, read, update and delete Task rows.

Access: owner: list, read, update, delete; authenticated: create.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.auth import current_user
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/tasks", tags=["tasks"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Task.id,
    "title": models.Task.title,
    "done": models.Task.done,
    "due_date": models.Task.due_date,
    "priority": models.Task.priority,
    "project_id": models.Task.project_id,
    "created_at": models.Task.created_at,
    "updated_at": models.Task.updated_at,
}


def get_task_or_404(db: Session, item_id: int, owner_id: Optional[int] = None) -> models.Task:
    item = db.get(models.Task, item_id)
    if item is None or (owner_id is not None and item.owner_id != owner_id):
        raise HTTPException(status_code=404, detail="Task not found")
    return item


def check_references(db: Session, values: dict, owner_id: int) -> None:
    """Refuses (422) references to rows that do not exist or the row's owner may not read."""
    if values.get("project_id") is not None:
        parent = db.get(models.Project, values["project_id"])
        if parent is None or parent.owner_id != owner_id:
            raise HTTPException(status_code=422, detail="project_id: no such Project")


@router.get("", response_model=List[schemas.TaskOut])
def list_tasks(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    title: Optional[fields.QueryText] = None,
    done: Optional[bool] = None,
    due_date: Optional[fields.QueryDate] = None,
    priority: Optional[fields.QueryText] = None,
    project_id: Optional[fields.QueryId] = None,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> List[models.Task]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Task)
    query = query.filter(models.Task.owner_id == user.id)
    if title is not None:
        query = query.filter(models.Task.title == title)
    if done is not None:
        query = query.filter(models.Task.done == done)
    if due_date is not None:
        query = query.filter(models.Task.due_date == due_date)
    if priority is not None:
        query = query.filter(models.Task.priority == priority)
    if project_id is not None:
        query = query.filter(models.Task.project_id == project_id)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Task.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.TaskOut, status_code=201)
def create_task(
    payload: schemas.TaskCreate,
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Task:
    values = payload.dict()
    check_references(db, values, user.id)
    item = models.Task(**values, owner_id=user.id)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.TaskOut)
def read_task(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Task:
    return get_task_or_404(db, item_id, user.id)


@router.patch("/{item_id}", response_model=schemas.TaskOut)
def update_task(
    payload: schemas.TaskUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> models.Task:
    item = get_task_or_404(db, item_id, user.id)
    values = payload.dict(exclude_unset=True)
    check_references(db, values, item.owner_id)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_task(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
    user: models.User = Depends(current_user),
) -> Response:
    db.delete(get_task_or_404(db, item_id, user.id))
    commit_or_raise(db)
    return Response(status_code=204)
