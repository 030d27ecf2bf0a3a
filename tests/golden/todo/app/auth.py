"""Sign-up, sign-in and the current user. Passwords are PBKDF2-SHA256 hashes and access
tokens are HS256 JWTs, both from the standard library: no extra dependencies. A token is
read strictly (its claims of their exact types and ranges); a sign-in takes as long for an
unknown email as for a known one."""
import base64
import hashlib
import hmac
import json
import re
import secrets
import time
from typing import Any, Optional

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from sqlalchemy.orm import Session

from app import models, schemas
from app.config import settings
from app.db import commit_or_raise, get_db
from app.fields import INT64_MAX, MAX_ID, check_text

router = APIRouter(prefix="/auth", tags=["auth"])
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login")


MAX_TOKEN_LENGTH = 4096
USER_ID_PATTERN = re.compile(r"[1-9][0-9]{0,9}")


def _password_bytes(password: str) -> bytes:
    # A form field may hold a lone surrogate; it still hashes (and never matches).
    return password.encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    rounds = settings.password_hash_iterations
    digest = hashlib.pbkdf2_hmac("sha256", _password_bytes(password), salt, rounds)
    return f"pbkdf2_sha256${rounds}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, rounds, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        candidate = hashlib.pbkdf2_hmac(
            "sha256", _password_bytes(password), bytes.fromhex(salt), int(rounds)
        )
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


_dummy_hash = None


def dummy_hash() -> str:
    """A hash to check unknown emails against, so that they cost as much as known ones."""
    global _dummy_hash
    if _dummy_hash is None or int(_dummy_hash.split("$")[1]) != settings.password_hash_iterations:
        _dummy_hash = hash_password(secrets.token_urlsafe(16))
    return _dummy_hash


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


def _json_object(text: str) -> dict:
    value: Any = json.loads(_b64decode(text))
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def decode_access_token(token: str) -> Optional[int]:
    """The user id in a valid, unexpired token, else None. Claims must have their exact
    types: `exp` an integer of seconds, `sub` the decimal text of a user id."""
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        header, claims, signature = token.split(".")
        if not hmac.compare_digest(_sign(f"{header}.{claims}"), signature):
            return None
        if _json_object(header).get("alg") != "HS256":
            return None
        payload = _json_object(claims)
    except (ValueError, TypeError, RecursionError):
        return None
    exp, sub = payload.get("exp"), payload.get("sub")
    if type(exp) is not int or not time.time() <= exp <= INT64_MAX:
        return None
    if not isinstance(sub, str) or not USER_ID_PATTERN.fullmatch(sub) or int(sub) > MAX_ID:
        return None
    return int(sub)


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
    user = None
    try:
        email = check_text(form.username).lower()
    except (TypeError, ValueError):
        email = None
    if email is not None and len(email) <= 255:
        user = db.query(models.User).filter(models.User.email == email).first()
    # An unknown email is checked against a dummy hash: the answer takes as long.
    stored = user.password_hash if user is not None else dummy_hash()
    if not verify_password(form.password, stored) or user is None:
        raise HTTPException(
            status_code=401,
            detail="Wrong email or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return schemas.Token(access_token=create_access_token(user.id))


@router.get("/me", response_model=schemas.UserOut)
def me(user: models.User = Depends(current_user)) -> models.User:
    return user
