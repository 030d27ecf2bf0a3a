"""/{{PLURAL}}: list, create, read, update and delete {{CLASS}} rows.

Access: {{ACCESS_MD}}.
Without a token a non-public operation is 401; where it is the owner's, another user's row is
404 (never 403), and the list shows the caller's rows only."""
{{ROUTER_IMPORTS}}
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy.orm import Session

from app import fields, models, schemas
{{#ANY_AUTH}}from app.auth import current_user
{{/ANY_AUTH}}from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/{{PLURAL}}", tags=["{{PLURAL}}"])

# What `sort` may name (prefix "-" for descending order).
SORT_COLUMNS = {
    "id": models.{{CLASS}}.id,
{{#SORTABLE}}    {{FNAME_PY}}: models.{{CLASS}}.{{ATTR}},
{{/SORTABLE}}    "created_at": models.{{CLASS}}.created_at,
    "updated_at": models.{{CLASS}}.updated_at,
}


{{GET_OR_404_DEF}}
    item = db.get(models.{{CLASS}}, item_id)
    if item is None{{#OWNED}} or (owner_id is not None and item.owner_id != owner_id){{/OWNED}}:
        raise HTTPException(status_code=404, detail="{{CLASS}} not found")
    return item
{{#HAS_REFS}}

def check_references(db: Session, values: dict{{#OWNED}}, owner_id: int{{/OWNED}}) -> None:
    """Refuses (422) references to rows that do not exist{{#OWNED}} or the row's owner may not read{{/OWNED}}."""
{{#REFS}}    if values.get("{{ATTR}}") is not None:
        parent = db.get(models.{{REF_CLASS}}, values["{{ATTR}}"])
        if parent is None{{#REF_OWNED}} or parent.owner_id != owner_id{{/REF_OWNED}}:
            raise HTTPException(status_code=422, detail="{{FNAME}}: no such {{REF_CLASS}}")
{{/REFS}}{{/HAS_REFS}}

@router.get("", response_model=List[schemas.{{CLASS}}Out])
def list_{{PLURAL}}(
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=fields.MAX_ID),
    sort: str = Query(
        "id", max_length=100, description="A field name; prefix '-' for descending order"
    ),
{{#FILTERS}}    {{PARAM}}: {{FILTER_ANNOT}},
{{/FILTERS}}    db: Session = Depends(get_db),
{{#LIST_AUTH}}    user: models.User = Depends(current_user),
{{/LIST_AUTH}}) -> List[models.{{CLASS}}]:
    sort_column = SORT_COLUMNS.get(sort.lstrip("-"))
    if sort_column is None:
        raise HTTPException(status_code=422, detail=f"sort: one of {', '.join(SORT_COLUMNS)}")
    query = db.query(models.{{CLASS}})
{{#LIST_OWNER}}    query = query.filter(models.{{CLASS}}.owner_id == user.id)
{{/LIST_OWNER}}{{#FILTERS}}    if {{PARAM}} is not None:
        query = query.filter(models.{{CLASS}}.{{ATTR}} == {{PARAM}})
{{/FILTERS}}    ordering = sort_column.desc() if sort.startswith("-") else sort_column.asc()
    return query.order_by(ordering, models.{{CLASS}}.id).offset(offset).limit(limit).all()


@router.post("", response_model=schemas.{{CLASS}}Out, status_code=201)
def create_{{SNAKE}}(
    payload: schemas.{{CLASS}}Create,
    db: Session = Depends(get_db),
{{#CREATE_AUTH}}    user: models.User = Depends(current_user),
{{/CREATE_AUTH}}) -> models.{{CLASS}}:
    values = payload.dict()
{{#HAS_REFS}}    check_references(db, values{{#OWNED}}, user.id{{/OWNED}})
{{/HAS_REFS}}    item = models.{{CLASS}}(**values{{#OWNED}}, owner_id=user.id{{/OWNED}})
    db.add(item)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.get("/{item_id}", response_model=schemas.{{CLASS}}Out)
def read_{{SNAKE}}(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
{{#READ_AUTH}}    user: models.User = Depends(current_user),
{{/READ_AUTH}}) -> models.{{CLASS}}:
    return get_{{SNAKE}}_or_404(db, item_id{{#READ_OWNER}}, user.id{{/READ_OWNER}})


@router.patch("/{item_id}", response_model=schemas.{{CLASS}}Out)
def update_{{SNAKE}}(
    payload: schemas.{{CLASS}}Update,
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
{{#UPDATE_AUTH}}    user: models.User = Depends(current_user),
{{/UPDATE_AUTH}}) -> models.{{CLASS}}:
    item = get_{{SNAKE}}_or_404(db, item_id{{#UPDATE_OWNER}}, user.id{{/UPDATE_OWNER}})
    values = payload.dict(exclude_unset=True)
{{#HAS_REFS}}    check_references(db, values{{#OWNED}}, item.owner_id{{/OWNED}})
{{/HAS_REFS}}    for name, value in values.items():
        setattr(item, name, value)
    commit_or_raise(db)
    db.refresh(item)
    return item


@router.delete("/{item_id}", status_code=204, response_class=Response)
def delete_{{SNAKE}}(
    item_id: int = Path(..., ge=1, le=fields.MAX_ID),
    db: Session = Depends(get_db),
{{#DELETE_AUTH}}    user: models.User = Depends(current_user),
{{/DELETE_AUTH}}) -> Response:
    db.delete(get_{{SNAKE}}_or_404(db, item_id{{#DELETE_OWNER}}, user.id{{/DELETE_OWNER}}))
    commit_or_raise(db)
    return Response(status_code=204)
