"""Engines of each language without a spaCy model, for tests on hand-built parses."""
from __future__ import annotations

import pytest

from tests.conftest import engine_for


@pytest.fixture(scope="session")
def fr():
    return engine_for("fr")


@pytest.fixture(scope="session")
def en():
    return engine_for("en")
