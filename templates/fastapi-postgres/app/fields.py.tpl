"""Strict values at the edge. What a client sends is stored as sent or refused with 422: never
reshaped (1.5 is no integer, 1e999 no date, an array no object) and never a value PostgreSQL or
Python cannot hold (NUL, lone surrogates, non-finite numbers, integers beyond 64 bits, times
outside the years 1 to 9999 in UTC, JSON nested deeper than MAX_JSON_DEPTH). Request bodies
derive from Body; list filters use the Query* types below."""
import math
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, get_origin
from uuid import UUID

from pydantic import BaseModel, Extra, validator
from pydantic.datetime_parse import parse_datetime
from pydantic.errors import DictError

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MAX_ID = 2**31 - 1  # ids are PostgreSQL integers
MAX_JSON_DEPTH = 32
MAX_QUERY_TEXT = 1000
MAX_FLOAT_FILTER = 1e15
# The widest offset a real time zone has (ISO 8601 allows more; no place uses it).
MAX_UTC_OFFSET = timedelta(hours=14)
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INTEGER_PATTERN = re.compile(r"-?[0-9]{1,19}")


def check_text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("must be a string")
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode (it holds a lone surrogate)") from None
    return value


def check_integer(value: Any, low: int = INT64_MIN, high: int = INT64_MAX) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("must be an integer")
    if not low <= value <= high:
        raise ValueError(f"must be between {low} and {high}")
    return value


def check_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("must be a number")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError("is too large") from None
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    return number


def check_decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError("must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    try:
        number = Decimal(str(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise ValueError("must be a number") from None
    if not number.is_finite():
        raise ValueError("must be a finite number")
    if number.adjusted() >= 14:
        raise ValueError("has more than 14 digits before the point")
    return number


def check_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        raise TypeError("must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("is not a valid date") from None


def check_datetime(value: Any) -> datetime:
    """A time as an ISO 8601 string (a time without offset is taken as UTC), returned in UTC."""
    if not isinstance(value, datetime):
        if not isinstance(value, str) or len(value) > 64:
            raise TypeError("must be a date and time written in ISO 8601")
        check_text(value)
        try:
            value = parse_datetime(value)
        except (ValueError, TypeError, OverflowError):
            raise ValueError("is not a valid date and time") from None
    offset = value.utcoffset()
    if offset is None:
        value = value.replace(tzinfo=timezone.utc)
    elif abs(offset) > MAX_UTC_OFFSET:
        raise ValueError("has a UTC offset beyond 14 hours")
    try:
        return value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise ValueError("leaves the years 1 to 9999 in UTC") from None


def check_uuid(value: Any) -> UUID:
    if isinstance(value, UUID):
        return value
    if not isinstance(value, str) or len(value) > 64:
        raise TypeError("must be a UUID string")
    try:
        return UUID(check_text(value))
    except ValueError:
        raise ValueError("is not a valid UUID") from None


def check_json(value: Any, depth: int = 0) -> Any:
    """A JSON value PostgreSQL's jsonb stores and gives back unchanged."""
    if depth > MAX_JSON_DEPTH:
        raise ValueError(f"nests deeper than {MAX_JSON_DEPTH} levels")
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, float):
        check_float(value)
    elif isinstance(value, list):
        for item in value:
            check_json(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key)
            check_json(item, depth + 1)
    elif value is not None and not isinstance(value, (bool, int)):
        raise TypeError("must be a JSON value")
    return value


def check_value(kind: Any, value: Any) -> Any:
    """Refuses what the declared type would have to coerce; pydantic checks the rest."""
    if value is None:
        return value
    if get_origin(kind) is Literal:
        return check_text(value)  # enum values are strings
    if kind is Any:
        return check_json(value)
    if not isinstance(kind, type):
        return value
    if issubclass(kind, bool):
        if not isinstance(value, bool):
            raise TypeError("must be true or false")
        return value
    if issubclass(kind, int):
        return check_integer(value)
    if issubclass(kind, float):
        return check_float(value)
    if issubclass(kind, Decimal):
        return check_decimal(value)
    if issubclass(kind, str):
        return check_text(value)
    if issubclass(kind, datetime):
        return check_datetime(value)
    if issubclass(kind, date):
        return check_date(value)
    if issubclass(kind, UUID):
        return check_uuid(value)
    return value


class Body(BaseModel):
    """A request body: a JSON object with only the declared keys, each of its exact type."""

    class Config:
        extra = Extra.forbid

    @classmethod
    def validate(cls, value: Any) -> "Body":
        if not isinstance(value, dict):
            raise DictError()
        return super().validate(value)

    @validator("*", pre=True)
    def strict(cls, value: Any, field) -> Any:  # noqa: N805 (a pydantic validator)
        return check_value(field.type_, value)


# --- list filters (query parameters arrive as text) ------------------------------------------


def query_integer(value: Any) -> Any:
    if isinstance(value, str) and INTEGER_PATTERN.fullmatch(value):
        return int(value)
    return value


class QueryText(str):
    @classmethod
    def __get_validators__(cls):
        yield cls.validate

    @classmethod
    def validate(cls, value: Any) -> str:
        if len(check_text(value)) > MAX_QUERY_TEXT:
            raise ValueError(f"is longer than {MAX_QUERY_TEXT} characters")
        return value


class QueryInt(int):
    @classmethod
    def __get_validators__(cls):
        yield cls.validate

    @classmethod
    def validate(cls, value: Any) -> int:
        return check_integer(query_integer(value))


class QueryId(int):
    @classmethod
    def __get_validators__(cls):
        yield cls.validate

    @classmethod
    def validate(cls, value: Any) -> int:
        return check_integer(query_integer(value), 1, MAX_ID)


class QueryFloat(float):
    @classmethod
    def __get_validators__(cls):
        yield cls.validate

    @classmethod
    def validate(cls, value: Any) -> float:
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise TypeError("must be a number") from None
        number = check_float(value)
        # An equality filter: beyond 2**53 neighbouring floats no longer differ by one.
        if abs(number) > MAX_FLOAT_FILTER:
            raise ValueError(f"must be within ±{MAX_FLOAT_FILTER:.0e}")
        return number


class QueryDecimal(Decimal):
    @classmethod
    def __get_validators__(cls):
        yield cls.validate

    @classmethod
    def validate(cls, value: Any) -> Decimal:
        return check_decimal(value)


class QueryDate(date):
    @classmethod
    def __get_validators__(cls):
        yield check_date


class QueryDateTime(datetime):
    @classmethod
    def __get_validators__(cls):
        yield check_datetime


class QueryUUID(UUID):
    @classmethod
    def __get_validators__(cls):
        yield check_uuid
