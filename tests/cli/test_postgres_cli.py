"""The command line on PostgreSQL with the real language model: `veille ingest` codes the
model article into PostgreSQL with the event ids it gets in DuckDB, and every reading
command answers the same from both (fixture `pg_url`, tests/conftest.py)."""
import json
from pathlib import Path

import pytest

import veille
from veille.cli.main import main

ARTICLE = Path(veille.__file__).parent / "data" / "corpus" / "model-article.jsonl"


@pytest.mark.model
def test_ingest_and_readers_on_postgresql_match_duckdb(pg_url, tmp_path, capsys):
    duck = str(tmp_path / "db.duckdb")
    for db in (duck, pg_url):
        assert main(["ingest", str(ARTICLE), "--db", db, "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert err.count("1 documents and") == 2, err
    assert main(["ingest", str(ARTICLE), "--db", pg_url, "--no-progress"]) == 0
    assert "0 documents and 0 events added" in capsys.readouterr().err
    answers = {}
    for db in (duck, pg_url):
        out = []
        for args in (["events", "--format", "jsonl"], ["events", "--stories", "--format", "jsonl"],
                     ["dyad", "PRK", "RUS", "--format", "csv"], ["actors"], ["search", "Pyongyang"]):
            assert main([*args, "--db", db]) == 0, args
            out.append(capsys.readouterr().out)
        answers[db] = out
    events = [json.loads(line) for line in answers[pg_url][0].splitlines()]
    assert len(events) >= 5 and all(e["event_id"] for e in events)
    assert answers[pg_url] == answers[duck]


def test_database_from_the_settings_file(pg_url, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("VEILLE_CONFIG", raising=False)
    config = tmp_path / "veille.toml"
    config.write_text(f'[store]\ndb = "{pg_url}"\n', encoding="utf-8")
    assert main(["--config", str(config), "events"]) == 1  # the database exists but has no tables yet
    assert "[E812]" in capsys.readouterr().err
    assert main(["events"]) == 1
    assert "[E814]" in capsys.readouterr().err
