"""Score a table of call transcripts with collectsim inside Apache Spark.

Reads calls from Parquet or JSON Lines (columns: `id`, a transcript column
`text` by default, optional `facts` as a struct, map or JSON string), scores
them with the collectsim binary on the executors, and writes two Parquet
tables: one row per call (scores, verdict, counts by severity) and one row per
finding (rule, severity, turn, time, evidence, citation).

How the binary is run: `mapPartitions` around one `collectsim score --input
jsonl --format jsonl` subprocess per partition, rather than `RDD.pipe`. Both
stream the partition through the binary, but around a subprocess the job can
check what `pipe` cannot: that the binary exited 0 or 1 (2 only says some record
was unreadable, and that record's error row is kept), and that it answered
exactly one line per call. A crash or a lost line then fails the task (and Spark
retries it) instead of silently dropping or misaligning calls. collectsim keeps
input order, so each answer is matched to its call's id by position.

Shipping the binary: `spark-submit --files /path/to/collectsim score_calls.py
--collectsim collectsim ...` copies it to every executor, where
`SparkFiles.get("collectsim")` finds it (see README.md, "Scoring in Apache
Spark"). Local mode uses the path given as it is.
"""

import argparse
import json
import os
import subprocess
import threading

from pyspark import SparkFiles
from pyspark.sql import Row, SparkSession
from pyspark.sql import types as T

CALLS_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("source", T.StringType()),
        T.StructField("passed", T.BooleanType()),
        T.StructField("verdict", T.StringType()),
        T.StructField("overall", T.DoubleType()),
        T.StructField("empathy", T.DoubleType()),
        T.StructField("clarity", T.DoubleType()),
        T.StructField("negotiation", T.DoubleType()),
        T.StructField("compliance", T.DoubleType()),
        T.StructField("documentation", T.DoubleType()),
        T.StructField("critical", T.IntegerType()),
        T.StructField("major", T.IntegerType()),
        T.StructField("minor", T.IntegerType()),
        T.StructField("headline", T.StringType()),
        T.StructField("agent_speaker", T.StringType()),
        T.StructField("error", T.StringType()),
    ]
)

FINDINGS_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("rule", T.StringType()),
        T.StructField("dimension", T.StringType()),
        T.StructField("severity", T.StringType()),
        T.StructField("turn", T.IntegerType()),
        T.StructField("time", T.StringType()),
        T.StructField("evidence", T.StringType()),
        T.StructField("message", T.StringType()),
        T.StructField("citation", T.StringType()),
    ]
)


def resolve_binary(name):
    """The binary shipped with --files, else the path or command given."""
    if os.path.sep not in name:
        try:
            shipped = SparkFiles.get(name)
            if os.path.exists(shipped):
                return shipped
        except Exception:  # no SparkContext files on this executor
            pass
    return name


def facts_of(value):
    """Facts as a JSON object: a struct or map column, or a JSON string."""
    if value is None:
        return None
    if isinstance(value, str):
        return json.loads(value) if value.strip() else None
    if isinstance(value, Row):
        value = value.asDict(recursive=True)
    return without_nulls(dict(value))


