"""Settings from the environment (see .env.example); pydantic reads each field from the
variable of the same name in upper case."""
from pydantic import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://app:app@localhost:5432/todo_api"
    secret_key: str = "change-me"
    access_token_expire_minutes: int = 60
    # PBKDF2 rounds for password hashes; the test suite lowers it to stay fast.
    password_hash_iterations: int = 600_000


settings = Settings()
