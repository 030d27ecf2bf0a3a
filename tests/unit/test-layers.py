#!/usr/bin/python3
"""The layering check (tests/unit/check-layers.py) in make check, as TAP: the source tree
keeps fcgi-app/layers.txt, fcgi-app/README.md shows that table word for word, and the check
catches each kind of broken rule in a fixture tree (so a pass means something)."""
import os
import re
import subprocess
import sys
import tempfile

SRC = os.path.abspath(os.environ.get("srcdir") or ".")
CHECK = os.path.join(SRC, "tests", "unit", "check-layers.py")
TABLE = os.path.join(SRC, "fcgi-app", "layers.txt")
PY = "/usr/bin/python3"

n = 0
failed = 0


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok") + f" {n} - {what}")
    if not cond:
        failed += 1
        for line in detail.splitlines():
            print("# " + line)


def run(root, table=TABLE):
    p = subprocess.run([PY, CHECK, "--table", table, root], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# 1. The tree itself.
rc, out, err = run(SRC)
m = re.search(r"(\d+) includes checked", err)
ok(rc == 0 and out == "", "fcgi-app/ keeps the layers of fcgi-app/layers.txt", out + err)
ok(m is not None and int(m.group(1)) >= 100, "the check read the tree's includes", err)

# 2. The README shows the one table.
with open(TABLE, encoding="utf-8") as f:
    table_text = f.read()
with open(os.path.join(SRC, "fcgi-app", "README.md"), encoding="utf-8") as f:
    readme = f.read()
block = re.search(r"<!-- layers.txt -->\n```\n(.*?)```\n", readme, re.S)
ok(block is not None and block.group(1) == table_text,
   "fcgi-app/README.md shows fcgi-app/layers.txt word for word",
   "copy fcgi-app/layers.txt into the block after <!-- layers.txt --> in fcgi-app/README.md")

# 3. A fixture with one include per broken rule, among includes that are fine. Areas that
# need not exist in the tree are used as the table allows them.
BROKEN = {
    ("fcgi-app/lib/core/arena.c", 2): "spec is above core",
    ("fcgi-app/lib/planner/plan.c", 3): "planner and codegen are side by side",
    ("fcgi-app/lib/sandbox/sandbox.c", 3): "sandbox and spec are side by side",
    ("fcgi-app/app/main.c", 2): "the program app includes ctl/ctl.h from the program ctl",
    ("fcgi-app/runner/main.c", 4): "the program runner includes app/request.h",
    ("fcgi-app/lib/spec/review.c", 2): "from the program app",
    ("fcgi-app/lib/codegen/render.c", 2): "pipeline is above codegen",
    ("fcgi-app/lib/core/buf.c", 1): "climbs out of its folder",
    ("fcgi-app/lib/core/log.c", 1): "names nowhere, which is not an area",
    ("fcgi-app/lib/core/cli.c", 1): "names no area and is not beside",
    ("fcgi-app/lib/extra/thing.c", 0): "extra is not an area",
    ("fcgi-app/lib/loose.c", 0): "outside any area",
}
with tempfile.TemporaryDirectory() as root:
    write(root, "fcgi-app/lib/core/arena.c", '#include "core/arena.h"\n#include "spec/review.h"\n')
    write(root, "fcgi-app/lib/core/arena.h", "#pragma once\n")
    write(root, "fcgi-app/lib/planner/plan.c",
          '#include "planner/plan.h"\n#include "spec/types.h"\n#include "codegen/render.h"\n')
    write(root, "fcgi-app/lib/sandbox/sandbox.c",
          '#include "sandbox/sandbox.h"\n#include "core/log.h"\n#include "spec/review.h"\n')
    write(root, "fcgi-app/app/main.c", '#include "request.h"\n#include "ctl/ctl.h"\n')
    write(root, "fcgi-app/app/request.h", '#include "pipeline/pipeline.h"\n')
    write(root, "fcgi-app/runner/main.c",
          '#include "sandbox.h"\n#include "verify/suite.h"\n#include "platform/db.h"\n'
          '#include "app/request.h"\n')
    write(root, "fcgi-app/runner/sandbox.h", '#include <stdio.h>\n#include "core/log.h"\n')
    write(root, "fcgi-app/lib/spec/review.c",
          '#include "fcgi-app/lib/spec/schema.inc"\n#include "app/request.h"\n')
    write(root, "fcgi-app/lib/codegen/render.c",
          '/* #include "pipeline/pipeline.h" in a comment is not an include */\n'
          '  #  include "pipeline/pipeline.h"\n')
    write(root, "fcgi-app/lib/core/buf.c", '#include "../spec/types.h"\n')
    write(root, "fcgi-app/lib/core/log.c", '#include "nowhere/x.h"\n')
    write(root, "fcgi-app/lib/core/cli.c", '#include "cli.h"\n')
    write(root, "fcgi-app/lib/extra/thing.c", '#include "core/arena.h"\n')
    write(root, "fcgi-app/lib/loose.c", "int x;\n")
    rc, out, err = run(root)
    ok(rc == 1, "a fixture with broken rules fails the check", out + err)
    found = {}
    for line in out.splitlines():
        m = re.match(r"([^:]+):(\d+): (.*)", line)
        if m:
            found[(m.group(1), int(m.group(2)))] = m.group(3)
    for (rel, line), phrase in BROKEN.items():
        msg = found.get((rel, line), "")
        ok(phrase in msg, f"caught at {rel}:{line}: {phrase}", out)
    ok(set(found) == set(BROKEN), "nothing else is reported (allowed includes pass)",
       "\n".join(f"{k[0]}:{k[1]}: {v}" for k, v in found.items() if k not in BROKEN))

    # The same tree without the broken includes passes.
    for rel, _ in BROKEN:
        path = os.path.join(root, rel)
        if os.path.exists(path):
            os.remove(path)
    write(root, "fcgi-app/lib/core/arena.c", '#include "core/arena.h"\n')
    write(root, "fcgi-app/app/main.c", '#include "request.h"\n#include "verify/suite.h"\n')
    write(root, "fcgi-app/runner/main.c", '#include "sandbox.h"\n#include "verify/suite.h"\n')
    write(root, "fcgi-app/lib/verify/suite.c", '#include "spec/review.h"\n')
    write(root, "fcgi-app/lib/sandbox/sandbox.c", '#include "core/log.h"\n')
    rc, out, err = run(root)
    ok(rc == 0 and out == "", "the fixture passes once the broken includes are gone", out + err)

    # A table that is not layered is refused before any file is read.
    write(root, "cycle.txt", "[lib]\ncore: spec\nspec: core\n")
    rc, out, err = run(root, os.path.join(root, "cycle.txt"))
    ok(rc == 2 and "cycle" in out, "a table with a cycle is refused", out + err)
    write(root, "prog.txt", "[lib]\ncore: app\n[programs]\napp: core\n")
    rc, out, err = run(root, os.path.join(root, "prog.txt"))
    ok(rc == 2 and "program app" in out, "a table letting a lib area include a program is refused",
       out + err)

print(f"1..{n}")
sys.exit(1 if failed else 0)
