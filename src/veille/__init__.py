"""veille: political event data from French and English news.

    >>> import veille
    >>> events = veille.extract("La France condamne la Russie.", date="2023-11-17", lang="fr")
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("veille")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+src"

from .api_python import extract, extract_document  # noqa: E402
from .db import open_db  # noqa: E402

__all__ = ["__version__", "extract", "extract_document", "open_db"]
