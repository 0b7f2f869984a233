"""Run `Extractor.pipe` in worker processes, keeping the input order.

Each worker process (started with 'spawn', so no state is inherited) builds one
extractor and keeps it for its whole life, so spaCy pipelines and language data load
once per process. Only the parent reads inputs and writes to the database.

The parent streams chunks of documents (a quarter of `batch_size`: small, so that when
the input runs out no worker waits long for another to finish its last chunk) to the
workers through a bounded window (at most `WINDOW` chunks per worker sent and not yet
consumed), so reading, deduplication and database writes in the parent overlap with
parsing in the workers, and memory stays bounded however large the input. What crosses the process boundary is kept small:
rejected inputs never leave the parent, and a result comes back without the document
it was made from when the worker did not change it (the parent still holds it).

`WorkerPool.close()` tells the workers to stop without waiting for them, so that they
exit while the parent finishes its own work (the last commit); `join()` waits.
Each worker reports how long it was busy and how long it waited for work (logged at
DEBUG level, with the time the parent waited for results).
"""
from __future__ import annotations

import dataclasses
import logging
import multiprocessing as mp
import queue
import signal
import time
import traceback
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from ..errors import DocumentRejected, E
from ..records import Document, DocumentResult
from ..settings import Settings

log = logging.getLogger(__name__)

Item = Document | DocumentRejected
Output = DocumentResult | DocumentRejected
ExtractorFactory = Callable[[Settings], Any]  # returns an object with .pipe(items, batch_size)

WINDOW = 4  # chunks per worker in flight (sent, not yet consumed by the parent)
CHUNK_DIVISOR = 4  # a chunk is a quarter of a batch: at the end, no worker waits long for the others
_POLL = 1.0  # seconds between liveness checks while waiting


def encode(item: Output) -> tuple[str, Any]:
    """Rejects travel between processes as (code name, fields): exceptions with keyword
    constructors do not pickle."""
    if isinstance(item, DocumentRejected):
        return ("rejected", (item.code.name, item.fields))
    return ("ok", item)


def decode(packed: tuple[str, Any]) -> Any:
    kind, value = packed
    if kind == "rejected":
        code, fields = value
        return DocumentRejected(E[code], **fields)
    return value


def _pack_result(out: Output, sent: Document) -> tuple[str, Any]:
    """A result without its document when it is the one the parent sent (see the module doc)."""
    if isinstance(out, DocumentResult) and out.document is sent:
        return ("same", dataclasses.replace(out, document=None))
    return encode(out)


def _unpack_result(packed: tuple[str, Any], sent: Document) -> Output:
    kind, value = packed
    if kind == "same":
        return dataclasses.replace(value, document=sent)
    return decode(packed)


def _worker(settings: Settings, make_extractor: ExtractorFactory, batch_size: int,
            tasks: "mp.Queue[Any]", results: "mp.Queue[Any]") -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent = mp.parent_process()
    started = time.perf_counter()
    extractor = make_extractor(settings)  # once per process
    busy, idle, chunks, docs = time.perf_counter() - started, 0.0, 0, 0
    while True:
        waited = time.perf_counter()
        try:
            task = tasks.get(timeout=_POLL)
        except queue.Empty:
            idle += time.perf_counter() - waited
            if parent is not None and not parent.is_alive():  # parent killed (kill -9): don't linger
                return
            continue
        idle += time.perf_counter() - waited
        if task is None:
            results.put((-1, "stats", {"name": mp.current_process().name, "busy": busy, "idle": idle,
                                       "chunks": chunks, "docs": docs}))
            return
        seq, items = task
        work = time.perf_counter()
        try:
            outputs = list(extractor.pipe(items, batch_size))
            if len(outputs) != len(items):
                raise RuntimeError(f"the extractor returned {len(outputs)} results for {len(items)} documents")
            results.put((seq, "ok", [_pack_result(o, d) for o, d in zip(outputs, items)]))
        except BaseException:  # report, don't die silently: the parent raises it
            results.put((seq, "error", traceback.format_exc()))
        busy += time.perf_counter() - work
        chunks += 1
        docs += len(items)