def without_nulls(value):
    """A struct column has every key any row had; the ones this row lacks are null."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    return value


def score_partition(rows, binary, text_column, has_facts, extra_args):
    """One collectsim process per partition; yields (call row, finding rows)."""
    rows = list(rows)
    if not rows:
        return
    command = [resolve_binary(binary), "score", "--input", "jsonl", "--format", "jsonl", "--jobs", "1"] + extra_args
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )

    def feed():
        try:
            for row in rows:
                record = {"id": str(row["id"]), "text": row[text_column] or ""}
                facts = facts_of(row["facts"]) if has_facts else None
                if facts:
                    record["facts"] = facts
                # One record per line: json.dumps escapes the transcript's newlines.
                process.stdin.write(json.dumps(record) + "\n")
        finally:
            process.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    errors = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))
    reader.start()
    answers = process.stdout.read().splitlines()
    writer.join()
    reader.join()
    code = process.wait()
    if code not in (0, 1, 2):
        raise RuntimeError(f"collectsim exited with {code}: {''.join(errors)[-2000:]}")
    if len(answers) != len(rows):
        raise RuntimeError(f"collectsim answered {len(answers)} lines for {len(rows)} calls: {''.join(errors)[-2000:]}")
    for row, answer in zip(rows, answers):
        yield to_rows(str(row["id"]), json.loads(answer))


def to_rows(call_id, card):
    """A scorecard (or a `{source, error}` line) as a call row and finding rows."""
    if "error" in card:
        return as_tuple(CALLS_SCHEMA, dict(id=call_id, source=card.get("source"), error=card["error"])), []
    scores = card["scores"]
    severities = [f["severity"] for f in card["findings"]]
    call = dict(
        id=call_id,
        source=card["source"],
        passed=card["passed"],
        verdict=card.get("verdict"),
        overall=scores.get("overall"),
        empathy=scores.get("empathy"),
        clarity=scores.get("clarity"),
        negotiation=scores.get("negotiation"),
        compliance=scores.get("compliance"),
        documentation=scores.get("documentation"),
        critical=severities.count("critical"),
        major=severities.count("major"),
        minor=severities.count("minor"),
        headline=card.get("headline"),
        agent_speaker=(card.get("agent") or {}).get("speaker"),
        error=None,
    )
    findings = [
        dict(
            id=call_id,
            rule=f["rule"],
            dimension=f["dimension"],
            severity=f["severity"],
            turn=f["turn"],
            time=f.get("time"),
            evidence=f["evidence"],
            message=f["message"],
            citation=f.get("citation"),
        )
        for f in card["findings"]
    ]
    return as_tuple(CALLS_SCHEMA, call), [as_tuple(FINDINGS_SCHEMA, f) for f in findings]


def as_tuple(schema, values):
    """A row in the schema's column order (missing columns are null)."""
    return tuple(values.get(name) for name in schema.fieldNames())


def read_calls(spark, path, fmt):
    fmt = fmt or ("parquet" if path.rstrip("/").endswith(".parquet") or os.path.isdir(path) else "json")
    reader = spark.read.parquet if fmt == "parquet" else spark.read.json
    return reader(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", required=True, help="Parquet file/folder or JSON Lines file of calls")
    parser.add_argument("--format", choices=["parquet", "json"], help="input format (default: from the path)")
    parser.add_argument("--text-column", default="text", help="the transcript column (default: text)")
    parser.add_argument("--out", required=True, help="folder for the calls/ and findings/ Parquet tables")
    parser.add_argument("--collectsim", default="collectsim", help="binary path, or its name shipped with --files")
    parser.add_argument("--partitions", type=int, help="repartition the calls to this many tasks")
    parser.add_argument("--redact", action="store_true", help="mask numbers and addresses in evidence")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("collectsim-score").getOrCreate()
    calls = read_calls(spark, args.calls, args.format)
    if args.partitions:
        calls = calls.repartition(args.partitions)
    columns = ["id", args.text_column] + (["facts"] if "facts" in calls.columns else [])
    extra = ["--redact"] if args.redact else []
    binary, text_column, has_facts = args.collectsim, args.text_column, "facts" in calls.columns
    scored = calls.select(*columns).rdd.mapPartitions(
        lambda rows: score_partition(rows, binary, text_column, has_facts, extra)
    ).cache()
    spark.createDataFrame(scored.map(lambda pair: pair[0]), CALLS_SCHEMA).write.mode("overwrite").parquet(
        os.path.join(args.out, "calls")
    )
    spark.createDataFrame(scored.flatMap(lambda pair: pair[1]), FINDINGS_SCHEMA).write.mode("overwrite").parquet(
        os.path.join(args.out, "findings")
    )
    spark.stop()


if __name__ == "__main__":
    main()
