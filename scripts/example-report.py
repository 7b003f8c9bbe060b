#!/usr/bin/env python3
"""Summarizes a generated crate's example tests (the output of `cargo test`) by cause.

Each failing example test panics with `[cause] page.md:line: detail` (see docgen's
runtime/testing.rs). Usage: example-report.py LOG [--list CAUSE] [--min-rate R]
Prints totals, the round-trip rate over all examples and over those without a doc error,
the failures by cause with the first few of each, and exits 1 when the rate without doc
errors is below --min-rate (default 0).
"""
import argparse
import collections
import re
import sys

DOC_ERRORS = {"doc-placeholder"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--list", help="print every failure of this cause")
    ap.add_argument("--show", type=int, default=5, help="failures shown per cause")
    ap.add_argument("--min-rate", type=float, default=0.0)
    args = ap.parse_args()
    text = open(args.log, encoding="utf-8", errors="replace").read()
    passed = failed = 0
    for m in re.finditer(r"test result: \w+\. (\d+) passed; (\d+) failed", text):
        passed += int(m.group(1))
        failed += int(m.group(2))
    if not re.search(r"test result: ", text):
        print(f"FAIL: no test result in {args.log}: the tests did not build or run; its end:")
        for line in text.splitlines()[-40:]:
            print(f"  | {line[:300]}")
        return 1
    causes = collections.defaultdict(list)
    for m in re.finditer(r"^\[([a-z-]+)\] (.*)$", text, re.M):
        causes[m.group(1)].append(m.group(2))
    unexplained = failed - sum(len(v) for v in causes.values())
    total = passed + failed
    doc_errors = sum(len(causes[c]) for c in DOC_ERRORS)
    rate = passed / total if total else 1.0
    clean_total = total - doc_errors
    clean_rate = passed / clean_total if clean_total else 1.0
    print(f"examples: {total}, round-trip: {passed} ({rate:.4f})")
    print(f"doc errors (placeholders where a typed value belongs): {doc_errors}")
    print(f"round-trip rate without doc errors: {passed}/{clean_total} = {clean_rate:.4f}")
    for cause, items in sorted(causes.items(), key=lambda kv: -len(kv[1])):
        print(f"  {cause}: {len(items)}")
        shown = items if cause == args.list else items[: args.show]
        for item in shown:
            print(f"      {item[:300]}")
    if unexplained:
        print(f"  failures without a cause line: {unexplained}")
    if clean_rate < args.min_rate:
        print(f"FAIL: round-trip rate without doc errors {clean_rate:.4f} < {args.min_rate}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
