"""Valid request bodies for each entity, unique per call, creating referenced rows first."""
import itertools
from datetime import date, timedelta

_sequence = itertools.count(1)


def text_value(n: int, min_length: int = 0, max_length: int = 255) -> str:
    # The number stays at the end, so values stay unique; where "v<n>" is too long it is
    # written in base 20,000, one CJK ideograph per digit (two characters hold 400 million).
    text = f"v{n}"
    if len(text) > max_length:
        text = ""
        while not text or n:
            n, digit = divmod(n, 20_000)
            text = chr(0x4E00 + digit) + text
    return text.rjust(min_length, "x")[-max_length:]


def integer_value(n: int, minimum=None, maximum=None) -> int:
    # Columns are 64-bit: a one-sided range stops at their end.
    low = minimum if minimum is not None else min(0, maximum if maximum is not None else 0)
    high = maximum if maximum is not None else min(2**63 - 1, low + 1_000_000)
    return low + n % (high - low + 1)


def number_value(n: int, minimum=None, maximum=None) -> float:
    # A one-sided range spans 1,000 from its bound, so unique values stay apart.
    low = minimum if minimum is not None else (0 if maximum is None else maximum - 1_000)
    high = maximum if maximum is not None else low + 1_000
    # Rounded to 4 places (a decimal's), kept inside the range rounding may leave.
    return min(max(round(low + (high - low) * (n % 997) / 997, 4), low), high)


def nested_json(depth: int) -> list:
    """A JSON array nested depth levels deep (the API refuses more than 32)."""
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def date_value(n: int) -> str:
    return (date(2024, 1, 1) + timedelta(days=n)).isoformat()


def employee_payload(client, headers) -> dict:
    n = next(_sequence)
    return {
        "full_name": text_value(n, max_length=255),
        "hired_on": date_value(n),
        "salary": number_value(n, minimum=0, maximum=99999999999999),
    }


def create_employee(client, headers) -> dict:
    payload = employee_payload(client, headers)
    response = client.post("/employees", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def department_payload(client, headers) -> dict:
    n = next(_sequence)
    return {
        "name": text_value(n, max_length=255),
    }


def create_department(client, headers) -> dict:
    payload = department_payload(client, headers)
    response = client.post("/departments", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()
