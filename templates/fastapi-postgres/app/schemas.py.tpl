"""Request and response bodies (pydantic 1.10). Per entity: Create, Update (every field
optional: PATCH sends only what changes) and Out (read from the database row). Request bodies
derive from app.fields.Body: exact types, no unknown keys, nothing PostgreSQL cannot store."""
{{SCHEMAS_HEADER}}
{{#AUTH}}

class UserCreate(Body):
    email: str = Field(..., max_length=255, regex=EMAIL_PATTERN)
    password: str = Field(..., min_length=8, max_length=128)


class UserOut(BaseModel):
    id: int
    email: str
    created_at: datetime

    class Config:
        orm_mode = True


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
{{/AUTH}}{{#ENTITIES}}

class {{CLASS}}Create(Body):
{{#FIELDS}}    {{ATTR}}: {{CREATE_ANNOT}}
{{/FIELDS}}{{#NO_FIELDS}}    pass
{{/NO_FIELDS}}{{#HAS_ALIASES}}
    class Config:
        allow_population_by_field_name = True
{{/HAS_ALIASES}}

class {{CLASS}}Update(Body):
{{#FIELDS}}    {{ATTR}}: {{UPDATE_ANNOT}}
{{/FIELDS}}{{#NO_FIELDS}}    pass
{{/NO_FIELDS}}{{#HAS_ALIASES}}
    class Config:
        allow_population_by_field_name = True
{{/HAS_ALIASES}}

class {{CLASS}}Out(BaseModel):
    id: int
{{#OWNED}}    owner_id: int
{{/OWNED}}{{#FIELDS}}    {{ATTR}}: {{OUT_ANNOT}}
{{/FIELDS}}    created_at: datetime
    updated_at: datetime

    class Config:
        orm_mode = True
{{#HAS_ALIASES}}        allow_population_by_field_name = True
{{/HAS_ALIASES}}{{/ENTITIES}}{{#ACTIONS}}

class {{ACTION_CLASS}}Input(Body):
{{#INPUTS}}    {{ATTR}}: {{CREATE_ANNOT}}
{{/INPUTS}}{{#NO_INPUTS}}    pass
{{/NO_INPUTS}}{{#INPUT_ALIASES}}
    class Config:
        allow_population_by_field_name = True
{{/INPUT_ALIASES}}

class {{ACTION_CLASS}}Output(BaseModel):
{{#OUTPUTS}}    {{ATTR}}: {{OUT_ANNOT}}
{{/OUTPUTS}}{{#NO_OUTPUTS}}    pass
{{/NO_OUTPUTS}}{{#OUTPUT_ALIASES}}
    class Config:
        allow_population_by_field_name = True
{{/OUTPUT_ALIASES}}{{/ACTIONS}}
