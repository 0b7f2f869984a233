"""Library functions behind `veille extract`, `veille quotes` and friends."""
from __future__ import annotations

from typing import Iterable, Iterator

from .errors import DocumentRejected
from .ingest.readers import read_paths
from .pipeline import Extractor
from .records import DocumentResult
from .settings import Settings


def extract_paths(paths: Iterable[str], settings: Settings, date: str | None = None, lang: str | None = None
                  ) -> Iterator[DocumentResult | DocumentRejected]:
    """Results for every document under `paths`, in order; bad documents come as errors."""
    extractor = Extractor(settings.with_overrides(lang=lang))
    yield from extractor.pipe(read_paths(paths, date=date, lang=None if lang == "auto" else lang,
                                         max_chars=settings.limits.max_doc_chars))
