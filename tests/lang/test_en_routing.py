"""--lang auto: language identification routes English text to the English pipeline,
offline (py3langid's model ships in its wheel)."""
from __future__ import annotations

import pytest

from veille.ingest.langid import detect_language

EN_TEXT = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday "
           "to discuss trade and the war in Ukraine, the Kremlin said.")
FR_TEXT = "Le président russe a rencontré mardi son homologue chinois à Pékin pour discuter du commerce."


def test_detects_english_among_supported():
    assert detect_language(EN_TEXT, ("fr", "en"), "fr") == "en"
    assert detect_language(FR_TEXT, ("fr", "en"), "en") == "fr"


@pytest.mark.model
def test_auto_routes_english_to_the_english_pipeline():
    from veille.pipeline import Extractor
    from veille.records import Document
    from veille.settings import Settings
    extractor = Extractor(Settings().with_overrides(lang="auto"))
    result = extractor.process(Document(id="en1", text=EN_TEXT, date="2024-03-05"))
    assert result.lang == "en"
    assert extractor.coder("en").nlp.lang == "en"
    assert any(ev.type == "CONSULT" and {ev.actor.key, ev.recipient.key} == {"RUS", "CHN"} for ev in result.events)
    fr = extractor.process(Document(id="fr1", text=FR_TEXT, date="2024-03-05"))
    assert fr.lang == "fr"


@pytest.mark.model
def test_extract_cli_auto(tmp_path):
    import json

    from click.testing import CliRunner

    from veille.cli.main import cli
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({"id": "en1", "text": EN_TEXT, "date": "2024-03-05"}) + "\n", "utf-8")
    res = CliRunner().invoke(cli, ["extract", str(src), "--lang", "auto"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert rows and all(r.get("lang") == "en" for r in rows)
