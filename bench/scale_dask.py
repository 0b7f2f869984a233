"""Throughput of `veille ingest --engine dask` (LocalCluster of 1 and 2 workers) against
the local engine, on the first --limit documents of the Wikinews corpus.

Each configuration runs in a fresh subprocess into a new DuckDB file (with the same
veille as this script: to measure a fixed commit while a work tree changes, run it with
PYTHONPATH=<an exported copy>/src); times are wall
clock from the start of the ingest call to the end of its database commit, so they
include starting the cluster and loading the pipeline on each worker. The last column
is the extraction rate of one worker with start-up excluded (documents / summed task
time), the figure to size a cluster with. Speed-up is against the local engine (one
process); parallel efficiency = speed-up / workers. The load average before and after
says whether the machine was otherwise idle.

    python bench/scale_dask.py --limit 200 --workers 1 2
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from throughput import default_corpus, write_sample  # noqa: E402


def run_one(engine: str, workers: int, sample: Path, db: Path, shard_size: int | None) -> dict:
    import logging
    logging.basicConfig(level=logging.WARNING)
    from veille.ingest.run import ingest
    from veille.settings import load_settings
    settings = load_settings()
    if engine == "local":
        rep = ingest([str(sample)], str(db), settings, workers=workers)
        per_worker = rss = None
    else:
        from veille.scale import dask_ingest
        rep = dask_ingest([str(sample)], str(db), settings, workers=workers, shard_size=shard_size)
        per_worker = rep.docs_per_worker_second
        rss = rep.worker_rss_mib
    return {"engine": engine, "workers": workers, "seconds": rep.elapsed, "documents": rep.documents,
            "events": rep.events, "rejects": len(rep.rejects), "docs_per_s": rep.docs_per_second,
            "per_worker": per_worker, "worker_rss_mib": rss, "shards": getattr(rep, "shards", None),
            "failed_shards": len(getattr(rep, "failed", []))}


def load_note(before: tuple[float, float, float], cpus: int) -> str:
    idle = before[0] < 0.5
    return (f"load average before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f} on {cpus} CPUs: "
            + ("machine otherwise idle" if idle else "machine NOT idle (other jobs running): treat figures as rough"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Dask cluster sizes to run")
    ap.add_argument("--shard-size", type=int, default=None)
    ap.add_argument("--one", nargs=4, metavar=("ENGINE", "WORKERS", "SAMPLE", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        engine, workers, sample, db = args.one
        print(json.dumps(run_one(engine, int(workers), Path(sample), Path(db), args.shard_size)))
        return 0
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="veille-bench-scale-") as tmp:
        sample = Path(tmp) / "sample.jsonl"
        n = write_sample(args.corpus, args.limit, sample)
        before = os.getloadavg()
        print(f"corpus: {args.corpus} ({n} documents); CPUs: {cpus}; {load_note(before, cpus)}")
        rows = []
        for engine, workers in [("local", 1)] + [("dask", w) for w in args.workers]:
            db = Path(tmp) / f"{engine}-{workers}.duckdb"
            cmd = [sys.executable, __file__, "--one", engine, str(workers), str(sample), str(db)]
            if args.shard_size:
                cmd += ["--shard-size", str(args.shard_size)]
            load = os.getloadavg()[0]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            row = json.loads(out.strip().splitlines()[-1])
            row["load"] = load
            rows.append(row)
        base = rows[0]["seconds"]
        print(f"{'engine':6} {'workers':>7} {'seconds':>8} {'docs/s':>7} {'speed-up':>8} {'efficiency':>10} "
              f"{'docs/s/worker excl. start-up':>28} {'worker RSS MiB':>14} {'docs':>5} {'rejected':>8} {'events':>6} {'failed shards':>13} "
              f"{'load@start':>10}")
        for r in rows:
            speedup = base / r["seconds"] if r["seconds"] else 0.0
            per_worker = f"{r['per_worker']:.1f}" if r["per_worker"] else "-"
            rss = f"{r['worker_rss_mib']:.0f}" if r["worker_rss_mib"] else "-"
            print(f"{r['engine']:6} {r['workers']:>7} {r['seconds']:>8.1f} {r['docs_per_s']:>7.2f} {speedup:>8.2f} "
                  f"{speedup / r['workers']:>10.2f} {per_worker:>28} {rss:>14} {r['documents']:>5} {r['rejects']:>8} {r['events']:>6} "
                  f"{r['failed_shards']:>13} {r['load']:>10.2f}")
        after = os.getloadavg()
        print(f"load average after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}; "
              f"same documents in every run: {len({r['documents'] for r in rows}) == 1}, "
              f"same event count: {len({r['events'] for r in rows}) == 1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
