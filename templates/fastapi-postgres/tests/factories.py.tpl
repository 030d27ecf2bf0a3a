"""Valid request bodies for each entity, unique per call, creating referenced rows first."""
{{FACTORY_IMPORTS}}
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
{{#FACTORY_DATE}}

def date_value(n: int) -> str:
    return (date(2024, 1, 1) + timedelta(days=n)).isoformat()
{{/FACTORY_DATE}}{{#FACTORY_DATETIME}}

def datetime_value(n: int) -> str:
    return (datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=n)).isoformat()
{{/FACTORY_DATETIME}}{{#ENTITIES}}

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
