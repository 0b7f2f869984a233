"""`veille quotes`: a thin wrapper printing one quote per line."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from veille.cli.main import cli
from veille.cli.quotes import quotes

TEXT = ("Le ministre russe des Ressources naturelles, Alexandre Kozlov, est arrivé mardi à Pyongyang. "
        "« Nos liens sont solides », a indiqué M. Kozlov vendredi. "
        "Séoul affirme que le Nord aurait reçu des conseils sur les satellites militaires.")


@pytest.mark.model
def test_jsonl_output(tmp_path):
    path = tmp_path / "a1.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(quotes, [str(path), "--date", "2023-11-17", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["doc_id"], r["kind"], r["content"], r["speaker"]["key"], r["speaker"]["name"]) for r in rows] == [
        ("a1", "direct", "Nos liens sont solides", "RUS", "Alexandre Kozlov"),
        ("a1", "indirect", "le Nord aurait reçu des conseils sur les satellites militaires", "KOR", None),
    ]
    assert set(rows[0]) == {"doc_id", "kind", "content", "start", "end", "cue", "speaker"}
    assert set(rows[0]["speaker"]) == {"text", "key", "role", "name"}
    assert TEXT[rows[0]["start"]:rows[0]["end"]] == rows[0]["content"]
    assert rows[0]["cue"] == "a indiqué" and rows[1]["cue"] == "affirme"


@pytest.mark.model
def test_table_output_from_jsonl(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"id": "b1", "text": TEXT, "date": "2023-11-17", "lang": "fr"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(quotes, [str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["doc_id", "kind", "speaker", "key"]
    assert "Nos liens sont solides" in lines[1] and "RUS" in lines[1]
    assert len(lines) == 3


def test_rejected_input_exit_code(tmp_path):
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    result = CliRunner().invoke(quotes, [str(tmp_path / "empty.txt")])
    assert result.exit_code == 2


def test_registered_and_documented():
    result = CliRunner().invoke(cli, ["quotes", "--help"])
    assert result.exit_code == 0
    assert "Example: veille quotes" in result.output and "--format" in result.output
