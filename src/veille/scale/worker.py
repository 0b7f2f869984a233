"""What runs on a Dask worker: the extractor, loaded once per worker by a `WorkerPlugin`,
and `process_shard`, the task that turns one shard file into Parquet files.

Tasks carry only a shard path, an output path and the plugin's name; the plugin carries
the settings and the extractor factory (a class or importable function). The spaCy
pipeline is built on the worker in `setup` and never leaves it: nothing that holds an
`nlp` object is ever pickled.
"""
from __future__ import annotations

import gc
import logging
import os
import threading
import time
from typing import Any, Callable

from distributed import WorkerPlugin, get_worker
from distributed.core import Status

from ..errors import DocumentRejected, E, VeilleError
from ..records import DocumentResult
from ..settings import SUPPORTED_LANGS, Settings
from .shards import Shard, read_shard
from .tables import ShardSummary, read_marker, write_output

log = logging.getLogger(__name__)

ExtractorFactory = Callable[[Settings], Any]  # returns an object with .pipe(items, batch_size)


class ShardError(Exception):
    """A shard failed on a worker for a reason veille knows (code name, fields). Plain
    positional arguments, so that it pickles back to the driver."""

    def __init__(self, code: str, fields: dict[str, Any]) -> None:
        super().__init__(code, fields)
        self.code = code
        self.fields = fields

    def as_veille_error(self) -> VeilleError:
        return VeilleError(E[self.code], **self.fields)

    def __str__(self) -> str:
        return str(self.as_veille_error())


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor once on each worker (and on workers that join later)."""

    def __init__(self, settings: Settings, make_extractor: ExtractorFactory, name: str) -> None:
        self.settings = settings
        self.make_extractor = make_extractor
        self.name = name
        self.extractor: Any = None
        self.lock: threading.Lock | None = None

    def __getstate__(self) -> dict[str, Any]:  # never ship a built extractor
        state = dict(self.__dict__)
        state["extractor"] = None
        state["lock"] = None
        return state

    def setup(self, worker: Any) -> None:
        started = time.monotonic()
        if os.environ.get("MALLOC_TRIM_THRESHOLD_"):  # set by Dask's nanny unless configured away
            log.warning("worker %s runs with MALLOC_TRIM_THRESHOLD_=%s, which slows the parser by about 20 %%: "
                        "set distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_ to null in the Dask "
                        "configuration of the worker hosts (docs/scale.md)", getattr(worker, "address", "?"),
                        os.environ["MALLOC_TRIM_THRESHOLD_"])
        self.lock = threading.Lock()  # a worker with several threads shares one pipeline
        self.extractor = self.make_extractor(self.settings)
        coder = getattr(self.extractor, "coder", None)
        if callable(coder) and self.settings.lang in SUPPORTED_LANGS:
            coder(self.settings.lang)  # load the pipeline now, not inside the first task
        log.info("worker %s: extractor ready in %.1fs", getattr(worker, "address", "?"), time.monotonic() - started)

    def teardown(self, worker: Any) -> None:
        if getattr(worker, "status", None) == Status.closing:
            # The worker process is about to exit: at exit, Python's last garbage
            # collections walk the whole pipeline (measured 3 s, so Dask's nanny kills the
            # process after 4 s and every run waits for it). Freezing the heap skips them;
            # the memory goes back to the system with the process.
            gc.freeze()
            return
        self.extractor = None  # unregistered from a worker that goes on: free the pipeline


def _rss_mib() -> float:
    import psutil  # a dependency of distributed
    return psutil.Process().memory_info().rss / 2**20


def process_shard(shard: Shard, output: str, plugin_name: str, batch_size: int) -> ShardSummary:
    """Extract the documents of `shard` and write the results under `output` (a Dask task).

    Returns a small summary; the results stay in Parquet. An output already complete
    (an earlier attempt, or an earlier run with the same work directory) is reused."""
    worker = get_worker()
    done = read_marker(output)
    if done is not None:
        return ShardSummary(**{**done, "reused": True})
    started, cpu = time.monotonic(), time.process_time()
    try:
        docs = read_shard(shard.path)
    except OSError as exc:
        raise ShardError("E704", {"path": shard.path, "worker": worker.address, "reason": str(exc)}) from None
    plugin = worker.plugins.get(plugin_name)
    if plugin is None or plugin.extractor is None:
        raise RuntimeError(f"worker {worker.address} has no veille extractor (plugin {plugin_name!r} not set up)")
    with plugin.lock:
        outputs = list(plugin.extractor.pipe(docs, batch_size))
    results = [o for o in outputs if isinstance(o, DocumentResult)]
    rejects = [o for o in outputs if isinstance(o, DocumentRejected)]
    summary = ShardSummary(shard_id=shard.shard_id, output=str(output), documents=len(results),
                           events=sum(len(r.events) for r in results), rejects=len(rejects),
                           seconds=round(time.monotonic() - started, 3), worker=worker.address,
                           rss_mib=round(_rss_mib(), 1), cpu_seconds=round(time.process_time() - cpu, 6))
    write_output(output, results, rejects, summary.to_dict())
    return summary
