"""`ingest()`: read inputs, skip what the database already has, extract, store.

Resumable and idempotent: documents are committed with their events in one
transaction every `settings.ingest.commit_every` documents, and a document whose
normalised content hash (or URL) is already stored is skipped before extraction. A run
killed at any point leaves only whole batches; running it again finishes the rest and
adds nothing twice.

While it runs, it publishes a read snapshot of the database when it starts, every
`settings.ingest.snapshot_every` commits and when it finishes (`veille.store.snapshot`),
so that readers can work from it while this process holds the file. Into a PostgreSQL
database (`--db postgresql://...`) there is no snapshot: readers see each committed batch,
and several ingests may run at once (their batches are serialised, `veille.store.db`).
"""
from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from ..errors import DocumentRejected, E, VeilleError
from ..records import Document, DocumentResult
from ..settings import Settings
from ..store import Store
from ..store import snapshot
from .parallel import ExtractorFactory, WorkerPool
from .readers import count_documents, read_paths

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")


@dataclass
class IngestProgress:
    """Passed to the progress callback after each processed input document."""
    done: int  # inputs handled: stored + duplicates + rejected
    stored: int
    duplicates: int
    rejected: int
    events: int
    elapsed: float
    total: int | None  # estimate of inputs, None if unknown (stdin)


@dataclass
class IngestReport:
    run_id: str
    db_path: str
    documents: int = 0  # newly stored
    duplicates: int = 0  # skipped: already stored (resume, re-ingest) or repeated in the input
    events: int = 0
    rejects: list[DocumentRejected] = field(default_factory=list)
    elapsed: float = 0.0
    workers: int = 1
    stories: int | None = None  # stories in the database after the run (docs/stories.md)

    @property
    def docs_per_second(self) -> float:
        handled = self.documents + self.duplicates + len(self.rejects)
        return handled / self.elapsed if self.elapsed > 0 else 0.0


ProgressCallback = Callable[[IngestProgress], None]


def _default_extractor(settings: Settings):
    from ..pipeline import Extractor
    return Extractor(settings)


@dataclass
class _Dedup:
    """Decides, before extraction, which read documents are new. Looks the database up
    once per chunk of documents; remembers what this run has already passed on."""
    store: Store
    chunk: int
    hashes: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    duplicates: int = 0

    def filter(self, items: Iterable[Document | DocumentRejected]) -> Iterator[Document | DocumentRejected]:
        buf: list[Document | DocumentRejected] = []
        for item in items:
            buf.append(item)
            if len(buf) >= self.chunk:
                yield from self._new(buf)
                buf = []
        yield from self._new(buf)

    def _new(self, buf: list[Document | DocumentRejected]) -> Iterator[Document | DocumentRejected]:
        docs = [d for d in buf if isinstance(d, Document)]
        known_hashes = self.store.known_hashes(d.content_hash for d in docs)
        known_urls = self.store.known_urls(d.url for d in docs if d.url)
        known_ids = self.store.known_ids(d.id for d in docs)
        for item in buf:
            if isinstance(item, DocumentRejected):
                yield item
                continue
            h = item.content_hash
            if h in known_hashes or h in self.hashes or (item.url and (item.url in known_urls or item.url in self.urls)):
                self.duplicates += 1
                continue
            if item.id in known_ids or item.id in self.ids:
                # same id, other content (two 'article.txt' in different folders): a stable new id
                new_id = f"{item.id}~{h[:10]}"
                log.info("document id %r is taken by other content; storing %s as %r", item.id, item.source, new_id)
                item = dataclasses.replace(item, id=new_id)
            self.hashes.add(h)
            self.ids.add(item.id)
            if item.url:
                self.urls.add(item.url)
            yield item


def _check_paths(paths: Sequence[str]) -> None:
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise VeilleError(E.E007, path=p)


def _rebuild_stories(store: Store) -> int:
    """Regroup all events into stories (veille.analysis.stories; only new events are
    encoded). Done at the end of every run, so stories always match the events."""
    from ..analysis.stories import build_stories
    return build_stories(store).stories


def _snapshot_every(store: Store, settings: Settings) -> int:
    """Commits between read snapshots; 0: none. PostgreSQL readers see committed batches
    directly (MVCC): no snapshot file to publish."""
    return max(0, settings.ingest.snapshot_every) if store.dialect.file_based else 0


def begin_run(store: Store, paths: Sequence[str], settings: Settings) -> str:
    """Record a new run and publish the read snapshot (if any, see `_snapshot_every`), as
    every engine does when it starts writing. Returns the run id."""
    run_id = store.start_run(list(paths))
    if _snapshot_every(store, settings):
        snapshot.try_publish(store)
    return run_id


