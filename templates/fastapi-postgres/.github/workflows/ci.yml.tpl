name: {{TITLE_YAML}}

on:
  push:
  pull_request:

jobs:
  test:
    runs-on: ubuntu-latest
    container: debian:bookworm
    services:
      postgres:
        image: postgres:15
        env:
          POSTGRES_USER: app
          POSTGRES_PASSWORD: app
          POSTGRES_DB: {{DB_NAME}}
        options: >-
          --health-cmd "pg_isready -U app"
          --health-interval 5s
          --health-timeout 3s
          --health-retries 10
    env:
      DATABASE_URL: postgresql://app:app@postgres:5432/{{DB_NAME}}
    steps:
      - uses: actions/checkout@v4
      - name: Install Debian 12's Python packages (the verified versions)
        run: |
          apt-get update
          apt-get install -y --no-install-recommends python3 python3-fastapi python3-pydantic \
            python3-sqlalchemy python3-psycopg2 python3-uvicorn python3-multipart \
            python3-httpx python3-pytest
      - name: Run the tests
        run: python3 -m pytest -q
