"""`dask_ingest()`: `veille ingest --engine dask`.

The driver (this process) reads the inputs, drops what the database already has (the
same dedup as the local engine, so documents get the same ids and events the same ids),
cuts the rest into shard files in a work directory and submits one task per shard as
soon as it is written. Each worker extracts a shard with the extractor its plugin built
once, and writes Parquet files. When every task has finished, the driver loads all the
outputs into the database in one transaction. A task that raised is retried (`retries`),
a lost worker's task is rescheduled by Dask; a shard that still fails is reported (E701,
also recorded in the rejects table) and its documents stay out of the database, so the
same command run again retries exactly them.
"""
from __future__ import annotations

import logging
import math
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ..errors import DocumentRejected, E, VeilleError
from ..ingest.run import (IngestProgress, IngestReport, ProgressCallback, _check_paths, _Dedup, _default_extractor,
                          begin_run, end_run)
from ..ingest.readers import count_documents, read_paths
from ..records import Document
from ..settings import Settings
from ..store import Store
from ..store.dialect import is_server_url, redact
from .cluster import dask_client, require_dask, worker_threads
from .load import load_outputs, read_rejects
from .shards import Shard, fingerprint, make_shards, output_dir

log = logging.getLogger(__name__)

MAX_SHARD_DOCS = 1000
MIN_SHARD_DOCS = 16
GUIDED_FACTOR = 2  # each shard holds at most 1/(GUIDED_FACTOR x threads) of the documents not yet cut
DEFAULT_RETRIES = 2


@dataclass
class DaskIngestReport(IngestReport):
    """`IngestReport` plus what the distributed run did."""
    shards: int = 0
    reused: int = 0  # shard outputs found complete in the work directory (not recomputed)
    failed: list[VeilleError] = field(default_factory=list)  # E701, one per shard that failed
    work_dir: str = ""
    shard_size: int = 0
    worker_seconds: float = 0.0  # summed extraction time of the shard tasks on the workers
    worker_rss_mib: float = 0.0  # largest resident memory a worker reported after a shard
    worker_cpu_seconds: float = 0.0  # summed CPU time of the worker processes during the shard tasks
    # wall-clock seconds of each phase: "startup" (cluster started or reached, pipelines
    # loaded on the workers), "extraction" (until the last shard is done), "load" (the
    # Parquet load transaction), "finish" (stories rebuilt, run closed, snapshot published)
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def docs_per_worker_second(self) -> float:
        """Extraction rate of one worker, start-up and loading excluded (for sizing a cluster)."""
        done = self.documents + len(self.rejects)
        return done / self.worker_seconds if self.worker_seconds > 0 else 0.0

    @property
    def docs_per_worker_cpu_second(self) -> float:
        """Documents per CPU second of a worker: what one dedicated core would sustain,
        nearly independent of other jobs on a shared machine."""
        done = self.documents + len(self.rejects)
        return done / self.worker_cpu_seconds if self.worker_cpu_seconds > 0 else 0.0

    @property
    def docs_per_second_after_startup(self) -> float:
        """`docs_per_second` with the cluster start and the pipeline loading left out."""
        handled = self.documents + self.duplicates + len(self.rejects)
        running = self.elapsed - self.phases.get("startup", 0.0)
        return handled / running if running > 0 else 0.0


def default_shard_size(total: int | None, threads: int) -> int:
    """Documents in the next shard when `total` documents remain to be cut for `threads`
    worker threads: a 1/(GUIDED_FACTOR x threads) share of them, between MIN_SHARD_DOCS
    and MAX_SHARD_DOCS (large partitions: the per-task overhead stays small next to the NLP)."""
    if not total:
        return MAX_SHARD_DOCS
    return min(MAX_SHARD_DOCS, max(MIN_SHARD_DOCS, math.ceil(total / (GUIDED_FACTOR * max(1, threads)))))


def shard_sizes(total: int | None, threads: int) -> Callable[[int], int]:
    """Shrinking shards ("guided" scheduling): large first, small last, so that the
    workers finish together: with equal shards one worker can idle for most of a shard's
    time at the end of a run (measured in docs/scale.md). Tasks run in submission order,
    so the large shards go first. Returns: documents already cut -> size of the next shard."""
    if not total:
        return lambda _cut: MAX_SHARD_DOCS
    return lambda cut: default_shard_size(max(0, total - cut), threads)


