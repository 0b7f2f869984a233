import csv
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from helpers import make_result  # noqa: E402

from veille.cli.main import main  # noqa: E402
from veille.store import Store  # noqa: E402
from veille.store.gdelt import GDELT_COLUMNS, VEILLE_COLUMNS  # noqa: E402


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store.open(path) as store:
        store.add_results([make_result("a", url="https://ex.fr/a"), make_result("b", text="Autre texte. Encore.")])
    return path


def test_jsonl_and_csv(db, tmp_path):
    out = tmp_path / "e.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(out)]) == 0
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == 4 and {r["doc_id"] for r in recs} == {"a", "b"}
    out = tmp_path / "e.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(out), "--type", "REJECT"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 2 and {r["type"] for r in rows} == {"REJECT"}


def test_parquet(db, tmp_path):
    out = tmp_path / "e.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "--out", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 4
    assert {"event_id", "actor_key", "evidence_text", "contexts", "record"} <= set(table.column_names)


def test_gdelt_column_order_and_values(db, tmp_path):
    out = tmp_path / "e.tsv"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    header = lines[0].split("\t")
    assert header[:61] == list(GDELT_COLUMNS) and header[61:] == list(VEILLE_COLUMNS)
    assert header[:5] == ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    assert header[59:61] == ["DATEADDED", "SOURCEURL"]
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert len(rows) == 4 and all(len(line.split("\t")) == len(header) for line in lines)
    day = next(r for r in rows if r["veille_doc_id"] == "a" and r["Day"])
    assert (day["Day"], day["MonthYear"], day["Year"]) == ("20170314", "201703", "2017")
    assert (day["Actor1Code"], day["Actor1CountryCode"], day["Actor2CountryCode"]) == ("FRAGOV", "FRA", "RUS")
    assert (day["EventCode"], day["EventBaseCode"], day["EventRootCode"], day["QuadClass"]) == ("120", "120", "12", "3")
    assert day["SOURCEURL"] == "https://ex.fr/a" and day["ActionGeo_FullName"] == "Paris"
    assert day["AvgTone"] == "" and day["GlobalEventID"].isdigit()
    month = next(r for r in rows if r["veille_doc_id"] == "a" and not r["Day"])
    assert month["MonthYear"] == "201703" and month["date_precision"] == "month"


def test_bad_out_path_exit_1(db, tmp_path, capsys):
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "no" / "dir.csv")]) == 1
    assert "E503" in capsys.readouterr().err
