"""/samples: list, create, read, update and delete Sample rows.

Access: public: list, read, create, update, delete.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/samples", tags=["samples"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.Sample.id,
    "a_string": models.Sample.a_string,
    "a_text": models.Sample.a_text,
    "an_integer": models.Sample.an_integer,
    "a_float": models.Sample.a_float,
    "a_decimal": models.Sample.a_decimal,
    "a_boolean": models.Sample.a_boolean,
    "a_date": models.Sample.a_date,
    "a_datetime": models.Sample.a_datetime,
    "a_uuid": models.Sample.a_uuid,
    "an_email": models.Sample.an_email,
    "a_url": models.Sample.a_url,
    "an_enum": models.Sample.an_enum,
    "a_reference": models.Sample.a_reference,
    "created_at": models.Sample.created_at,
    "updated_at": models.Sample.updated_at,
}


def get_sample_or_404(db: Session, item_id: int) -> models.Sample:
    item = db.get(models.Sample, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Sample not found")
    return item


def check_references(db: Session, values: dict) -> None:
    """Refuses (422) references to rows that do not exist."""
    if values.get("a_reference") is not None:
        parent = db.get(models.Category, values["a_reference"])
        if parent is None:
            raise HTTPException(status_code=422, detail="a_reference: no such Category")


@router.get("", response_model=List[schemas.SampleOut])
def list_samples(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
    a_string: Optional[fields.QueryText] = None,
    a_text: Optional[fields.QueryText] = None,
    an_integer: Optional[fields.QueryInt] = None,
    a_float: Optional[fields.QueryFloat] = None,
    a_decimal: Optional[fields.QueryDecimal] = None,
    a_boolean: Optional[bool] = None,
    a_date: Optional[fields.QueryDate] = None,
    a_datetime: Optional[fields.QueryDateTime] = None,
    a_uuid: Optional[fields.QueryUUID] = None,
    an_email: Optional[fields.QueryText] = None,
    a_url: Optional[fields.QueryText] = None,
    an_enum: Optional[fields.QueryText] = None,
    a_reference: Optional[fields.QueryId] = None,
    db: Session = Depends(get_db),
) -> List[models.Sample]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.Sample)
    if a_string is not None:
        query = query.filter(models.Sample.a_string == a_string)
    if a_text is not None:
        query = query.filter(models.Sample.a_text == a_text)
    if an_integer is not None:
        query = query.filter(models.Sample.an_integer == an_integer)
    if a_float is not None:
        query = query.filter(models.Sample.a_float == a_float)
    if a_decimal is not None:
        query = query.filter(models.Sample.a_decimal == a_decimal)
    if a_boolean is not None:
        query = query.filter(models.Sample.a_boolean == a_boolean)
    if a_date is not None:
        query = query.filter(models.Sample.a_date == a_date)
    if a_datetime is not None:
        query = query.filter(models.Sample.a_datetime == a_datetime)
    if a_uuid is not None:
        query = query.filter(models.Sample.a_uuid == a_uuid)
    if an_email is not None:
        query = query.filter(models.Sample.an_email == an_email)
    if a_url is not None:
        query = query.filter(models.Sample.a_url == a_url)
    if an_enum is not None:
        query = query.filter(models.Sample.an_enum == an_enum)
    if a_reference is not None:
        query = query.filter(models.Sample.a_reference == a_reference)
    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.Sample.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.SampleOut, status_code=201)
def create_sample(
    payload: schemas.SampleCreate,
    db: Session = Depends(get_db),
) -> models.Sample:
    values = payload.dict()
    check_references(db, values)
    item = models.Sample(**values)
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.SampleOut)
def read_sample(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Sample:
    return get_sample_or_404(db, item_id)


@router.patch("/{item_id}", response_model=schemas.SampleOut)
def update_sample(
    payload: schemas.SampleUpdate,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> models.Sample:
    item = get_sample_or_404(db, item_id)
    values = payload.dict(exclude_unset=True)
    check_references(db, values)
    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_sample(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
) -> Response:
    db.delete(get_sample_or_404(db, item_id))
    commit_or_raise(db)
    return Response(status_code=204)