def _work_dir(work_dir: str | None, db_path: str) -> tuple[Path, bool]:
    """(directory, owned): a given directory is kept; a default one, made beside the database, is removed."""
    try:
        if work_dir:
            path = Path(work_dir)
            path.mkdir(parents=True, exist_ok=True)
            return path, False
        parent = Path(db_path).resolve().parent
        return Path(tempfile.mkdtemp(prefix=".veille-dask-", dir=parent)), True
    except OSError as exc:
        raise VeilleError(E.E705, path=work_dir or Path(db_path).parent, reason=exc.strerror or str(exc)) from None


def _failure(shard: Shard, exc: BaseException | None) -> VeilleError:
    reason = f"{type(exc).__name__}: {exc}" if exc is not None else "the task was cancelled"
    return VeilleError(E.E701, shard=shard.shard_id, documents=shard.documents, reason=reason.strip(),
                       where=shard.path)


def dask_ingest(paths: Sequence[str], db_path: str, settings: Settings, date: str | None = None,
                lang: str | None = None, workers: int | None = None, scheduler: str | None = None,
                progress: ProgressCallback | None = None, work_dir: str | None = None,
                shard_size: int | None = None, retries: int = DEFAULT_RETRIES,
                make_extractor=_default_extractor) -> DaskIngestReport:
    """Ingest `paths` into `db_path` on a Dask cluster; see the module doc.

    `scheduler` ('tcp://host:8786') connects to a running cluster, whose workers must see
    `work_dir` at the same path (shared storage); otherwise a LocalCluster of `workers`
    processes (1 thread each) is started and closed. `shard_size` is documents per
    shard (default: shrinking shards, `shard_sizes`). `make_extractor` must be importable on the
    workers (a class or module-level function); it is called once per worker."""
    if is_server_url(str(db_path)):
        raise VeilleError(E.E813, what="--engine dask", url=redact(str(db_path)),
                          reason="its loader reads the workers' Parquet files with DuckDB; use --engine local "
                                 "(several ingests may write one PostgreSQL database at once)")
    require_dask()
    paths = list(paths)
    _check_paths(paths)
    total = None if "-" in paths else count_documents(paths)
    started = time.monotonic()
    report = DaskIngestReport(run_id="", db_path=str(db_path))
    if not scheduler:
        workers = workers or settings.ingest.workers
    with dask_client(scheduler, workers) as client:  # first: an unreachable cluster leaves no database behind
        store = Store.open(db_path)
        work: Path | None = None
        owned = False
        try:
            work, owned = _work_dir(work_dir, db_path)
            job = _Job(paths, settings, date, lang, progress, shard_size, total, retries, make_extractor, started)
            _run(client, store, report, work, job)
        except BaseException:
            if report.run_id:
                try:
                    store.finish_run(report.run_id, "interrupted")
                except Exception:
                    log.debug("could not mark run %s interrupted", report.run_id, exc_info=True)
            raise
        finally:
            store.close()
            if owned and work is not None:
                shutil.rmtree(work, ignore_errors=True)
    log.info("ingest %s on dask: %d documents, %d events, %d duplicates, %d rejected, %d shard(s) failed in %.1fs",
             db_path, report.documents, report.events, report.duplicates, len(report.rejects), len(report.failed),
             report.elapsed)
    return report


@dataclass(frozen=True)
class _Job:
    """What `dask_ingest` was asked to do, passed to `_run` in one piece."""
    paths: list[str]
    settings: Settings
    date: str | None
    lang: str | None
    progress: ProgressCallback | None
    shard_size: int | None
    total: int | None  # estimated number of inputs (None: stdin)
    retries: int
    make_extractor: Callable[[Settings], Any]
    started: float