class WorkerPool:
    """`workers` extraction processes fed by the parent; see the module doc."""

    def __init__(self, settings: Settings, workers: int, batch_size: int, make_extractor: ExtractorFactory,
                 chunk: int | None = None) -> None:
        ctx = mp.get_context("spawn")
        self.chunk = max(1, chunk or batch_size // CHUNK_DIVISOR)
        self.window = WINDOW * workers
        self._tasks: mp.Queue = ctx.Queue()
        self._results: mp.Queue = ctx.Queue()
        self._procs = [ctx.Process(target=_worker, args=(settings, make_extractor, batch_size, self._tasks,
                                                         self._results),
                                   name=f"veille-worker-{i}", daemon=True) for i in range(workers)]
        for p in self._procs:
            p.start()
        self._closed = False
        self.waited = 0.0  # seconds the parent spent waiting for results
        self.stats: list[dict[str, Any]] = []

    def _chunks(self, items: Iterable[Item]) -> Iterator[list[Item]]:
        """Chunks of `self.chunk` documents (rejected inputs ride along, not counted)."""
        chunk: list[Item] = []
        docs = 0
        for item in items:
            chunk.append(item)
            if isinstance(item, Document):
                docs += 1
                if docs >= self.chunk:
                    yield chunk
                    chunk, docs = [], 0
        if chunk:
            yield chunk

    def _receive(self) -> tuple[int, str, Any]:
        started = time.perf_counter()
        try:
            while True:
                try:
                    return self._results.get(timeout=_POLL)
                except queue.Empty:
                    dead = [p.name for p in self._procs if not p.is_alive()]
                    if dead:
                        raise RuntimeError(f"worker process(es) {', '.join(dead)} died; see the log") from None
        finally:
            self.waited += time.perf_counter() - started

    def map(self, items: Iterable[Item]) -> Iterator[Output]:
        """Outputs for `items` in input order: rejected inputs as they are, documents extracted
        by the workers. The pool is closed when the last output has been given."""
        pending: deque[tuple[int, list[Item]]] = deque()  # chunks sent, in order
        done: dict[int, list[Any]] = {}
        source = self._chunks(items)
        seq, exhausted = 0, False
        while True:
            while not exhausted and len(pending) < self.window:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                docs = [i for i in chunk if isinstance(i, Document)]
                if docs:
                    self._tasks.put((seq, docs))
                pending.append((seq, chunk))
                seq += 1
            if not pending:
                self.close()
                return
            head, chunk = pending[0]
            sent = [i for i in chunk if isinstance(i, Document)]
            while sent and head not in done:
                got, status, payload = self._receive()
                if status == "error":
                    raise RuntimeError(f"a worker failed on chunk {got}:\n{payload}")
                if status == "stats":
                    self.stats.append(payload)
                    continue
                done[got] = payload
            pending.popleft()
            if len(pending) == 0 and exhausted:
                self.close()  # nothing more to send: let the workers exit while the parent stores the last outputs
            outputs = iter(done.pop(head, ()))
            for item in chunk:
                yield item if isinstance(item, DocumentRejected) else _unpack_result(next(outputs), item)

    def close(self) -> None:
        """Ask the workers to exit once the work sent is done; does not wait."""
        if not self._closed:
            self._closed = True
            for _ in self._procs:
                self._tasks.put(None)

    def join(self, timeout: float = 5.0) -> None:
        """Wait for the workers to exit (stopping those that do not) and release the queues."""
        self.close()
        deadline = time.monotonic() + timeout
        while len(self.stats) < len(self._procs) and time.monotonic() < deadline:
            if not any(p.is_alive() for p in self._procs) and self._results.empty():
                break
            try:
                got, status, payload = self._results.get(timeout=0.2)
            except queue.Empty:
                continue
            if status == "stats":
                self.stats.append(payload)
        for p in self._procs:
            p.join(timeout=max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.terminate()
                p.join()
        self._tasks.close()
        self._results.close()
        for s in self.stats:
            log.debug("%s: %d chunks, %d documents, busy %.1fs, waited %.1fs for work",
                      s["name"], s["chunks"], s["docs"], s["busy"], s["idle"])
        log.debug("parent waited %.1fs for worker results", self.waited)

    def terminate(self) -> None:
        """Stop the workers now, dropping the work sent (on error or interruption)."""
        self._closed = True
        for p in self._procs:
            if p.is_alive():
                p.terminate()
        for p in self._procs:
            p.join()
        self._tasks.cancel_join_thread()  # unsent chunks are dropped, not flushed to dead readers
        self._tasks.close()
        self._results.close()



def parallel_pipe(items: Iterable[Item], settings: Settings, workers: int, batch_size: int,
                  make_extractor: ExtractorFactory) -> Iterator[Output]:
    """Like `Extractor.pipe`, with `workers` processes; results come back in input order.
    (`veille.ingest.run` uses `WorkerPool` itself, to let the workers exit meanwhile.)"""
    pool = WorkerPool(settings, workers, batch_size, make_extractor)
    try:
        yield from pool.map(items)
    except BaseException:
        pool.terminate()
        raise
    pool.join()
