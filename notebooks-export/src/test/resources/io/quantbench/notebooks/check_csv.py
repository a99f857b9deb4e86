"""Strict checks of a CSV file that pandas.read_csv must read right with no options.

Usage: check_csv.py FILE --numeric COL,COL... --times COL,...
Prints "rows=N columns=M" and exits 0 when every rule holds; otherwise prints the first violation and exits 1.
Only the standard library: pandas is not installed where these tests run.
"""
import argparse
import csv
import datetime
import io
import re
import sys

PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")      # no exponent, no thousands separator, '.' point
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def fail(message):
    print(message)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--numeric", default="")
    parser.add_argument("--times", default="")
    args = parser.parse_args()
    raw = open(args.file, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("starts with a UTF-8 byte-order mark")
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not rows:
        fail("no header row")
    header = rows[0]
    if len(set(header)) != len(header) or any(not name.strip() for name in header):
        fail(f"header names must be unique and non-empty: {header}")
    numeric = [c for c in args.numeric.split(",") if c]
    times = [c for c in args.times.split(",") if c]
    for column in numeric + times:
        if column not in header:
            fail(f"no column {column!r} in {header}")
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            fail(f"line {n}: {len(row)} fields under a header of {len(header)}")
        for name, value in zip(header, row):
            if value != value.strip():
                fail(f"line {n}, {name}: leading or trailing space in {value!r}")
            if name in numeric and value not in ("", "inf", "-inf"):
                if not PLAIN_NUMBER.match(value):
                    fail(f"line {n}, {name}: {value!r} is not a plain decimal number")
                float(value)
            if name in times and value != "":
                if not ISO_UTC.match(value):
                    fail(f"line {n}, {name}: {value!r} is not an ISO-8601 UTC time")
                datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    print(f"rows={len(rows) - 1} columns={len(header)}")


main()
