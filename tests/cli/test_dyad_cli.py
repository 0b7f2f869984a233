"""veille dyad / actors / search on the hand-built database (no model)."""
import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from veille_testdb import build  # noqa: E402

from veille.cli.main import main  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("dyadcli") / "db.duckdb")


def test_dyad_csv_counts(db, capsys):
    assert main(["dyad", "FRA", "RUS", "--db", str(db), "--format", "csv"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [(r["period"], r["direction"], r["events"]) for r in rows] == [
        ("2017-03", "FRA->RUS", "3"), ("2017-03", "RUS->FRA", "2"), ("2017-04", "FRA->RUS", "0"),
        ("2017-04", "RUS->FRA", "0"), ("2017-05", "FRA->RUS", "0"), ("2017-05", "RUS->FRA", "1")]
    assert rows[0]["type_SANCTION"] == "1" and "type_ASSAULT" not in rows[0]  # only types that occur
    assert float(rows[0]["mean_goldstein"]) == -2.0
    assert "1 event(s) dated more coarsely than a month" in out.err


def test_dyad_table_and_plot(db, tmp_path, capsys):
    png = tmp_path / "fra-rus.png"
    assert main(["dyad", "FRA", "RUS", "--db", str(db), "--by", "week", "--plot", str(png)]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines()[0].split()[:4] == ["period", "direction", "events", "verbal_coop"]
    assert "2017-W11" in out.out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dyad_errors_exit_1(db, tmp_path, capsys):
    assert main(["dyad", "FRA", "RUS", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "E008" in capsys.readouterr().err
    assert main(["dyad", "FRA", "RUS", "--db", str(db), "--by", "year"]) == 1
    assert main(["dyad", "FRA", "RUS", "--db", str(db), "--plot", str(tmp_path / "no" / "x.png")]) == 1
    assert "E606" in capsys.readouterr().err


def test_actors_and_search(db, capsys):
    assert main(["actors", "--db", str(db), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["entities"][0]["key"] == "FRA" and found["dyads"][0]["a_to_b"] == 4
    assert main(["actors", "--db", str(db)]) == 0
    assert "FRA/RUS" in capsys.readouterr().out
    assert main(["search", "accuse", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "ACCUSE" in out and "doc-1" in out
    assert main(["search", "accuse", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["events"][0]["type"] == "ACCUSE"


def test_help_has_examples(capsys):
    for command in ("dyad", "actors", "search", "serve"):
        assert main([command, "--help"]) == 0
        assert "Example: veille " + command in capsys.readouterr().out
