# Random BackendSpecs for the property "every spec review accepts gives a backend that passes
# its own tests, the verification suite and a hostile client". One seed, one spec (the same
# spec on every machine: random.Random(seed) only). The specs reach for what hand-written ones
# rarely combine: every type with and without limits (bounds at the ends of 64 bits, huge and
# tiny decimals, lengths up to 10000), enum values with quotes, backslashes, spaces and
# unicode, defaults at the limits, SQL and Python words and 63-character names, references of
# every kind (required, optional, self, cycles of optional ones, one-to-one, every on_delete),
# owned and unowned entities under every access rule review allows, and actions of every
# method. A spec review refuses is a bug of this generator, reported as such by the test.
import random

# Nouns for entity names; none is a class the generated code defines (docs/spec.md).
NOUNS = [
    "Account", "Album", "Badge", "Booking", "Cabin", "Cargo", "Chapter", "Clinic", "Course",
    "Crate", "Device", "Dish", "Event", "Ferry", "Garden", "Grant", "Group", "Invoice", "Kiln",
    "Lesson", "Member", "Note", "Order", "Parcel", "Patient", "Permit", "Photo", "Playlist",
    "Reading", "Recipe", "Route", "Sample", "Season", "Select", "Shift", "Sensor", "Table",
    "Task", "Ticket", "Trip", "Update", "Vessel", "Visit", "Voucher", "Window", "Zone",
]
# Field names: plain ones, Python builtins, SQL words and type names review accepts (warnings).
FIELD_WORDS = [
    "name", "title", "label", "code", "notes", "amount", "count", "level", "score", "price",
    "weight", "status", "kind", "type", "format", "hash", "list", "sum", "min", "max", "order",
    "group", "select", "user", "date", "time", "email", "url", "uuid", "text", "value", "from_date",
    "to_date", "is_open", "starts_at", "colour", "rank", "size", "id_code", "password",
]
TYPES = ["string", "text", "integer", "float", "decimal", "boolean", "date", "datetime", "uuid",
         "email", "url", "enum", "json"]
ENUM_VALUES = [
    "low", "high", "it's", 'say "hi"', "back\\slash", "naïve", "日本", "x y", "null", "true",
    "1", "-", "a, b", "UPPER", "Mixed Case", "€", "tab-free", "end.", "%s", "{{ x }}", "<b>",
    "'", " lead", "trail ", "z" * 63,
]
UNIQUE_TYPES = {"string", "text", "email", "url", "uuid", "date", "datetime", "float", "decimal"}
INT_BOUNDS = [None, 0, 1, -1, 5, 100, -100, 2**31 - 1, 2**31, -(2**63), 2**63 - 1, 10**12]
FLOAT_BOUNDS = [None, 0, 0.5, -1.25, 1e-9, 99.99, -1e6, 1e15, 1e300, -1e300]
DECIMAL_BOUNDS = [None, 0, 0.01, -10.5, 99.99, 1000000, 123456789.12,
                  99999999999999, -99999999999999]


def _name(r, taken, words, width=63):
    """A fresh snake_case name from words, now and then a long compound."""
    while True:
        base = r.choice(words)
        if r.random() < 0.1:
            base = "_".join([base] + [r.choice(words) for _ in range(r.randint(2, 8))])[:width]
            base = base.rstrip("_")
        elif r.random() < 0.25:
            base = f"{base}_{r.choice(words)}"
        if base not in taken:
            taken.add(base)
            return base


def _entity_name(r, taken):
    while True:
        n = r.choice(NOUNS)
        if r.random() < 0.3:
            n += r.choice(NOUNS)
        if r.random() < 0.05:
            n = "".join(r.choice(NOUNS) for _ in range(5))[:55]
        if n.lower() not in taken:
            taken.add(n.lower())
            return n


def _bounds(r, choices):
    lo, hi = r.choice(choices), r.choice(choices)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return lo, hi


def _scalar(r, f):
    """Limits and a default, valid for the field's type."""
    t = f["type"]
    if t in ("integer", "float", "decimal"):
        lo, hi = _bounds(r, {"integer": INT_BOUNDS, "float": FLOAT_BOUNDS,
                             "decimal": DECIMAL_BOUNDS}[t])
        if lo is not None:
            f["min"] = lo
        if hi is not None:
            f["max"] = hi
        if r.random() < 0.3:
            f["default"] = lo if lo is not None else (hi if hi is not None else 0)
    elif t in ("string", "text", "email", "url"):
        if r.random() < 0.5:
            low = r.choice([0, 1, 2, 3, 300]) if t in ("string", "text") else 0
            f["min_length"] = low
            f["max_length"] = r.choice([max(low, 1), 8, 40, 255, 2048, 10000]) \
                if t != "email" else r.choice([20, 254, 255])
            f["max_length"] = max(f["max_length"], low, 1)
            if t == "url":
                f["max_length"] = max(f["max_length"], 30)
        if r.random() < 0.3:
            f["default"] = {"string": "a" * max(f.get("min_length", 0), 1),
                            "text": "b" * max(f.get("min_length", 0), 1),
                            "email": "a@example.com", "url": "https://example.com/x"}[t]
            if len(f["default"]) > f.get("max_length", 255):
                del f["default"]
    elif t == "enum":
        f["values"] = r.sample(ENUM_VALUES, r.randint(1, 6))
        if r.random() < 0.4:
            f["default"] = r.choice(f["values"])
    elif r.random() < 0.3:
        f["default"] = {"boolean": r.choice([True, False]), "date": "2024-02-29",
                        "datetime": "2024-01-31T23:59:59+02:00",
                        "uuid": "123e4567-e89b-12d3-a456-426614174000",
                        "json": r.choice([{"k": [1, None]}, [], "s", 0, None])}[t]
        if f["default"] is None:
            del f["default"]


