"""Valid request bodies for each entity, unique per call, creating referenced rows first."""
import itertools
from datetime import date, timedelta

_sequence = itertools.count(1)


def text_value(n: int, min_length: int = 0, max_length: int = 255) -> str:
    # The number stays at the end, so truncation keeps values unique.
    return f"v{n}".rjust(min_length, "x")[-max_length:]


def integer_value(n: int, minimum=None, maximum=None) -> int:
    low = minimum if minimum is not None else min(0, maximum if maximum is not None else 0)
    high = maximum if maximum is not None else low + 1_000_000
    return low + n % (high - low + 1)


def number_value(n: int, minimum=None, maximum=None) -> float:
    low = minimum if minimum is not None else min(0, maximum if maximum is not None else 0)
    high = maximum if maximum is not None else low + 1_000
    return round(low + (high - low) * (n % 997) / 997, 4)


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
        "salary": number_value(n, minimum=0),
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
