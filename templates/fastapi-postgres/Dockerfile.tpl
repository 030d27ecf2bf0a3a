# Debian 12's own Python packages: the exact versions this project is verified against.
FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        python3 python3-fastapi python3-pydantic python3-sqlalchemy python3-psycopg2 \
        python3-uvicorn python3-multipart python3-httpx python3-pytest \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/app
COPY app ./app
COPY tests ./tests

RUN useradd --system --home /srv/app app
USER app

EXPOSE 8000
CMD ["python3", "-m", "uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
