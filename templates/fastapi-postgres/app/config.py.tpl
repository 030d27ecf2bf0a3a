"""Settings from the environment (see .env.example); pydantic reads each field from the
variable of the same name in upper case.{{#AUTH}} The app refuses to start without a real
SECRET_KEY: a token signed with a placeholder would let anyone sign in as anyone.{{/AUTH}}"""
from pydantic import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://app:app@localhost:5432/{{DB_NAME}}"
{{#AUTH}}    secret_key: str = ""
    access_token_expire_minutes: int = 60
    # PBKDF2 rounds for password hashes; the test suite lowers it to stay fast.
    password_hash_iterations: int = 600_000
{{/AUTH}}

settings = Settings()
{{#AUTH}}
MAKE_A_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
# Values from examples and tutorials: anyone may know them.
PLACEHOLDER_WORDS = ("change", "replace", "secret", "example", "placeholder", "default")


def secret_key_problem(key: str) -> str:
    """Why the key cannot sign tokens, or "" when it can."""
    if not key:
        return "is not set"
    if len(key.encode()) < 32:
        return "is shorter than 32 bytes"
    if len(set(key)) < 8 or any(w in key.lower() for w in PLACEHOLDER_WORDS):
        return "is a placeholder, not a random key"
    return ""


_problem = secret_key_problem(settings.secret_key)
if _problem:
    raise SystemExit(
        f"SECRET_KEY {_problem}. Make one with: {MAKE_A_KEY}\n"
        "and set it in the environment (or in .env for docker compose)."
    )
{{/AUTH}}
