"""Throughput of `veille ingest` against bare spaCy on the same texts.

For each worker count, in fresh subprocesses (so peak memory is not mixed up):
  - bare:   load the same spaCy pipeline veille uses, then `nlp.pipe(texts, n_process=W)`
  - veille: `veille.ingest.run.ingest` of the same documents into a new DuckDB file
            (reading, language data, spaCy, event coding, storage), W worker processes
Both include loading the model(s); the bare line also shows docs/s of `nlp.pipe` alone.
Peak RSS is `resource.getrusage` max RSS of the measuring process and of its largest child.

    python bench/throughput.py --limit 300 --workers 1 2
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUNDLED = HERE.parent / "src" / "veille" / "data" / "corpus" / "wikinews-fr-2016-2018.jsonl.gz"
SHARED = HERE.parent.parent / "shared" / "data" / "corpus" / "wikinews-fr-2016-2018.jsonl"


def default_corpus() -> Path:
    return BUNDLED if BUNDLED.exists() else SHARED


def write_sample(corpus: Path, limit: int, out: Path) -> int:
    opener = gzip.open if corpus.suffix == ".gz" else open
    n = 0
    with opener(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            dst.write(line if line.endswith("\n") else line + "\n")
            n += 1
            if n >= limit:
                break
    return n


def rss_mib() -> tuple[float, float]:
    self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kib / 1024, child_kib / 1024


def measure_bare(sample: Path, workers: int, batch_size: int) -> dict:
    from veille.nlp.loading import load_pipeline
    from veille.settings import load_settings
    settings = load_settings()
    texts = [json.loads(line)["text"] for line in sample.open(encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    nlp = load_pipeline(settings.model_for("fr"), "fr")
    t1 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
    t2 = time.perf_counter()
    return {"docs": n, "load_s": t1 - t0, "pipe_s": t2 - t1, "total_s": t2 - t0}


def measure_veille(sample: Path, workers: int, batch_size: int) -> dict:
    import dataclasses

    from veille.ingest.run import ingest
    from veille.settings import load_settings
    settings = load_settings()
    settings = dataclasses.replace(settings, ingest=dataclasses.replace(settings.ingest, batch_size=batch_size))
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = ingest([str(sample)], str(Path(tmp) / "bench.duckdb"), settings, workers=workers)
        t1 = time.perf_counter()
    return {"docs": report.documents + report.duplicates + len(report.rejects), "stored": report.documents,
            "events": report.events, "rejected": len(report.rejects), "total_s": t1 - t0}


def run_one(kind: str, sample: Path, workers: int, batch_size: int) -> dict:
    out = (measure_bare if kind == "bare" else measure_veille)(sample, workers, batch_size)
    out["rss_self_mib"], out["rss_child_mib"] = rss_mib()
    return out


def child(kind: str, sample: Path, workers: int, batch_size: int) -> dict:
    cmd = [sys.executable, __file__, "--one", kind, "--sample", str(sample), "--workers", str(workers),
           "--batch-size", str(batch_size)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None, help="JSONL or JSONL.GZ corpus (default: the bundled one)")
    ap.add_argument("--limit", type=int, default=300, help="documents to use (default 300)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--one", choices=["bare", "veille"], help=argparse.SUPPRESS)
    ap.add_argument("--sample", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.sample, args.workers[0], args.batch_size)))
        return 0
    corpus = args.corpus or default_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        n = write_sample(corpus, args.limit, sample)
        chars = sum(len(json.loads(line)["text"]) for line in sample.open(encoding="utf-8"))
        print(f"corpus: {corpus} ({n} documents, {chars / n:.0f} characters on average); "
              f"batch size {args.batch_size}; CPUs: {os.cpu_count()}")
        print(f"{'workers':>7}  {'bare docs/s':>11}  {'(pipe only)':>11}  {'veille docs/s':>13}  {'ratio':>5}  "
              f"{'bare RSS MiB':>12}  {'veille RSS MiB':>14}  events")
        for w in args.workers:
            bare = child("bare", sample, w, args.batch_size)
            veille = child("veille", sample, w, args.batch_size)
            bare_rate = bare["docs"] / bare["total_s"]
            pipe_rate = bare["docs"] / bare["pipe_s"]
            veille_rate = veille["docs"] / veille["total_s"]
            bare_rss = max(bare["rss_self_mib"], bare["rss_child_mib"])
            veille_rss = max(veille["rss_self_mib"], veille["rss_child_mib"])
            print(f"{w:>7}  {bare_rate:>11.1f}  {pipe_rate:>11.1f}  {veille_rate:>13.1f}  {veille_rate / bare_rate:>5.2f}  "
                  f"{bare_rss:>12.0f}  {veille_rss:>14.0f}  {veille['events']}"
                  f"  (self/child RSS bare {bare['rss_self_mib']:.0f}/{bare['rss_child_mib']:.0f}, "
                  f"veille {veille['rss_self_mib']:.0f}/{veille['rss_child_mib']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
