# The API and its PostgreSQL database: `docker compose up --build`, then http://localhost:8000/docs
services:
  db:
    image: postgres:15
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: app
      POSTGRES_DB: {{DB_NAME}}
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U app -d {{DB_NAME}}"]
      interval: 5s
      timeout: 3s
      retries: 10

  app:
    build: .
    environment:
      DATABASE_URL: postgresql://app:app@db:5432/{{DB_NAME}}
{{#AUTH}}      SECRET_KEY: "${SECRET_KEY:?set SECRET_KEY in .env, made with python3 -c 'import secrets; print(secrets.token_urlsafe(48))'}"
      ACCESS_TOKEN_EXPIRE_MINUTES: ${ACCESS_TOKEN_EXPIRE_MINUTES:-60}
{{/AUTH}}    ports:
      - "8000:8000"
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "python3", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
      interval: 10s
      timeout: 3s
      retries: 5

volumes:
  db-data:
