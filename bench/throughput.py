"""Throughput of `veille ingest` against bare spaCy on the same texts.

For each worker count W, in fresh subprocesses (so memory and CPU are not mixed up):
  - bare:   load the same spaCy pipeline veille uses (same enabled components), then
            `nlp.pipe(texts, n_process=W)` over the same texts: W parsing processes too
  - veille: `veille.ingest.run.ingest` of the same documents into a new DuckDB file
            (reading, dedup, spaCy, event coding, storage, stories), W worker processes
Both include loading the model(s); the bare line also shows docs/s of `nlp.pipe` alone.

Columns: docs/s by wall clock and their ratio (the target: >= 0.8 with two workers);
CPU seconds (user + system, the process and all its children), which a busy machine
disturbs much less than wall time, and their ratio; peak memory of the whole process
tree (the measuring process and every descendant, sampled every 0.2 s): PSS (shared
pages split between the processes that map them: what the run really holds; the target
is <= 1.5 GB with two workers) and RSS summed (counts shared pages once per process).
With `--repeat N` bare and veille alternate N times and the best run of each is shown.

    python bench/throughput.py --limit 1160 --workers 1 2
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
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


# -- memory of a process tree ---------------------------------------------------------
def _tree(root: int) -> list[int]:
    """`root` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, i = [root], 0
    while i < len(out):
        out.extend(children.get(out[i], ()))
        i += 1
    return out


def _rss_pss_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
    except OSError:  # gone meanwhile
        pass
    return rss, pss


class TreeMemory:
    """Samples the summed RSS and PSS of this process and its descendants in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total_rss = total_pss = 0
            for pid in _tree(me):
                rss, pss = _rss_pss_kib(pid)
                total_rss += rss
                total_pss += pss
            self.peak_rss = max(self.peak_rss, total_rss)
            self.peak_pss = max(self.peak_pss, total_pss)
            self._stop.wait(self.every)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


# -- the two measurements ---------------------------------------------------------------
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
            "events": report.events, "rejected": len(report.rejects), "stories": report.stories, "total_s": t1 - t0}


def run_one(kind: str, sample: Path, workers: int, batch_size: int) -> dict:
    cpu0 = _cpu()
    with TreeMemory() as mem:
        out = (measure_bare if kind == "bare" else measure_veille)(sample, workers, batch_size)
    out["cpu_s"] = _cpu() - cpu0
    out["pss_mib"], out["rss_mib"] = mem.peak_pss / 1024, mem.peak_rss / 1024
    return out


def child(kind: str, sample: Path, workers: int, batch_size: int) -> dict:
    cmd = [sys.executable, __file__, "--one", kind, "--sample", str(sample), "--workers", str(workers),
           "--batch-size", str(batch_size)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None, help="JSONL or JSONL.GZ corpus (default: the bundled one)")
    ap.add_argument("--limit", type=int, default=300, help="documents to use (default 300)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=1, help="alternate bare and veille N times, keep the best of each")
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
              f"batch size {args.batch_size}; CPUs: {os.cpu_count()}; load average at start {_load()}")
        print(f"{'workers':>7}  {'bare docs/s':>11}  {'(pipe only)':>11}  {'veille docs/s':>13}  {'ratio':>5}  "
              f"{'CPU s bare':>10}  {'veille':>6}  {'ratio':>5}  {'PSS MiB bare':>12}  {'veille':>6}  "
              f"{'RSS MiB bare':>12}  {'veille':>6}  events")
        for w in args.workers:
            bares, veilles = [], []
            for _ in range(max(1, args.repeat)):
                bares.append(child("bare", sample, w, args.batch_size))
                veilles.append(child("veille", sample, w, args.batch_size))
            if args.repeat > 1:
                runs = ", ".join(f"{b['docs'] / b['total_s']:.1f}/{v['docs'] / v['total_s']:.1f}"
                                 for b, v in zip(bares, veilles))
                print(f"{'':>7}  runs (bare/veille docs/s): {runs}")
            bare = min(bares, key=lambda r: r["total_s"])
            veille = min(veilles, key=lambda r: r["total_s"])
            bare_rate = bare["docs"] / bare["total_s"]
            pipe_rate = bare["docs"] / bare["pipe_s"]
            veille_rate = veille["docs"] / veille["total_s"]
            print(f"{w:>7}  {bare_rate:>11.1f}  {pipe_rate:>11.1f}  {veille_rate:>13.1f}  {veille_rate / bare_rate:>5.2f}  "
                  f"{bare['cpu_s']:>10.1f}  {veille['cpu_s']:>6.1f}  {bare['cpu_s'] / veille['cpu_s']:>5.2f}  "
                  f"{bare['pss_mib']:>12.0f}  {veille['pss_mib']:>6.0f}  {bare['rss_mib']:>12.0f}  "
                  f"{veille['rss_mib']:>6.0f}  {veille['events']}")
        print(f"load average at end {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
