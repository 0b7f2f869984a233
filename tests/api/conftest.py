import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))

from veille_testdb import build  # noqa: E402


@pytest.fixture(scope="session")
def test_db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("db") / "test.duckdb")
