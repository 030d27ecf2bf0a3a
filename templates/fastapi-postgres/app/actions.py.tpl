"""Actions: endpoints beyond CRUD. Each function below holds the action's own code; it takes
the inputs as keyword arguments and returns the output as a dict."""
{{ACTIONS_IMPORTS}}
from app import schemas
{{#ACTIONS_AUTH}}from app.auth import current_user
{{/ACTIONS_AUTH}}
router = APIRouter(tags=["actions"])
{{#ACTIONS}}

def {{FUNC}}({{PARAMS}}) -> dict:
{{#DOC}}    {{DOC}}
{{/DOC}}{{BODY}}


@router.{{METHOD_LOWER}}(
    {{PATH_PY}},
    response_model=schemas.{{ACTION_CLASS}}Output,
    summary={{SUMMARY_PY}},
{{#AUTH_REQUIRED}}    dependencies=[Depends(current_user)],
{{/AUTH_REQUIRED}})
def {{FUNC}}_endpoint(payload: schemas.{{ACTION_CLASS}}Input{{PAYLOAD_DEFAULT}}) -> dict:
    return {{FUNC}}(**payload.dict({{#INPUT_ALIASES}}by_alias=True{{/INPUT_ALIASES}}))
{{/ACTIONS}}