def end_run(store: Store, report: IngestReport, settings: Settings, status: str = "finished") -> None:
    """What every engine does once its documents are committed: rebuild the stories,
    close the run with `status`, publish the final read snapshot. Sets `report.stories`."""
    report.stories = _rebuild_stories(store)
    store.finish_run(report.run_id, status)
    if _snapshot_every(store, settings):
        snapshot.try_publish(store)


def ingest(paths: Sequence[str], db_path: str, settings: Settings, date: str | None = None,
           lang: str | None = None, workers: int | None = None, progress: ProgressCallback | None = None,
           engine: str = "local", scheduler: str | None = None,
           make_extractor: ExtractorFactory = _default_extractor) -> IngestReport:
    """Ingest documents from `paths` into the database at `db_path`; see the module doc.

    `workers` > 1 runs extraction in that many processes. `engine='dask'` runs it on a
    Dask cluster (`veille.scale.dask_ingest`, needs `pip install 'veille[dask]'`). Rejected
    inputs are recorded in the database and returned in the report; they never stop the run."""
    if engine not in ENGINES:
        raise VeilleError(E.E501, engine=engine, reason=f"unknown engine; known engines: {', '.join(ENGINES)}")
    if engine == "dask":  # the distributed runner: shards, Parquet, one load (docs/scale.md)
        from ..scale import dask_ingest
        return dask_ingest(paths, db_path, settings, date=date, lang=lang, workers=workers, scheduler=scheduler,
                           progress=progress, make_extractor=make_extractor)
    paths = list(paths)
    _check_paths(paths)
    workers = max(1, workers or settings.ingest.workers)
    batch_size = settings.ingest.batch_size
    commit_every = max(1, settings.ingest.commit_every)
    started = time.monotonic()
    store = Store.open(db_path)
    report = IngestReport(run_id="", db_path=str(db_path), workers=workers)
    pool: WorkerPool | None = None
    try:
        if workers > 1:  # started first: the workers load their models while the parent gets ready
            pool = WorkerPool(settings, workers, batch_size, make_extractor)
        total = None if "-" in paths else count_documents(paths)
        report.run_id = begin_run(store, paths, settings)
        snapshot_every = _snapshot_every(store, settings)
        commits = 0
        dedup = _Dedup(store, chunk=commit_every)
        items = dedup.filter(read_paths(paths, date=date, lang=lang, max_chars=settings.limits.max_doc_chars))
        outputs = pool.map(items) if pool else make_extractor(settings).pipe(items, batch_size)
        pending: list[DocumentResult] = []
        pending_rejects: list[DocumentRejected] = []
        committed_dups = 0

        def flush() -> None:
            nonlocal committed_dups, commits
            dups = dedup.duplicates - committed_dups
            added, events = store.add_results(
                pending, [(r.fields.get("where", "?"), r.code.name, r.message) for r in pending_rejects],
                run_id=report.run_id, duplicates=dups, provenance={"run_id": report.run_id})
            committed_dups += dups
            report.documents += added
            report.duplicates += len(pending) - added  # stored meanwhile by nobody else: same-batch repeats
            report.events += events
            log.debug("committed %d documents and %d events (run total %d documents)", added, events, report.documents)
            pending.clear()
            pending_rejects.clear()
            commits += 1
            if snapshot_every and commits % snapshot_every == 0:
                snapshot.try_publish(store)

        for out in outputs:
            if isinstance(out, DocumentRejected):
                pending_rejects.append(out)
                report.rejects.append(out)
                log.info("rejected: %s", out)
            else:
                pending.append(out)
            if len(pending) + len(pending_rejects) >= commit_every:
                flush()
            if progress:
                progress(IngestProgress(
                    done=report.documents + len(pending) + dedup.duplicates + len(report.rejects),
                    stored=report.documents + len(pending), duplicates=dedup.duplicates,
                    rejected=len(report.rejects), events=report.events + sum(len(r.events) for r in pending),
                    elapsed=time.monotonic() - started, total=total))
        flush()
        if pool:  # told to stop when the last chunk was sent, they exited during the last commit
            pool.join()  # gone before the story encoder loads: peak memory is the workers' alone
        report.duplicates += dedup.duplicates
        end_run(store, report, settings)
        report.elapsed = time.monotonic() - started
        if progress:
            progress(IngestProgress(done=report.documents + report.duplicates + len(report.rejects),
                                    stored=report.documents, duplicates=report.duplicates,
                                    rejected=len(report.rejects), events=report.events,
                                    elapsed=report.elapsed, total=total))
    except BaseException:
        if pool:
            pool.terminate()
        if report.run_id:
            try:
                store.finish_run(report.run_id, "interrupted")
            except Exception:  # the connection may be gone; the committed batches are safe
                log.debug("could not mark run %s interrupted", report.run_id, exc_info=True)
        raise
    finally:
        store.close()
    log.info("ingest %s: %d documents, %d events, %d duplicates, %d rejected in %.1fs",
             db_path, report.documents, report.events, report.duplicates, len(report.rejects), report.elapsed)
    return report
