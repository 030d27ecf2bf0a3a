# Copy to .env and adjust. docker-compose.yml reads it; so does `uvicorn` via your shell.
DATABASE_URL=postgresql://app:app@localhost:5432/{{DB_NAME}}
{{#AUTH}}# Required: the app refuses to start without a random key of 32 bytes or more. Make one with
#   python3 -c 'import secrets; print(secrets.token_urlsafe(48))'
SECRET_KEY=
ACCESS_TOKEN_EXPIRE_MINUTES=60
{{/AUTH}}
