"""The build-time importer of dated roles from the Phoenix/CountryInfo dictionary (scripts/phoenix_holders.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "phoenix_holders.py"


@pytest.fixture(scope="module")
def parse():
    spec = importlib.util.spec_from_file_location("phoenix_holders", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.parse


SAMPLE = """\
# comment
RUSSIA_  [RUS]
+MOSCOW_
VLADIMIR_PUTIN_  # CountryInfo.txt
+VLADIMIR_VLADIMIROVICH_PUTIN_
+PRESIDENT_PUTIN_
+PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV 990809-000507]
\t[RUSGOV 000508-080507]
\t[RUSGOV >120507]
JOHN_DOE_  # CountryInfo.txt
\t[QQQGOV >050101]
\t[RUSMED 050101-060101]
\t[RUSGOVMIL <031231]
JANE_ROE_
\t[FRAGOVMIL 040101-041331]
\t[FRAGOV 050101-060101]
"""


def test_parse_terms(parse, tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(SAMPLE, "utf-8")
    got = parse(path, {"RUS", "FRA"}, updated="2014-01-30", since="2000-01-01")
    terms = [(r["name"], r["country"], r["role"], r["start"], r["end"]) for r in got]
    assert terms == [
        ("Jane Roe", "FRA", "GOV", "2005-01-01", "2006-01-01"),   # a bad date (month 13) is skipped
        ("Vladimir Putin", "RUS", "GOV", "1999-08-09", "2008-05-07"),  # adjacent terms join; ELI dropped
        ("Vladimir Putin", "RUS", "GOV", "2012-05-07", "2014-01-30"),  # open term ends at the file's update
    ]  # John Doe: unknown country, MED role, and an undated start ('<') are all left out
    putin = next(r for r in got if r["name"] == "Vladimir Putin")
    assert putin["aliases"] == ["Vladimir Vladimirovich Putin"] and putin["source"] == "phoenix"
