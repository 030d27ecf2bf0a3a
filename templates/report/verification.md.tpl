## Verification

{{#PASSED}}**Verified.** Every test passed.{{/PASSED}}{{#FAILED}}**Verification failed:** {{REASON_MD}}{{/FAILED}}

Backforge ran this version in its sandbox (Debian 12's FastAPI, pydantic, SQLAlchemy,
uvicorn and psycopg2 against PostgreSQL, no network) on {{FINISHED_AT}}, fired the HTTP
suite derived from its spec at it (`verify/suite.json`) and ran the project's own tests.

- Version {{VERSION}}, attempt {{ATTEMPT}} (verification {{VERIFICATION_ID}})
- HTTP suite: {{PASS_COUNT}} passed, {{FAIL_COUNT}} failed, {{SKIP_COUNT}} skipped of {{TOTAL}}
- The project's own tests (pytest): {{PYTEST_MD}}
- The code verified is the version's ZIP as generated, sha256 `{{SOURCE_SHA256}}`; this ZIP
  differs from it in this file only.
{{#HAS_AREAS}}
| area | passed | failed | skipped |
| --- | ---: | ---: | ---: |
{{#AREAS}}| {{AREA_MD}} | {{AREA_PASS}} | {{AREA_FAIL}} | {{AREA_SKIP}} |
{{/AREAS}}{{/HAS_AREAS}}{{#HAS_FAILURES}}
### Failed tests

{{#FAILURES}}- {{NAME_MD}}: {{WHY_MD}}
{{/FAILURES}}{{#MORE_FAILURES}}- and {{MORE}} more: the whole report is on the project's page.
{{/MORE_FAILURES}}{{/HAS_FAILURES}}
To check your own deployment with the same suite: `python3 verify/verify.py https://your-host`.
