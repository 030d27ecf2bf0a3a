"""Settings from the environment (see .env.example); pydantic reads each field from the
variable of the same name in upper case."""
from pydantic import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://app:app@localhost:5432/calculator"


settings = Settings()
