"""Throughput of `veille ingest --engine dask` (LocalCluster of 1 and 2 workers) against
the local engine, on the first --limit documents of the Wikinews corpus, from one run.

Each configuration runs in a fresh subprocess into a new DuckDB file, with the same
veille as this script (to measure a fixed commit while a work tree changes, run it with
PYTHONPATH=<an exported copy>/src). Two figures per configuration:

- "with start-up": wall clock of the whole ingest call, cluster start, pipeline loading
  (on each worker, or in the process for the local engine), extraction, load transaction,
  stories and snapshot, and for Dask the cluster's shutdown;
- "after start-up": the same minus the start-up (local: building the extractor and its
  spaCy pipeline; Dask: starting the cluster and loading the pipeline on every worker),
  the rate a long-running cluster would reach.

Speed-up is against the local engine (one process) measured the same way; parallel
efficiency = speed-up / workers. "docs/s/worker (tasks)" is documents / summed shard
task time, the rate one worker sustains (to size a cluster); "docs/CPU-s" is documents /
summed CPU time of the worker processes during those tasks, what one dedicated core
sustains (little affected by other jobs). "other CPUs" is how many
CPUs other processes kept busy on average during that configuration (busy CPU time of
the whole machine from /proc/stat minus the CPU time of the measured process tree): the
machine is called idle only when it stays under 0.25 in every configuration. With
--repeat N the configurations run N times in turn and the median of each is printed.

    python bench/scale_dask.py --limit 1159 --workers 1 2 --repeat 2
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from throughput import default_corpus, write_sample  # noqa: E402

IDLE_OTHER_CPUS = 0.25  # average CPUs used by other processes below which a run counts as on an idle machine


def run_one(engine: str, workers: int, sample: Path, db: Path, shard_size: int | None) -> dict:
    import logging
    logging.basicConfig(level=logging.WARNING)
    from veille.ingest.run import ingest
    from veille.settings import load_settings
    settings = load_settings()
    t0 = time.perf_counter()
    if engine == "local":
        from veille.pipeline import Extractor
        extractor = Extractor(settings)
        extractor.coder("fr")  # the start-up of the local engine: the pipeline, loaded once
        startup = time.perf_counter() - t0
        rep = ingest([str(sample)], str(db), settings, workers=1, make_extractor=lambda _s: extractor)
        per_worker = rss = per_cpu = None
        phases = {"startup": round(startup, 2)}
    else:
        from veille.scale import dask_ingest
        rep = dask_ingest([str(sample)], str(db), settings, workers=workers, shard_size=shard_size)
        per_worker, rss, phases = rep.docs_per_worker_second, rep.worker_rss_mib, rep.phases
        per_cpu = rep.docs_per_worker_cpu_second
        startup = phases.get("startup", 0.0)
    wall = time.perf_counter() - t0  # for Dask, the cluster's shutdown included
    handled = rep.documents + rep.duplicates + len(rep.rejects)
    return {"engine": engine, "workers": workers, "wall": wall, "startup": startup, "handled": handled,
            "documents": rep.documents, "events": rep.events, "stories": rep.stories, "rejects": len(rep.rejects),
            "per_worker": per_worker, "per_cpu": per_cpu, "worker_rss_mib": rss, "shards": getattr(rep, "shards", None),
            "failed_shards": len(getattr(rep, "failed", [])), "phases": phases}


def busy_cpu_seconds() -> float:
    """CPU seconds all processes of the machine have used since boot (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure(engine: str, workers: int, sample: Path, db: Path, shard_size: int | None) -> dict:
    cmd = [sys.executable, __file__, "--one", engine, str(workers), str(sample), str(db)]
    if shard_size:
        cmd += ["--shard-size", str(shard_size)]
    busy, ours, t0 = busy_cpu_seconds(), children_cpu_seconds(), time.monotonic()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    seconds = time.monotonic() - t0
    row = json.loads(out.strip().splitlines()[-1])
    row["own_cpu"] = children_cpu_seconds() - ours
    row["other_cpus"] = max(0.0, (busy_cpu_seconds() - busy - row["own_cpu"]) / seconds)
    return row


def median_row(rows: list[dict]) -> dict:
    """The run with the median wall time, other CPUs averaged over all runs."""
    ordered = sorted(rows, key=lambda r: r["wall"])
    row = dict(ordered[(len(ordered) - 1) // 2])
    row["other_cpus"] = statistics.mean(r["other_cpus"] for r in rows)
    row["runs"] = [round(r["wall"], 1) for r in rows]
    return row


def print_table(rows: list[dict]) -> None:
    base = rows[0]
    base_incl = base["wall"]
    base_excl = base["wall"] - base["startup"]
    print(f"{'engine':6} {'workers':>7} | {'seconds':>7} {'docs/s':>6} {'speed-up':>8} {'effic.':>6} | "
          f"{'start-up':>8} {'seconds':>7} {'docs/s':>6} {'speed-up':>8} {'effic.':>6} | "
          f"{'docs/s/worker':>13} {'docs/CPU-s':>10} {'RSS MiB':>7} {'docs':>5} {'events':>6} {'stories':>7} {'failed':>6} "
          f"{'other CPUs':>10}")
    print(f"{'':14} | {'with start-up':^38} | {'after start-up':^48} | {'(tasks)':>13} {'(tasks)':>10}")
    for r in rows:
        excl = r["wall"] - r["startup"]
        s_in, s_ex = base_incl / r["wall"], base_excl / excl if excl > 0 else 0.0
        per_worker = f"{r['per_worker']:.2f}" if r["per_worker"] else "-"
        per_cpu = f"{r['per_cpu']:.2f}" if r["per_cpu"] else "-"
        rss = f"{r['worker_rss_mib']:.0f}" if r["worker_rss_mib"] else "-"
        print(f"{r['engine']:6} {r['workers']:>7} | {r['wall']:>7.1f} {r['handled'] / r['wall']:>6.2f} {s_in:>8.2f} "
              f"{s_in / r['workers']:>6.2f} | {r['startup']:>8.1f} {excl:>7.1f} {r['handled'] / excl:>6.2f} "
              f"{s_ex:>8.2f} {s_ex / r['workers']:>6.2f} | {per_worker:>13} {per_cpu:>10} {rss:>7} {r['documents']:>5} "
              f"{r['events']:>6} {r['stories'] if r['stories'] is not None else '-':>7} {r['failed_shards']:>6} "
              f"{r['other_cpus']:>10.2f}")
    for r in rows:
        extra = f"; wall of each run {r['runs']}" if len(r.get("runs", [])) > 1 else ""
        print(f"  {r['engine']} {r['workers']}: phases (s) {r['phases']}{extra}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Dask cluster sizes to run")
    ap.add_argument("--shard-size", type=int, default=None, help="documents per shard (default: veille's)")
    ap.add_argument("--repeat", type=int, default=1, help="run every configuration N times, print medians")
    ap.add_argument("--one", nargs=4, metavar=("ENGINE", "WORKERS", "SAMPLE", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        engine, workers, sample, db = args.one
        print(json.dumps(run_one(engine, int(workers), Path(sample), Path(db), args.shard_size)))
        return 0
    cpus = os.cpu_count() or 1
    configs = [("local", 1)] + [("dask", w) for w in args.workers]
    with tempfile.TemporaryDirectory(prefix="veille-bench-scale-") as tmp:
        sample = Path(tmp) / "sample.jsonl"
        n = write_sample(args.corpus, args.limit, sample)
        before = os.getloadavg()
        print(f"$ {' '.join([Path(sys.executable).name, *sys.argv])}")
        print(f"corpus: {args.corpus} ({n} documents); CPUs: {cpus}; load average before "
              f"{before[0]:.2f} {before[1]:.2f} {before[2]:.2f}")
        runs: dict[tuple[str, int], list[dict]] = {c: [] for c in configs}
        for i in range(max(1, args.repeat)):
            for engine, workers in configs:
                db = Path(tmp) / f"{engine}-{workers}-{i}.duckdb"
                runs[(engine, workers)].append(measure(engine, workers, sample, db, args.shard_size))
        rows = [median_row(runs[c]) for c in configs]
        print_table(rows)
        after = os.getloadavg()
        busiest = max(r["other_cpus"] for rs in runs.values() for r in rs)
        verdict = ("machine idle apart from this benchmark" if busiest < IDLE_OTHER_CPUS else
                   f"machine NOT idle: other processes kept up to {busiest:.2f} of the {cpus} CPUs busy during a "
                   "run; treat speed-ups and efficiencies as rough")
        same = (len({r["documents"] for rs in runs.values() for r in rs}) == 1
                and len({r["events"] for rs in runs.values() for r in rs}) == 1
                and len({r["stories"] for rs in runs.values() for r in rs}) == 1)
        print(f"load average after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}; {verdict}")
        print(f"same documents, events and stories in every run: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
