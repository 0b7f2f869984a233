"""The distributed runner: `veille ingest --engine dask` (see docs/scale.md).

Needs the optional dependencies (`pip install 'veille[dask]'`); importing this package
does not import dask, so a missing install is reported by `dask_ingest` as E700.
"""
from .run import DaskIngestReport, dask_ingest, default_shard_size

__all__ = ["DaskIngestReport", "dask_ingest", "default_shard_size"]
