#!/usr/bin/env python3
"""Summarizes a generated crate's example tests (the output of `cargo test`) by cause.

Each failing example test panics with `[cause] page.md:line: detail` (see docgen's
runtime/testing.rs). Usage: example-report.py LOG [--list CAUSE] [--min-rate R]
Prints totals, the round-trip rate, the failures by cause with the first few of each, and exits
1 when the rate is below --min-rate (default 0). Doc placeholders are not failures here: docgen
reports each (`warning[example-placeholder]`) and the test reads a typed value in its place.
"""
import argparse
import collections
import re
import sys

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
    rate = passed / total if total else 1.0
    print(f"examples: {total}, round-trip: {passed}/{total} = {rate:.4f}")
    for cause, items in sorted(causes.items(), key=lambda kv: -len(kv[1])):
        print(f"  {cause}: {len(items)}")
        shown = items if cause == args.list else items[: args.show]
        for item in shown:
            print(f"      {item[:300]}")
    if unexplained:
        print(f"  failures without a cause line: {unexplained}")
    if rate < args.min_rate:
        print(f"FAIL: round-trip rate {rate:.4f} < {args.min_rate}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
