"""Run `Extractor.pipe` in worker processes, keeping the input order.

Each worker process (started with 'spawn', so no state is inherited) builds one
extractor and keeps it for its whole life, so spaCy pipelines and language data load
once per process. The parent sends batches of documents and receives results; only
the parent writes to the database.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import signal
import traceback
from typing import Any, Callable, Iterable, Iterator

from ..errors import DocumentRejected, E
from ..records import Document, DocumentResult
from ..settings import Settings

log = logging.getLogger(__name__)

Item = Document | DocumentRejected
Output = DocumentResult | DocumentRejected
ExtractorFactory = Callable[[Settings], Any]  # returns an object with .pipe(items, batch_size)


def encode(item: Item | DocumentResult) -> tuple[str, Any]:
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


def _worker(settings: Settings, make_extractor: ExtractorFactory, batch_size: int,
            tasks: "mp.Queue[Any]", results: "mp.Queue[Any]") -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent = mp.parent_process()
    extractor = make_extractor(settings)  # once per process
    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if parent is not None and not parent.is_alive():  # parent killed (kill -9): don't linger
                return
            continue
        if task is None:
            return
        seq, packed = task
        try:
            items = [decode(p) for p in packed]
            out = [encode(r) for r in extractor.pipe(items, batch_size)]
            results.put((seq, "ok", out))
        except BaseException:  # report, don't die silently: the parent raises it
            results.put((seq, "error", traceback.format_exc()))


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parallel_pipe(items: Iterable[Item], settings: Settings, workers: int, batch_size: int,
                  make_extractor: ExtractorFactory) -> Iterator[Output]:
    """Like `Extractor.pipe`, with `workers` processes; results come back in input order."""
    ctx = mp.get_context("spawn")
    tasks: mp.Queue = ctx.Queue()
    results: mp.Queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(settings, make_extractor, batch_size, tasks, results),
                         name=f"veille-worker-{i}", daemon=True) for i in range(workers)]
    for p in procs:
        p.start()
    max_in_flight = workers * 2
    done: dict[int, list[Any]] = {}
    sent = next_out = 0
    source = _batches(items, batch_size)
    exhausted = False
    try:
        while True:
            while not exhausted and sent - next_out < max_in_flight:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                tasks.put((sent, [encode(i) for i in batch]))
                sent += 1
            if next_out == sent and exhausted:
                return
            while next_out not in done:
                try:
                    seq, status, payload = results.get(timeout=1.0)
                except queue.Empty:
                    dead = [p.name for p in procs if not p.is_alive()]
                    if dead:
                        raise RuntimeError(f"worker process(es) {', '.join(dead)} died; see the log") from None
                    continue
                if status == "error":
                    raise RuntimeError(f"a worker failed on batch {seq}:\n{payload}")
                done[seq] = payload
            for packed in done.pop(next_out):
                yield decode(packed)
            next_out += 1
    finally:
        for _ in procs:
            tasks.put(None)
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
                p.join()
        tasks.close()
        results.close()
