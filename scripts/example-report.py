#!/usr/bin/env python3
"""Summarizes a generated crate's example tests (the output of `cargo test`, not quiet) by role
and cause.

Test names start with the example's role: `request_` (a request example rebuilt with its request
type: method, path, query and body compared with the page), `response_` (a response example read
strictly: nothing but OData annotations in a catch-all, written back equal) and `resource_` (a
JSON representation). Each failing test panics with `[cause] page.md:line: detail`.
Usage: example-report.py LOG [--list CAUSE] [--show N] [--min-request R] [--min-response R]
Prints, per role, totals and the pass rate, then the failures by cause with the first few of
each, and exits 1 when the request or the response rate is below its floor (default 0).
Doc placeholders are not failures here: docgen reports each (`warning[example-placeholder]`)
and the test reads a typed value in its place.
"""
import argparse
import collections
import re
import sys

ROLES = ("request", "response", "resource")


def role_of(test):
    for role in ROLES:
        if test.startswith(role + "_"):
            return role
    return "other"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--list", help="print every failure of this cause")
    ap.add_argument("--show", type=int, default=5, help="failures shown per cause")
    ap.add_argument("--min-request", type=float, default=0.0)
    ap.add_argument("--min-response", type=float, default=0.0)
    args = ap.parse_args()
    text = open(args.log, encoding="utf-8", errors="replace").read()
    if not re.search(r"test result: ", text):
        print(f"FAIL: no test result in {args.log}: the tests did not build or run; its end:")
        for line in text.splitlines()[-40:]:
            print(f"  | {line[:300]}")
        return 1
    outcomes = collections.defaultdict(collections.Counter)
    for m in re.finditer(r"^test examples::(\S+) \.\.\. (ok|FAILED)$", text, re.M):
        outcomes[role_of(m.group(1))][m.group(2)] += 1
    # The panic of each failing test, under its `---- examples::name stdout ----` header.
    causes = collections.defaultdict(lambda: collections.defaultdict(list))
    for m in re.finditer(
        r"^---- examples::(\S+) stdout ----\n(?:.*\n)*?\[([a-z-]+)\] (.*)$", text, re.M
    ):
        causes[role_of(m.group(1))][m.group(2)].append(m.group(3))
    status = 0
    for role in ROLES + ("other",):
        counts = outcomes.get(role)
        if not counts:
            continue
        total = counts["ok"] + counts["FAILED"]
        rate = counts["ok"] / total if total else 1.0
        word = {"request": "rebuilt exactly", "response": "pass strictly",
                "resource": "pass strictly"}.get(role, "pass")
        print(f"{role} examples: {total}, {word}: {counts['ok']}/{total} = {rate:.4f}")
        explained = 0
        for cause, items in sorted(causes[role].items(), key=lambda kv: -len(kv[1])):
            explained += len(items)
            print(f"  {cause}: {len(items)}")
            shown = items if cause == args.list else items[: args.show]
            for item in shown:
                print(f"      {item[:300]}")
        if counts["FAILED"] > explained:
            print(f"  failures without a cause line: {counts['FAILED'] - explained}")
        floor = {"request": args.min_request, "response": args.min_response}.get(role, 0.0)
        if rate < floor:
            print(f"FAIL: {role} rate {rate:.4f} < {floor}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
