"""Valid request bodies for each entity, unique per call, creating referenced rows first."""
import itertools
import uuid
from datetime import date, datetime, timedelta, timezone

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


def datetime_value(n: int) -> str:
    return (datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=n)).isoformat()


def address_value(n: int, forms, min_length: int = 0, max_length: int = 255) -> str:
    # The first form (head, tail) with room for the number, else the last, keeping the
    # number's last digits; the number is padded with "x" up to min_length.
    fits = (f for f in forms if len(f[0] + f[1] + str(n)) <= max_length)
    head, tail = next(fits, forms[-1])
    room = max_length - len(head) - len(tail)
    return head + str(n)[-max(room, 1):].rjust(min_length - len(head) - len(tail), "x") + tail


def email_value(n: int, min_length: int = 0, max_length: int = 255) -> str:
    forms = [("person", "@example.com"), ("", "@b.co"), ("", "@b.c")]
    return address_value(n, forms, min_length, max_length)


def url_value(n: int, min_length: int = 0, max_length: int = 2048) -> str:
    forms = [("https://example.com/items/", ""), ("http://a/", ""), ("http://", "")]
    return address_value(n, forms, min_length, max_length)


def group_payload(client, headers) -> dict:
    n = next(_sequence)
    return {
        "order": text_value(n, min_length=2, max_length=40),
        "begin": date_value(n),
        "payload": {"n": n},
        "select": integer_value(n, minimum=-5, maximum=500),
        "rate": number_value(n, minimum=0.5, maximum=99.5),
        "price": number_value(n, minimum=0, maximum=100000),
        "token": str(uuid.uuid4()),
        "contact": email_value(n, max_length=255),
        "homepage": url_value(n, max_length=2048),
        "starts_at": datetime_value(n),
        "status": ("it's", "say \"hi\"", "back\\slash")[n % 3],
        "notes": text_value(n, min_length=1),
    }


def create_group(client, headers) -> dict:
    payload = group_payload(client, headers)
    response = client.post("/groups", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def order_payload(client, headers) -> dict:
    n = next(_sequence)
    return {
        "group_id": create_group(client, headers)["id"],
        "quantity": integer_value(n, minimum=1),
    }


def create_order(client, headers) -> dict:
    payload = order_payload(client, headers)
    response = client.post("/orders", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def line_payload(client, headers) -> dict:
    n = next(_sequence)
    return {
        "order_id": create_order(client, headers)["id"],
        "where": text_value(n, max_length=5),
        "maximum": integer_value(n, minimum=0),
    }


def create_line(client, headers) -> dict:
    payload = line_payload(client, headers)
    response = client.post("/lines", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()
