"""Stand-in extractors for the Dask runner's tests (importable on the workers, no spaCy)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from fake import FakeExtractor


class CrashingExtractor(FakeExtractor):
    """Raises (a bug, not a rejected document) on any batch holding a text with CRASHME."""

    def pipe(self, docs, batch_size=None):
        docs = list(docs)
        if any("CRASHME" in getattr(d, "text", "") for d in docs):
            raise RuntimeError("extractor bug on CRASHME")
        yield from super().pipe(docs, batch_size)


class DyingExtractor(FakeExtractor):
    """The worker process dies (os._exit) on a text 'DIEONCE <path>' unless <path> exists;
    it creates <path> first, so the task succeeds when Dask runs it again elsewhere."""

    def pipe(self, docs, batch_size=None):
        docs = list(docs)
        for d in docs:
            m = re.search(r"DIEONCE (\S+)", getattr(d, "text", ""))
            if m and not Path(m.group(1)).exists():
                Path(m.group(1)).touch()
                os._exit(17)
        yield from super().pipe(docs, batch_size)


class BrokenExtractor(FakeExtractor):
    """Cannot be built (as when language data fails to load on a worker)."""

    def __init__(self, settings) -> None:
        raise ValueError("lexicon.jsonl, line 3: bad entry")
