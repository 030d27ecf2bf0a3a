# The versions Debian 12 ships, which the generated code is verified against.
fastapi==0.92.0
pydantic==1.10.4
SQLAlchemy==1.4.46
uvicorn==0.17.6
psycopg2==2.9.5
python-multipart==0.0.5
httpx==0.23.3
pytest==7.2.1