def _fields(r, owned, count):
    taken = {"owner"} if owned else set()
    fields = []
    for _ in range(count):
        f = {"name": _name(r, taken, FIELD_WORDS), "type": r.choice(TYPES)}
        _scalar(r, f)
        f["required"] = r.random() < 0.35
        # Unique only where the type has values for every row the suites make: a unique
        # boolean, enum, integer or narrow range holds a few rows (review warns of the boolean).
        narrow = f.get("max", 1e300) - f.get("min", -1e300) < 100
        if f["type"] in UNIQUE_TYPES and not narrow and r.random() < 0.15:
            f["unique"] = True
            if owned and r.random() < 0.5:
                f["unique_scope"] = r.choice(["owner", "global"])
        fields.append(f)
    return fields


def _reference(r, name, target, required, self_ref):
    f = {"name": name, "type": "reference", "entity": target, "required": required}
    kinds = ["cascade", "restrict"] + ([] if required else ["set_null"])
    f["on_delete"] = r.choice(kinds)
    if not required and not self_ref and r.random() < 0.1:
        f["unique"] = True  # one-to-one
    return f


def _link(r, entities, auth):
    """References: to earlier entities (required or not), to itself and to later ones
    (optional only, so optional cycles appear)."""
    for i, e in enumerate(entities):
        taken = {f["name"] for f in e["fields"]}
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            j = r.randrange(len(entities))
            target = entities[j]
            if auth and target.get("owned") != e.get("owned") and r.random() < 0.5:
                continue
            name = f"{target['name'].lower()[:50]}_{r.choice(['id', 'ref', 'link'])}"
            if name in taken:
                continue
            taken.add(name)
            required = j < i and r.random() < 0.5
            e["fields"].append(_reference(r, name, target["name"], required, j == i))


def _access(r, owned):
    ops = {}
    for op in ("list", "read", "create", "update", "delete"):
        if r.random() < 0.5:
            continue
        allowed = ["public", "authenticated"] + (["owner"] if owned and op != "create" else [])
        if owned and op == "create":
            allowed = ["authenticated"]
        ops[op] = r.choice(allowed)
    return ops


def _actions(r, auth):
    actions = []
    for k in range(r.choice([0, 0, 1, 2])):
        method = r.choice(["GET", "POST", "PUT", "PATCH", "DELETE"])
        t = r.choice(["string", "integer", "float", "boolean", "date", "enum"])
        inp = {"name": "x", "type": t, "required": True}
        if t == "enum":
            inp["values"] = r.sample(ENUM_VALUES, 3)
        if t == "integer":
            inp["min"], inp["max"] = -5, 5
        sample = {"string": "héllo", "integer": 3, "float": 2.5, "boolean": True,
                  "date": "2024-02-29", "enum": inp.get("values", [""])[0]}[t]
        action = {
            "name": f"echo_{k}", "method": method, "path": f"/tools-{k}/echo",
            "input": [inp],
            "output": [{"name": "y", "type": "string" if t in ("date", "enum") else t}],
            "code": "return {\"y\": x.isoformat()}" if t == "date" else "return {\"y\": x}",
            "examples": [{"input": {"x": sample}, "output": {"y": sample}}],
        }
        if auth:
            action["auth_required"] = r.random() < 0.5
        actions.append(action)
    return actions


def random_spec(seed):
    """A BackendSpec v1 (a dict) that review must accept."""
    r = random.Random(seed)
    auth = r.random() < 0.6
    names = set()
    entities = []
    for _ in range(r.randint(1, 5)):
        owned = auth and r.random() < 0.6
        name = _entity_name(r, names)
        if auth and name.lower() == "user":
            name += "Profile"
        e = {"name": name, "owned": owned, "fields": _fields(r, owned, r.randint(1, 7))}
        if auth and r.random() < 0.6:
            e["access"] = _access(r, owned)
        if r.random() < 0.2:
            e["description"] = "Rows of « %s » — with {{ braces }} and \"quotes\"\n" % name
        entities.append(e)
    _link(r, entities, auth)
    spec = {
        "spec_version": 1, "name": f"random-{seed}", "title": f"Random spec {seed}",
        "description": "A random spec of the property test (tests/integration/randspec.py).",
        "auth": {"enabled": auth}, "entities": entities,
        "actions": _actions(r, auth),
    }
    return spec
