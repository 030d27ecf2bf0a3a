"""Sign-up, sign-in and the current user. Passwords are PBKDF2-SHA256 hashes and access
tokens are HS256 JWTs, both from the standard library: no extra dependencies."""
import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from sqlalchemy.orm import Session

from app import models, schemas
from app.config import settings
from app.db import commit_or_raise, get_db

router = APIRouter(prefix="/auth", tags=["auth"])
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    rounds = settings.password_hash_iterations
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, rounds)
    return f"pbkdf2_sha256${rounds}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, rounds, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), int(rounds))
    return hmac.compare_digest(candidate.hex(), digest)


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(message: str) -> str:
    key = settings.secret_key.encode()
    return _b64encode(hmac.new(key, message.encode(), hashlib.sha256).digest())


def create_access_token(user_id: int) -> str:
    header = _b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    expires = int(time.time()) + settings.access_token_expire_minutes * 60
    claims = _b64encode(json.dumps({"sub": str(user_id), "exp": expires}).encode())
    message = f"{header}.{claims}"
    return f"{message}.{_sign(message)}"


def decode_access_token(token: str) -> Optional[int]:
    """The user id in a valid, unexpired token, else None."""
    try:
        header, claims, signature = token.split(".")
        if not hmac.compare_digest(_sign(f"{header}.{claims}"), signature):
            return None
        if json.loads(_b64decode(header)).get("alg") != "HS256":
            return None
        payload = json.loads(_b64decode(claims))
        if int(payload["exp"]) < time.time():
            return None
        return int(payload["sub"])
    except (ValueError, KeyError, TypeError):
        return None


def current_user(
    token: str = Depends(oauth2_scheme), db: Session = Depends(get_db)
) -> models.User:
    user_id = decode_access_token(token)
    user = db.get(models.User, user_id) if user_id is not None else None
    if user is None:
        raise HTTPException(
            status_code=401,
            detail="Invalid or expired token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


@router.post("/register", response_model=schemas.UserOut, status_code=201)
def register(payload: schemas.UserCreate, db: Session = Depends(get_db)) -> models.User:
    email = payload.email.lower()
    if db.query(models.User).filter(models.User.email == email).first() is not None:
        raise HTTPException(status_code=409, detail="This email is already registered")
    user = models.User(email=email, password_hash=hash_password(payload.password))
    db.add(user)
    commit_or_raise(db)
    db.refresh(user)
    return user


@router.post("/login", response_model=schemas.Token)
def login(
    form: OAuth2PasswordRequestForm = Depends(), db: Session = Depends(get_db)
) -> schemas.Token:
    user = db.query(models.User).filter(models.User.email == form.username.lower()).first()
    if user is None or not verify_password(form.password, user.password_hash):
        raise HTTPException(
            status_code=401,
            detail="Wrong email or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return schemas.Token(access_token=create_access_token(user.id))


@router.get("/me", response_model=schemas.UserOut)
def me(user: models.User = Depends(current_user)) -> models.User:
    return user
