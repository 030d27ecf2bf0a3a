"""Valid request bodies for each entity, unique per call, creating referenced rows first."""
{{FACTORY_IMPORTS}}
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
{{#FACTORY_DATE}}

def date_value(n: int) -> str:
    return (date(2024, 1, 1) + timedelta(days=n)).isoformat()
{{/FACTORY_DATE}}{{#FACTORY_DATETIME}}

def datetime_value(n: int) -> str:
    return (datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=n)).isoformat()
{{/FACTORY_DATETIME}}{{#FACTORY_ADDRESS}}

def address_value(n: int, forms, min_length: int = 0, max_length: int = 255) -> str:
    # The first form (head, tail) with room for the number, else the last, keeping the
    # number's last digits; the number is padded with "x" up to min_length.
    fits = (f for f in forms if len(f[0] + f[1] + str(n)) <= max_length)
    head, tail = next(fits, forms[-1])
    room = max_length - len(head) - len(tail)
    return head + str(n)[-max(room, 1):].rjust(min_length - len(head) - len(tail), "x") + tail
{{/FACTORY_ADDRESS}}{{#FACTORY_EMAIL}}

def email_value(n: int, min_length: int = 0, max_length: int = 255) -> str:
    forms = [("person", "@example.com"), ("", "@b.co"), ("", "@b.c")]
    return address_value(n, forms, min_length, max_length)
{{/FACTORY_EMAIL}}{{#FACTORY_URL}}

def url_value(n: int, min_length: int = 0, max_length: int = 2048) -> str:
    forms = [("https://example.com/items/", ""), ("http://a/", ""), ("http://", "")]
    return address_value(n, forms, min_length, max_length)
{{/FACTORY_URL}}{{#ENTITIES}}

def {{SNAKE}}_payload(client, headers) -> dict:
{{#USES_N}}    n = next(_sequence)
{{/USES_N}}    return {
{{#FACTORY_FIELDS}}        {{FNAME_PY}}: {{FACTORY_EXPR}},
{{/FACTORY_FIELDS}}    }


def create_{{SNAKE}}(client, headers) -> dict:
    payload = {{SNAKE}}_payload(client, headers)
    response = client.post("/{{PLURAL}}", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()
{{/ENTITIES}}
