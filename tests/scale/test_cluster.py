"""The local cluster's workers: one thread each, without Dask's malloc trim threshold
(which slows the parser); a worker that has it set says so in its log."""
import logging
import os
from types import SimpleNamespace

import pytest

pytest.importorskip("distributed")

from fake import FakeExtractor  # noqa: E402
from veille.scale.cluster import dask_client  # noqa: E402
from veille.scale.worker import ExtractorPlugin  # noqa: E402
from veille.settings import Settings  # noqa: E402


def test_local_cluster_workers_run_without_malloc_trim_threshold_and_one_thread():
    with dask_client(None, 1) as client:
        env = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS")))
        threads = client.nthreads()
    assert list(env.values()) == [(None, "1")]  # Dask's other limits (OMP, MKL, OpenBLAS = 1) are kept
    assert list(threads.values()) == [1]


@pytest.mark.parametrize("trim, warned", [("65536", True), (None, False)])
def test_a_worker_with_malloc_trim_threshold_warns(monkeypatch, caplog, trim, warned):
    if trim:
        monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", trim)
    else:
        monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    plugin = ExtractorPlugin(Settings(), FakeExtractor, "veille-test")
    with caplog.at_level(logging.WARNING, logger="veille.scale.worker"):
        plugin.setup(SimpleNamespace(address="tcp://w:1"))
    assert plugin.extractor is not None
    assert any("MALLOC_TRIM_THRESHOLD_=65536" in r.getMessage() for r in caplog.records) is warned


def test_teardown_frees_the_pipeline_of_a_running_worker_and_freezes_the_heap_of_a_closing_one():
    from distributed.core import Status
    import gc
    running = ExtractorPlugin(Settings(), FakeExtractor, "veille-test")
    running.setup(SimpleNamespace(address="tcp://w:1"))
    running.teardown(SimpleNamespace(status=Status.running))
    assert running.extractor is None and gc.get_freeze_count() == 0
    closing = ExtractorPlugin(Settings(), FakeExtractor, "veille-test")
    closing.setup(SimpleNamespace(address="tcp://w:1"))
    try:
        closing.teardown(SimpleNamespace(status=Status.closing))
        assert gc.get_freeze_count() > 0  # the process exits next: no collection of the pipeline at exit
    finally:
        gc.unfreeze()
