"""`veille dates`: a thin wrapper printing one temporal expression per line."""
from __future__ import annotations

import json

from click.testing import CliRunner

from veille.cli.dates import dates


def test_jsonl_output(tmp_path):
    path = tmp_path / "a1.txt"
    path.write_text("Le ministre est arrivé mardi et repartira la semaine prochaine.", encoding="utf-8")
    result = CliRunner().invoke(dates, [str(path), "--date", "2023-11-17", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["doc_id"], r["text"], r["type"], r["value"], r["precision"]) for r in rows] == [
        ("a1", "mardi", "DATE", "2023-11-14", "day"),
        ("a1", "la semaine prochaine", "DATE", "2023-W47", "week"),
    ]
    assert set(rows[0]) == {"doc_id", "start", "end", "text", "type", "value", "precision"}


def test_table_output_english(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"id": "b1", "text": "Talks began three days ago.", "date": "2023-11-17",
                                "lang": "en"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(dates, [str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["doc_id", "start", "end", "text", "type", "value", "precision"]
    assert "2023-11-14" in lines[1] and "three days ago" in lines[1]


def test_rejected_input_exit_code(tmp_path):
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    result = CliRunner().invoke(dates, [str(tmp_path / "empty.txt")])
    assert result.exit_code == 2
