#!/bin/sh
# Validates the example specs and their normalized forms against the JSON Schema: the schema
# must fit every canonical spec review accepts (review also takes looser spellings, such as
# lower-case methods or "line items" as an entity name). Needs python3-jsonschema.
PY=/usr/bin/python3
dir="${srcdir:-.}"
if ! "$PY" -c 'import jsonschema' 2>/dev/null; then
    echo "1..0 # SKIP python3-jsonschema is not installed"
    exit 0
fi
exec "$PY" - "$dir" <<'PYEOF'
import glob, json, os, sys
import jsonschema

root = sys.argv[1]
schema = json.load(open(os.path.join(root, "schemas/backend-spec-v1.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
files = sorted(glob.glob(os.path.join(root, "tests/data/specs/valid/*.json")) +
               glob.glob(os.path.join(root, "tests/data/specs/normalized/*.json")))
n = 0
failed = 0
print("ok %d - the schema is a valid draft 2020-12 schema" % (n + 1)); n += 1
for f in files:
    errors = list(validator.iter_errors(json.load(open(f))))
    n += 1
    name = os.path.relpath(f, root)
    if errors:
        failed += 1
        print("not ok %d - %s fits the schema" % (n, name))
        for e in errors[:5]:
            print("#   %s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:200]))
    else:
        print("ok %d - %s fits the schema" % (n, name))
print("1..%d" % n)
sys.exit(1 if failed else 0)
PYEOF
