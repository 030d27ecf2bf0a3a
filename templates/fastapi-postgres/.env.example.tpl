# Copy to .env and adjust. docker-compose.yml reads it; so does `uvicorn` via your shell.
DATABASE_URL=postgresql://app:app@localhost:5432/{{DB_NAME}}
{{#AUTH}}# A long random string, e.g. from: python3 -c "import secrets; print(secrets.token_hex(32))"
SECRET_KEY=change-me
ACCESS_TOKEN_EXPIRE_MINUTES=60
{{/AUTH}}
