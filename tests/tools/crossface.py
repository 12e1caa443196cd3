#!/usr/bin/python3
"""crossface.py: the faces of one attention list agree (issue 15).

Reads, from the directory given, what t3013 saved of one plan as of one date:
check.json, report.json, notice.json, status.txt, report.txt, report.md,
report.html and report.csv.  Prints "ok - ..." or "not ok - ..." lines
(tests/lib.sh's format) with the date and plan named in each.
"""
import csv
import html
import json
import os
import re
import sys

where, label = sys.argv[1], sys.argv[2]


def read(name):
    with open(os.path.join(where, name), encoding="utf-8") as f:
        return f.read()


def report(ok, what, detail=""):
    print(("ok - " if ok else "not ok - ") + label + ": " + what)
    if not ok and detail:
        for line in str(detail).splitlines()[:20]:
            print("#   " + line)


check = json.loads(read("check.json"))
items = check["items"]
by_id = {i["id"]: i for i in items}
want = {(i["id"], i["attention"]) for i in items}

rep = json.loads(read("report.json"))
got = {(a["id"], a["kind"]) for a in rep["attention"]}
report(got == want, "report JSON lists the ids and kinds check lists",
       "only in check: %s\nonly in report: %s" %
       (sorted(want - got), sorted(got - want)))

diff = sorted(a["id"] for a in rep["attention"]
              if a["id"] in by_id and a["reason"] != by_id[a["id"]]["reason"])
report(not diff, "report JSON gives each item check's reason",
       "different: %s" % diff)

rows = list(csv.DictReader(read("report.csv").lstrip("\ufeff").splitlines()))
in_csv = {(r["id"], r["attention"]) for r in rows if r.get("attention")}
report(want <= in_csv, "report CSV has every id with its kind",
       "missing: %s" % sorted(want - in_csv))


def words(text):
    return set(re.findall(r"[A-Za-z0-9][A-Za-z0-9._@-]*", text))


def stale_only(i):
    return i["kinds"] == ["stale"]


status = words(read("status.txt"))
missing = sorted(i for i in by_id if i not in status)
report(not missing, "status --all lists every id", "missing: %s" % missing)

for name, text in (("report.txt", read("report.txt")),
                   ("report.md", read("report.md")),
                   ("report.html", html.unescape(read("report.html")))):
    seen = words(text)
    # Targets only not reported are counted per lead department there,
    # with the department's name on the line.
    missing = sorted(i for i, v in by_id.items() if i not in seen and
                     not (stale_only(v) and v.get("lead_name") and
                          v["lead_name"] in text))
    report(not missing, name + " shows every item (or its group)",
           "missing: %s" % missing)

notices = {n["dept"]: n for n in json.loads(read("notice.json"))["notices"]}
missing = []
for i, v in by_id.items():
    if v.get("lead") is None:
        continue
    n = notices.get(v["lead"])
    ids = set()
    if n is not None:
        for s in n["sections"]:
            ids |= {x["id"] for x in s["led"]}
    if i not in ids:
        missing.append((i, v["lead"]))
    elif not any(x["id"] == i and x["reason"] == v["reason"]
                 for s in n["sections"] for x in s["led"]):
        missing.append((i, "reason differs"))
report(not missing, "the lead's notice lists every led item",
       "missing (id, lead): %s" % sorted(missing))
