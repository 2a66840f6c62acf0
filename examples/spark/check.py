"""CI check of the Spark example (run by .ci/run): scores a generated corpus with
score_calls.py in Spark local mode, the binary shipped with --files, and checks
every call row and finding count against `collectsim score` run directly.

    python3 examples/spark/check.py --collectsim target/debug/collectsim --count 3000
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collectsim", required=True)
    parser.add_argument("--count", type=int, default=3000)
    args = parser.parse_args()
    binary = os.path.abspath(args.collectsim)
    with tempfile.TemporaryDirectory(prefix="collectsim-spark-") as work:
        calls = os.path.join(work, "calls.jsonl")
        with open(calls, "w") as out:
            subprocess.run([binary, "corpus", "--count", str(args.count)], stdout=out, check=True)
        table = os.path.join(work, "calls.parquet")
        to_parquet(calls, table)
        out_dir = os.path.join(work, "out")
        submit = [
            "spark-submit", "--master", "local[2]", "--conf", "spark.ui.showConsoleProgress=false", "--files", binary,
            os.path.join(HERE, "score_calls.py"),
            "--calls", table, "--out", out_dir, "--collectsim", os.path.basename(binary), "--partitions", "4",
        ]
        subprocess.run(submit, check=True)
        expected = direct(binary, calls)
        rows, findings = read_results(out_dir)
        problems = compare(expected, rows, findings, args.count)
    if problems:
        print("\n".join(problems[:20]), file=sys.stderr)
        sys.exit(1)
    total = sum(len(card["findings"]) for card in expected.values())
    print(f"spark: {len(rows)} calls and {total} findings match `collectsim score` run directly")


def to_parquet(jsonl, table):
    """The corpus as a data lake holds it: id, text, and facts as a JSON string."""
    spark = SparkSession.builder.master("local[2]").appName("collectsim-corpus").getOrCreate()
    records = []
    with open(jsonl) as lines:
        for line in lines:
            record = json.loads(line)
            records.append((record["id"], record["text"], json.dumps(record.get("facts") or {})))
    spark.createDataFrame(records, "id string, text string, facts string").write.parquet(table)
    spark.stop()


def direct(binary, jsonl):
    with open(jsonl) as source:
        done = subprocess.run(
            [binary, "score", "--input", "jsonl", "--format", "jsonl"], stdin=source, capture_output=True, text=True
        )
    if done.returncode not in (0, 1):
        sys.exit(f"collectsim score failed ({done.returncode}): {done.stderr[-2000:]}")
    cards = [json.loads(line) for line in done.stdout.splitlines()]
    return {card["source"]: card for card in cards}


def read_results(out_dir):
    spark = SparkSession.builder.master("local[2]").appName("collectsim-check").getOrCreate()
    rows = {r["id"]: r.asDict() for r in spark.read.parquet(os.path.join(out_dir, "calls")).collect()}
    findings = collections.Counter(r["id"] for r in spark.read.parquet(os.path.join(out_dir, "findings")).collect())
    spark.stop()
    return rows, findings


def compare(expected, rows, findings, count):
    problems = []
    if len(rows) != count or len(expected) != count:
        problems.append(f"{len(rows)} call rows from Spark, {len(expected)} scorecards direct, {count} calls")
    verdicts = collections.Counter()
    for call_id, card in expected.items():
        row = rows.get(call_id)
        if row is None:
            problems.append(f"{call_id}: no row from Spark")
            continue
        severities = collections.Counter(f["severity"] for f in card["findings"])
        want = {
            "passed": card["passed"],
            "verdict": card["verdict"],
            "overall": card["scores"]["overall"],
            "compliance": card["scores"]["compliance"],
            "critical": severities["critical"],
            "major": severities["major"],
            "minor": severities["minor"],
            "error": None,
        }
        got = {key: row[key] for key in want}
        if got != want:
            problems.append(f"{call_id}: Spark {got} but directly {want}")
        if findings[call_id] != len(card["findings"]):
            problems.append(f"{call_id}: {findings[call_id]} finding rows, {len(card['findings'])} findings")
        verdicts[card["verdict"]] += 1
    if len(verdicts) < 2:
        problems.append(f"the corpus should mix verdicts, got {dict(verdicts)}")
    return problems


if __name__ == "__main__":
    main()
