"""Connecting to a Dask cluster: an existing one (scheduler address) or a `LocalCluster`
of worker processes with one thread each, closed when the run ends."""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Iterator

from ..errors import E, VeilleError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = "20s"

# Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536. Setting it at all turns
# off glibc's dynamic mmap threshold, so every large buffer of the parser is mmapped,
# page-faulted and unmapped again: measured 1.2 s of system time and about 20 % more CPU
# per 120 documents on a worker (docs/scale.md). None unsets it (distributed's own rule);
# the thread limits (OMP/MKL/OpenBLAS = 1) stay.
MALLOC_TRIM_KEY = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


def require_dask() -> None:
    """Raise E700 (with the install command) if dask.distributed cannot be imported."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise VeilleError(E.E700, reason=str(exc)) from None


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A `distributed.Client`: connected to `scheduler` if given, else to a new LocalCluster
    of `workers` processes (default 1), 1 thread each, without Dask's malloc trim
    threshold (MALLOC_TRIM_KEY); its HTTP server on a free port."""
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler and workers:
        raise VeilleError(E.E703)
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise VeilleError(E.E702, address=scheduler, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        try:
            yield client
        finally:
            client.close()
        return
    import dask

    n = max(1, workers or 1)
    with dask.config.set({MALLOC_TRIM_KEY: None}):  # read by the nannies when they are built, here
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
    try:
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def worker_threads(client: Any) -> int:
    """Total threads of the cluster's workers (what can run at once)."""
    return sum(client.nthreads().values()) or 1
