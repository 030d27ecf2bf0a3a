#!/usr/bin/python3
"""Checks that every #include "..." under fcgi-app/ keeps to fcgi-app/layers.txt.

Usage: check-layers.py [--table FILE] [ROOT]
ROOT is the directory holding fcgi-app/ (default: the repository this file is in); the
table defaults to ROOT/fcgi-app/layers.txt. Prints one line per broken rule,
"file:line: rule", and exits 1 when there is any, 0 when the tree keeps its layers.
Standard library only, like Chromium's checkdeps in spirit: the rules are data, the script
only reads them.
"""
import os
import re
import sys

SOURCE_SUFFIXES = (".c", ".h", ".cc", ".inc")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


class TableError(Exception):
    pass


def read_table(path):
    """Returns (kind, allowed): kind[area] is "lib" or "program", allowed[area] a list."""
    kind, allowed, section = {}, {}, None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line in ("[lib]", "[programs]"):
                section = "lib" if line == "[lib]" else "program"
                continue
            m = re.fullmatch(r"([a-z][a-z0-9_]*):\s*(.*)", line)
            if not m or section is None:
                raise TableError(f"{path}:{number}: expected [lib], [programs] or 'area: areas'")
            area, rest = m.group(1), m.group(2).split()
            if area in kind:
                raise TableError(f"{path}:{number}: {area} is listed twice")
            kind[area], allowed[area] = section, rest
    for area, targets in allowed.items():
        for t in targets:
            if t not in kind:
                raise TableError(f"{path}: {area} may include {t}, which the table does not define")
            if kind[t] == "program":
                raise TableError(f"{path}: {area} may include the program {t}; "
                                 "only lib areas can be included")
    # The lib areas must form layers: no area may reach itself through the table.
    for area in kind:
        if area in closure(allowed, area):
            raise TableError(f"{path}: {area} can reach itself through the table (a cycle)")
    return kind, allowed


def closure(allowed, area):
    seen, todo = set(), list(allowed.get(area, []))
    while todo:
        a = todo.pop()
        if a not in seen:
            seen.add(a)
            todo.extend(allowed.get(a, []))
    return seen


def area_of(rel):
    """fcgi-app/lib/spec/review.c -> "spec"; fcgi-app/app/main.c -> "app"; else None."""
    parts = rel.split("/")
    if len(parts) >= 4 and parts[1] == "lib":
        return parts[2]
    if len(parts) >= 3 and parts[1] != "lib":
        return parts[1]
    return None


def target_of(name):
    """The area an include names by its first folder ("core/arena.h" -> "core"); the form
    from the top of the tree ("fcgi-app/lib/spec/schema.inc") counts too."""
    parts = name.split("/")
    if parts[0] == "fcgi-app":
        parts = parts[2:] if len(parts) > 2 and parts[1] == "lib" else parts[1:]
    return parts[0] if len(parts) > 1 else None


def may(allowed, area):
    return " ".join(allowed[area]) or "nothing but itself"


def rule_broken(kind, allowed, area, target, name):
    """Why `area` may not include `target` (a sentence), or None when it may."""
    if target == area or target in allowed[area]:
        return None
    if kind[area] == "lib" and kind[target] == "program":
        return (f"{area} includes {name} from the program {target}: library code serves the "
                "programs and never includes their headers")
    if kind[area] == "program" and kind[target] == "program":
        return (f"the program {area} includes {name} from the program {target}: programs "
                "never include each other; move what both need into a lib area")
    if kind[area] == "lib" and area in closure(allowed, target):
        return (f"{area} includes {name}, but {target} is above {area}: a lower area never "
                f"includes a higher one ({area} may include: {may(allowed, area)})")
    if kind[area] == "lib" and kind[target] == "lib" and target not in closure(allowed, area):
        return (f"{area} includes {name}, but {area} and {target} are side by side: neither "
                f"may include the other ({area} may include: {may(allowed, area)})")
    return (f"{area} includes {name}, which fcgi-app/layers.txt does not allow "
            f"({area} may include: {may(allowed, area)})")


def check(root, table):
    """Returns (problems, checked): (file, line, message) for every include that breaks the
    table, and how many includes were read."""
    kind, allowed = read_table(table)
    counter = [0]
    problems = list(scan(root, kind, allowed, counter))
    return problems, counter[0]


def scan(root, kind, allowed, counter):
    top = os.path.join(root, "fcgi-app")
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for fn in sorted(filenames):
            if not fn.endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            area = area_of(rel)
            if area is None:
                yield rel, 0, ("a source file outside any area: put it in fcgi-app/lib/AREA "
                               "or a program's folder")
                continue
            if area not in kind:
                yield rel, 0, (f"{area} is not an area of fcgi-app/layers.txt: add it there "
                               "(with what it may include) and to fcgi-app/README.md")
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    counter[0] += 1
                    name = m.group(1)
                    if ".." in name.split("/"):
                        yield rel, number, (f"{name} climbs out of its folder with '..': "
                                            "name the area instead (\"core/arena.h\")")
                        continue
                    target = target_of(name)
                    if target is None:
                        if not os.path.exists(os.path.join(dirpath, name)):
                            yield rel, number, (f"{name} names no area and is not beside "
                                                f"{fn}: write it as \"AREA/{name}\"")
                        continue
                    if target not in kind:
                        yield rel, number, (f"{name} names {target}, which is not an area of "
                                            "fcgi-app/layers.txt")
                        continue
                    why = rule_broken(kind, allowed, area, target, name)
                    if why:
                        yield rel, number, why


def main(argv):
    args = argv[1:]
    table = None
    if len(args) >= 2 and args[0] == "--table":
        table, args = args[1], args[2:]
    root = args[0] if args else os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    table = table or os.path.join(root, "fcgi-app", "layers.txt")
    try:
        problems, checked = check(root, table)
    except TableError as e:
        print(e)
        return 2
    for rel, number, message in problems:
        print(f"{rel}:{number}: {message}")
    print(f"{checked} includes checked, {len(problems)} broken", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
