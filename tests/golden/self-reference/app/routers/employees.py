"""/employees: list, create, read, update and delete Employee rows.

Access: public: list, read, create, update, delete.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/employees", tags=["employees"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Employee.id,
    "full_name": models.Employee.full_name,
    "manager_id": models.Employee.manager_id,
    "hired_on": models.Employee.hired_on,
    "salary": models.Employee.salary,
    "created_at": models.Employee.created_at,
    "updated_at": models.Employee.updated_at,
}


def get_employee_or_404(db: Session, item_id: int) -> models.Employee:
    item = db.get(models.Employee, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Employee not found")
    return item


def check_references(db: Session, values: dict) -> None:
    """Refuses (422) references to rows that do not exist."""
    if values.get("manager_id") is not None:
        parent = db.get(models.Employee, values["manager_id"])
        if parent is None:
            raise HTTPException(status_code=422, detail="manager_id: no such Employee")


@router.get("", response_model=List[schemas.EmployeeOut])
def list_employees(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    full_name: Optional[fields.QueryText] = None,
    manager_id: Optional[fields.QueryId] = None,
    hired_on: Optional[fields.QueryDate] = None,
    salary: Optional[fields.QueryDecimal] = None,
    db: Session = Depends(get_db),
) -> List[models.Employee]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Employee)
    if full_name is not None:
        query = query.filter(models.Employee.full_name == full_name)
    if manager_id is not None:
        query = query.filter(models.Employee.manager_id == manager_id)
    if hired_on is not None:
        query = query.filter(models.Employee.hired_on == hired_on)
    if salary is not None:
        query = query.filter(models.Employee.salary == salary)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Employee.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.EmployeeOut, status_code=201)
def create_employee(
    payload: schemas.EmployeeCreate,
    db: Session = Depends(get_db),
) -> models.Employee:
    values = payload.dict()
    check_references(db, values)
    item = models.Employee(**values)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.EmployeeOut)
def read_employee(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Employee:
    return get_employee_or_404(db, item_id)


@router.patch("/{item_id}", response_model=schemas.EmployeeOut)
def update_employee(
    payload: schemas.EmployeeUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Employee:
    item = get_employee_or_404(db, item_id)
    values = payload.dict(exclude_unset=True)
    check_references(db, values)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_employee(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> Response:
    db.delete(get_employee_or_404(db, item_id))
    commit_or_raise(db)
    return Response(status_code=204)
