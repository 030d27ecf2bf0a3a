# Project report: {{TITLE_MD}}

## Spec

- Name: `{{PROJECT_NAME}}`, target `fastapi-postgres`
- Authentication: {{#AUTH}}on (register, login, bearer tokens){{/AUTH}}{{#NO_AUTH}}off{{/NO_AUTH}}
- Entities: {{ENTITY_COUNT}}; actions: {{ACTION_COUNT}}
{{#HAS_DESCRIPTION}}
{{DESCRIPTION_MD}}
{{/HAS_DESCRIPTION}}{{#HAS_ENTITIES}}
| entity | path | owned | fields |
| --- | --- | --- | --- |
{{#ENTITIES}}| {{CLASS}} | `/{{PLURAL}}` | {{OWNED_MD}} | {{FIELD_SUMMARY_MD}} |
{{/ENTITIES}}{{/HAS_ENTITIES}}
## Endpoints

| method | path | what |
| --- | --- | --- |
{{#ENDPOINTS}}| {{METHOD}} | {{PATH_MD}} | {{WHAT_MD}} |
{{/ENDPOINTS}}
## Review warnings

{{#WARNINGS}}- {{PATH_MD}}: {{MESSAGE_MD}}
{{/WARNINGS}}{{#NO_WARNINGS}}None.
{{/NO_WARNINGS}}{{#HAS_NOTES}}
## Notes

{{#NOTES}}- {{KEY_MD}}:{{VALUE_MD}}
{{/NOTES}}{{/HAS_NOTES}}
## Verification

Not yet verified. Backforge starts every version in its sandbox, fires the HTTP suite
derived from its spec at it (`verify/suite.json`) and runs its own tests; the ZIP of a
version that has been through that carries the result in this section. To check your own
deployment with the same suite: `python3 verify/verify.py https://your-host`.