def _run(client: Any, store: Store, report: DaskIngestReport, work: Path, job: _Job) -> None:
    """Shard, submit, collect, load: the body of `dask_ingest` once the cluster and database are open."""
    paths, settings, date, lang, progress = job.paths, job.settings, job.date, job.lang, job.progress
    shard_size, total, retries, make_extractor, started = (job.shard_size, job.total, job.retries,
                                                            job.make_extractor, job.started)
    from distributed import as_completed

    from .worker import ExtractorPlugin, process_shard
    threads = worker_threads(client)
    report.workers = threads
    size = shard_size or shard_sizes(total, threads)
    report.shard_size = shard_size or default_shard_size(total, threads)  # the largest shard
    report.work_dir = str(work)
    fp = fingerprint(settings, f"{getattr(make_extractor, '__module__', '')}."
                               f"{getattr(make_extractor, '__qualname__', repr(make_extractor))}")
    plugin_name = f"veille-extractor-{fp}"
    report.run_id = begin_run(store, paths, settings)
    dedup = _Dedup(store, chunk=max(1, settings.ingest.commit_every))
    read_rejects_: list[DocumentRejected] = []

    def documents() -> Iterator[Document]:
        read = read_paths(paths, date=date, lang=lang, max_chars=settings.limits.max_doc_chars)  # as the local engine
        for item in dedup.filter(read):
            if isinstance(item, DocumentRejected):
                log.info("rejected: %s", item)
                read_rejects_.append(item)
            else:
                yield item

    futures = {}
    mark = time.monotonic()
    report.phases["startup"] = round(mark - started, 2)  # the cluster; the pipelines are added below
    for shard in make_shards(documents(), size, work, fp):
        if not futures:  # the first shard: load the pipelines on the workers (not when nothing is new)
            try:
                client.register_plugin(ExtractorPlugin(settings, make_extractor, plugin_name), name=plugin_name)
            except Exception as exc:  # raised by a worker's setup
                raise VeilleError(E.E706, reason=f"{type(exc).__name__}: {exc}") from exc
            mark = time.monotonic()
            report.phases["startup"] = round(mark - started, 2)
        fut = client.submit(process_shard, shard, str(output_dir(work, shard.shard_id)), plugin_name,
                            settings.ingest.batch_size, key=f"veille-shard-{shard.shard_id}",
                            retries=retries, pure=False)
        futures[fut] = shard
    report.shards = len(futures)
    log.info("%d documents in %d shards of up to %d on %d worker thread(s); work directory %s",
             sum(s.documents for s in futures.values()), len(futures), report.shard_size, threads, work)
    outputs: list[str] = []
    extracted = events = worker_rejects = failed_docs = 0
    for fut in as_completed(list(futures)):
        shard = futures.pop(fut)
        if fut.status == "finished":
            summary = fut.result()
            outputs.append(summary.output)
            extracted += summary.documents
            events += summary.events
            worker_rejects += summary.rejects
            report.reused += int(summary.reused)
            report.worker_seconds += 0.0 if summary.reused else summary.seconds
            report.worker_cpu_seconds += 0.0 if summary.reused else summary.cpu_seconds
            report.worker_rss_mib = max(report.worker_rss_mib, summary.rss_mib)
        else:
            err = _failure(shard, fut.exception() if fut.status == "error" else None)
            log.warning("%s", err)
            report.failed.append(err)
            failed_docs += shard.documents
        fut.release()
        if progress:
            progress(IngestProgress(
                done=extracted + worker_rejects + failed_docs + dedup.duplicates + len(read_rejects_),
                stored=extracted, duplicates=dedup.duplicates, rejected=worker_rejects + len(read_rejects_),
                events=events, elapsed=time.monotonic() - started, total=total))
    mark = _phase(report, "extraction", mark)
    report.rejects = list(read_rejects_) + read_rejects(outputs)
    loaded = load_outputs(store, outputs, report.run_id, [*read_rejects_, *report.failed],
                          duplicates=dedup.duplicates)
    report.documents = loaded.documents
    report.events = loaded.events
    report.duplicates = dedup.duplicates + (extracted - loaded.documents)
    mark = _phase(report, "load", mark)
    end_run(store, report, settings, "finished" if not report.failed else "partial")  # stories, snapshot
    _phase(report, "finish", mark)
    report.elapsed = time.monotonic() - started
    log.info("dask ingest phases (s): %s", report.phases)


def _phase(report: DaskIngestReport, name: str, since: float) -> float:
    """Record the seconds since `since` as phase `name`; return now."""
    now = time.monotonic()
    report.phases[name] = round(now - since, 2)
    return now
