"""Fixtures for the reliability tests: the hostile corpus, generated once per session by
scripts/make_hostile_corpus.py."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from reliability_helpers import load_script  # noqa: E402


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> dict:
    """{'inputs': dir, 'good': {where: doc_id}, 'rejected': {where: code}}"""
    out = tmp_path_factory.mktemp("hostile")
    return load_script("make_hostile_corpus").make_corpus(out)

