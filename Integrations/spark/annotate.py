#!/usr/bin/env python3
"""Annotate news text with Gazette on Apache Spark.

Each partition is streamed through one `gazette --input jsonl` process on the worker (like `RDD.pipe` with
`checkCode=True`, see `pipe_through_gazette`; the streaming is the Python client's, Integrations/python, shipped
with the job), so a worker needs no Swift: the portable tarball made by
`Scripts/dist.sh` is shipped with the job and unpacked once per executor.

    spark-submit --master yarn --files dist/gazette-linux-x86_64.tar.gz \\
        Integrations/spark/annotate.py hdfs:///news/2024/ hdfs:///annotated/2024 --compress

Input (any path Spark reads: local, HDFS, S3, globs, comma-separated lists; .gz/.bz2 are decompressed):
  --input-format jsonl  one JSON object per line with a "text" field (--text-field); all its fields are kept
  --input-format lines  plain text, one document per line; id = the line number over the whole input
  --input-format files  plain text, one document per file; id = the file's path

Output: a folder of part-NNNNN JSON Lines files (part-NNNNN.gz with --compress), one gazette.doc/1 record per input
record, in input order (read the parts in name order).

Failures are never silent:
  - a record Gazette cannot annotate (malformed JSON, no text field, ...) is written with an "error" object, as the
    filter does; the job finishes, prints how many failed with the first few messages, and exits with status 1;
  - if gazette itself fails (cannot start, crashes, is killed) or a partition's output does not have exactly one
    record per input record, the task fails with gazette's exit status and the end of its standard error; Spark
    retries it (spark.task.maxFailures), then the job fails, nothing is reported as done, and the exit status is 2.

As a library (`spark-submit --py-files Integrations/spark/annotate.py your_job.py`):
  annotate_lines(rdd_of_json_strings, ...)  -> RDD of output JSON strings
  annotate_dataframe(dataframe, ...)        -> DataFrame: the input columns plus Gazette's, typed
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import shlex
import sys
import tarfile
import tempfile
import time
import zipfile
from typing import Iterable, Iterator, Optional

from pyspark import AccumulatorParam, SparkConf, SparkContext, SparkFiles

DEFAULT_DIST = "gazette-linux-x86_64.tar.gz"
# Gazette's own error object: the filter drops an input field named "error", so a top-level match is a failure.
ERROR_MARKER = '"error":{"code":"GZ'
SAMPLE_LIMIT = 5


class GazetteFailed(RuntimeError):
    """The gazette process of one partition failed or lost records; the task (and, after retries, the job) fails."""


class FailureReport(AccumulatorParam):
    """Counts failed records by error code and keeps the first few messages (merged from tasks on the driver)."""

    def zero(self, value):
        return {"codes": {}, "samples": []}

    def addInPlace(self, left, right):
        for code, count in right["codes"].items():
            left["codes"][code] = left["codes"].get(code, 0) + count
        left["samples"] = (left["samples"] + right["samples"])[:SAMPLE_LIMIT]
        return left


# MARK: Finding gazette on a worker

def _unpacked_binary(dist: str) -> str:
    """The gazette binary from the shipped distribution, unpacked once per executor.

    `--files` ships the tarball as it is; `--archives NAME#alias` ships it unpacked. Either way SparkFiles.get finds
    it. Unpacking happens under a file lock into a folder named by the tarball's size and time, then a rename, so
    concurrent tasks of one executor unpack once and never see half a folder.
    """
    shipped = SparkFiles.get(dist)
    if not os.path.exists(shipped) and os.path.exists(dist):
        shipped = os.path.abspath(dist)  # YARN puts --files/--archives in the container's working folder
    if os.path.isdir(shipped):
        binary = os.path.join(shipped, "gazette", "bin", "gazette")
        if os.access(binary, os.X_OK):
            return binary
        raise GazetteFailed(f"{shipped} has no gazette/bin/gazette; ship the tarball made by Scripts/dist.sh")
    if not os.path.isfile(shipped):
        raise GazetteFailed(f"{dist} was not shipped with the job; pass --files /path/to/{dist} to spark-submit "
                            f"(or --gazette with a binary installed on every worker)")
    status = os.stat(shipped)
    folder = os.path.join(os.path.dirname(shipped), f".gazette-{status.st_size}-{int(status.st_mtime)}")
    binary = os.path.join(folder, "gazette", "bin", "gazette")
    if os.access(binary, os.X_OK):
        return binary
    with open(folder + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.access(binary, os.X_OK):
            partial = f"{folder}.partial-{os.getpid()}"
            with tarfile.open(shipped) as archive:
                if hasattr(tarfile, "data_filter"):
                    archive.extractall(partial, filter="data")
                else:  # Python before 3.12 without the backport: the tarball is our own
                    archive.extractall(partial)
            os.rename(partial, folder)
    return binary


def _environment(binary: str) -> dict:
    env = dict(os.environ)
    # The compiled gazetteers are cached beside the unpacked tarball, so each executor compiles them once rather
    # than once per partition; HOME may be missing or read-only on workers.
    if "GAZETTE_CACHE_DIR" not in env:
        cache = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(binary))), "cache")
        if os.access(os.path.dirname(cache), os.W_OK):
            env["GAZETTE_CACHE_DIR"] = cache
    return env


# MARK: The pipe

def _is_blank(line: str) -> bool:
    # The filter skips lines of only spaces and tabs; skipping them here keeps one output line per line sent.
    return line.strip(" \t") == ""


def _client():
    """The gazette Python client (Integrations/python): installed (`pip install Integrations/python`), or found
    beside this file in a checkout."""
    try:
        import gazette as client
    except ImportError:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
        import gazette as client
    return client


def _ship_client(sc: SparkContext):
    """Makes the client importable on the executors: its package, zipped, added to the job once."""
    package = os.path.dirname(os.path.abspath(_client().__file__))
    shipped = getattr(sc, "_gazette_client_zip", None)
    if shipped:
        return
    folder = tempfile.mkdtemp(prefix="gazette-client-")
    archive = os.path.join(folder, "gazette_client.zip")
    with zipfile.ZipFile(archive, "w") as out:
        for name in sorted(os.listdir(package)):
            if name.endswith(".py"):
                out.write(os.path.join(package, name), os.path.join("gazette", name))
    sc.addPyFile(archive)
    sc._gazette_client_zip = archive


def pipe_through_gazette(index: int, records: Iterable[str], command: list, dist: Optional[str], accumulators):
    """Streams one partition through one gazette process and yields its output lines, in order.

    What `RDD.pipe(command, checkCode=True)` does, plus what it cannot: the binary's path is only known on the
    executor (it unpacks the tarball), standard error is kept for the failure message, exit status 1 (some records
    carry an "error" object) is accepted because those records are in the output, and the number of output lines
    must equal the number of records sent, so a record can neither vanish nor be doubled. The streaming itself is
    the Python client's `GazetteProcess` (Integrations/python).
    """
    from gazette import GazetteProcess, GazetteProcessError

    records_in, records_out, failures = accumulators
    if dist is not None:
        binary = _unpacked_binary(dist)
        command = [binary] + command[1:]
        env = _environment(binary)
    else:
        env = dict(os.environ)
    try:
        process = GazetteProcess(command, env=env)
    except GazetteProcessError as error:
        raise GazetteFailed(f"partition {index}: {error}") from error

    received = 0
    codes: dict = {}
    samples: list = []
    try:
        for line in process.lines(records, last=True):
            received += 1
            if ERROR_MARKER in line:
                error = json.loads(line).get("error")
                if isinstance(error, dict):
                    code = error.get("code", "?")
                    codes[code] = codes.get(code, 0) + 1
                    if len(samples) < SAMPLE_LIMIT:
                        samples.append(f"partition {index}, record {received}: {code} {error.get('message', '')}")
            yield line
        process.close()
    except GazetteProcessError as error:
        raise GazetteFailed(f"partition {index}: {error}") from error
    records_in.add(process.sent)
    records_out.add(process.received)
    failures.add({"codes": codes, "samples": samples})


def gazette_command(text_field: str = "text", offsets: str = "codepoint", extra: Iterable[str] = (),
                    binary: str = "gazette") -> list:
    return _client().command_line(binary, text_field=text_field, offsets=offsets, extra_args=extra)


def annotate_lines(lines, *, dist: Optional[str] = DEFAULT_DIST, gazette: Optional[str] = None,
                   text_field: str = "text", offsets: str = "codepoint", extra_args: Iterable[str] = (),
                   accumulators=None):
    """Annotates an RDD of JSON Lines strings; returns the RDD of output records, partition for partition.

    `dist` names the tarball shipped with `--files` (or `--archives`); `gazette` is instead the path of a binary
    installed on every worker. `accumulators` is (records in, records out, failure report), see `new_accumulators`.
    """
    sc = lines.context
    _ship_client(sc)
    if accumulators is None:
        accumulators = new_accumulators(sc)
    command = gazette_command(text_field, offsets, list(extra_args), gazette or "gazette")
    shipped = None if gazette else dist
    return lines.mapPartitionsWithIndex(
        lambda index, records: pipe_through_gazette(index, records, command, shipped, accumulators),
        preservesPartitioning=True)


def new_accumulators(sc: SparkContext):
    return sc.accumulator(0), sc.accumulator(0), sc.accumulator({"codes": {}, "samples": []}, FailureReport())


# MARK: DataFrames

def gazette_schema():
    """The typed fields Gazette adds to a record (gazette.doc/1)."""
    from pyspark.sql.types import (ArrayType, DoubleType, LongType, StringType, StructField, StructType)
    code_message = StructType([StructField("code", StringType()), StructField("message", StringType())])
    entity = StructType([StructField(name, kind) for name, kind in [
        ("start", LongType()), ("end", LongType()), ("text", StringType()), ("label", StringType()),
        ("id", StringType()), ("name", StringType()), ("score", DoubleType()), ("source", StringType()),
        ("sentence", LongType())]])
    topic = StructType([StructField("label", StringType()), StructField("score", DoubleType())])
    return StructType([
        StructField("schema", StringType()), StructField("offsets", StringType()),
        StructField("sentences", ArrayType(ArrayType(LongType()))), StructField("entities", ArrayType(entity)),
        StructField("topics", ArrayType(topic)), StructField("topic_model", StringType()),
        StructField("gazette", StringType()), StructField("warnings", ArrayType(code_message)),
        StructField("error", code_message)])


def annotate_dataframe(frame, text_column: str = "text", **options):
    """The rows of `frame` with Gazette's fields added (entities, topics, sentences, error, ...), row order kept.

    Rows go to gazette as JSON (`DataFrame.toJSON`), which keeps every column; the output is read back with the
    input's schema plus `gazette_schema()`, so nothing is inferred and columns keep their types.
    """
    from pyspark.sql.functions import col, from_json
    from pyspark.sql.types import StructType
    added = gazette_schema()
    kept = [field for field in frame.schema.fields if field.name not in set(added.fieldNames())]
    schema = StructType(kept + added.fields)
    output = annotate_lines(frame.toJSON(), text_field=text_column, **options)
    spark = frame.sparkSession
    return (spark.createDataFrame(output.map(lambda line: (line,)), "record string")
            .select(from_json(col("record"), schema).alias("record")).select("record.*"))


# MARK: Command line

def _read_input(sc: SparkContext, paths: str, input_format: str, text_field: str, min_partitions: Optional[int]):
    if input_format == "jsonl":
        return sc.textFile(paths, minPartitions=min_partitions)
    if input_format == "lines":
        numbered = sc.textFile(paths, minPartitions=min_partitions).zipWithIndex()
        return numbered.filter(lambda pair: not _is_blank(pair[0])).map(
            lambda pair: json.dumps({"id": str(pair[1] + 1), text_field: pair[0]}, ensure_ascii=False))
    return sc.wholeTextFiles(paths, minPartitions=min_partitions).map(
        lambda pair: json.dumps({"id": pair[0], text_field: pair[1]}, ensure_ascii=False))


def _remove_output(sc: SparkContext, output: str):
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(output)
    path.getFileSystem(sc._jsc.hadoopConfiguration()).delete(path, True)


def _ship(sc: SparkContext, dist: str) -> str:
    """Adds the tarball to the job when it is a local file not shipped yet; returns the name workers look for."""
    name = os.path.basename(dist)
    shipped = (sc.getConf().get("spark.files", "") + "," + sc.getConf().get("spark.archives", "")).split(",")
    if not any(os.path.basename(entry.split("#")[0]) == name or entry.endswith("#" + name) for entry in shipped if entry):
        if not os.path.isfile(dist):
            raise SystemExit(f"annotate: {dist} is neither shipped with --files nor a local file")
        sc.addFile(os.path.abspath(dist))
    return name


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Annotate news text with Gazette on Spark; writes JSON Lines.")
    parser.add_argument("input", help="input path(s) Spark can read: file, folder, glob, comma-separated list")
    parser.add_argument("output", help="output folder (must not exist unless --overwrite)")
    parser.add_argument("--input-format", choices=["jsonl", "lines", "files"], default="jsonl")
    parser.add_argument("--text-field", default="text", help="the JSON field holding the text (default: text)")
    parser.add_argument("--offsets", choices=["codepoint", "utf16", "utf8"], default="codepoint")
    parser.add_argument("--compress", action="store_true", help="write gzip-compressed parts")
    parser.add_argument("--overwrite", action="store_true", help="replace the output folder if it exists")
    parser.add_argument("--min-partitions", type=int, help="split splittable input into at least this many partitions")
    parser.add_argument("--dist", default=DEFAULT_DIST,
                        help=f"the Scripts/dist.sh tarball: its name as shipped with --files, or a local path to ship "
                             f"(default {DEFAULT_DIST})")
    parser.add_argument("--gazette", help="path of a gazette binary installed on every worker (instead of --dist)")
    parser.add_argument("--gazette-args", default="", help="extra arguments for gazette, e.g. '--gazetteer extra.tsv'")
    parser.add_argument("--master", help="Spark master when run without spark-submit (e.g. local[2])")
    parser.add_argument("--log-level", default="WARN", help="Spark's log level unless spark.log.level is set (default WARN)")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("gazette-annotate")
    # Spark's INFO lines would bury the summary; a level given to spark-submit (--conf spark.log.level=...) wins.
    if not SparkConf().contains("spark.log.level"):
        builder = builder.config("spark.log.level", args.log_level)
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    dist = None if args.gazette else _ship(sc, args.dist)
    accumulators = new_accumulators(sc)
    started = time.monotonic()  # after the session is up: what is timed is the job, not the JVM's start
    records = _read_input(sc, args.input, args.input_format, args.text_field, args.min_partitions)
    output = annotate_lines(records, dist=dist, gazette=args.gazette, text_field=args.text_field,
                            offsets=args.offsets, extra_args=shlex.split(args.gazette_args), accumulators=accumulators)
    if args.overwrite:
        _remove_output(sc, args.output)
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
    try:
        output.saveAsTextFile(args.output, compressionCodecClass=codec)
    except Exception as error:  # Py4JJavaError carries the executor's traceback, ours among it
        text = str(error)
        reasons = [match.group(1) for match in re.finditer(r"^\s*(?:[\w.]+\.)?GazetteFailed: (.*)$", text, re.MULTILINE)]
        print(f"annotate: the job failed; {args.output} is incomplete: "
              + (reasons[0] if reasons else text.splitlines()[0] if text else repr(error)), file=sys.stderr)
        spark.stop()
        return 2
    records_in, records_out, failures = (accumulator.value for accumulator in accumulators)
    failed = sum(failures["codes"].values())
    seconds = time.monotonic() - started
    summary = f"annotate: {records_in} records in, {records_out} written to {args.output}, {failed} failed"
    if failed:
        summary += " (" + ", ".join(f"{code} x{count}" for code, count in sorted(failures["codes"].items())) + \
                   "; they are in the output with an \"error\" object)"
    rate = records_in / max(seconds, 1e-9)
    summary += f"; {seconds:.1f} s, {rate:.0f} records/s" if rate >= 10 else f"; {seconds:.1f} s, {rate:.2f} records/s"
    summary += "".join(f"\n  {sample}" for sample in failures["samples"])
    print(summary, file=sys.stderr)
    spark.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
