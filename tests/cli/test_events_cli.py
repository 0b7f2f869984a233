import csv
import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from helpers import make_result  # noqa: E402

from veille.cli.main import main  # noqa: E402
from veille.store import Store  # noqa: E402

SCHEMA = json.loads((Path(__file__).parents[3] / "shared" / "spec" / "event.schema.json").read_text())


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store.open(path) as store:
        store.add_results([make_result("a", date="2017-03-14"),
                           make_result("b", text="Autre texte ici. Et encore un.", date="2018-01-02")])
    return path


def test_jsonl_validates_and_filters(db, capsys):
    assert main(["events", "--db", str(db), "--format", "jsonl", "--type", "ACCUSE", "--since", "2018-01-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    jsonschema.validate(rec, SCHEMA)
    assert rec["doc_id"] == "b" and rec["type"] == "ACCUSE"


def test_csv_and_table(db, capsys):
    assert main(["events", "--db", str(db), "--format", "csv", "--actor", "FRA", "--limit", "3"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3 and rows[0]["actor_key"] == "FRA" and rows[0]["recipient_key"] == "RUS"
    assert main(["events", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:5] == ["date", "type", "cameo", "actor", "recipient"] and len(out) == 5


def test_errors(db, tmp_path, capsys):
    assert main(["events", "--db", str(tmp_path / "missing.duckdb")]) == 1
    assert "E008" in capsys.readouterr().err
    assert main(["events", "--db", str(db), "--type", "HUG"]) == 1
    assert "E012" in capsys.readouterr().err
    assert main(["events", "--db", str(db), "--since", "yesterday"]) == 1
    assert "E002" in capsys.readouterr().err
