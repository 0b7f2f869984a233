"""`veille extract` end to end on the model article and on bad input."""
from __future__ import annotations

import json

import pytest

from veille.cli.main import main

MODEL_ARTICLE = "src/veille/data/corpus/model-article.jsonl"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def schema(shared):
    import jsonschema
    spec = json.loads((shared / "spec" / "event.schema.json").read_text())
    return jsonschema.Draft202012Validator(spec)


@pytest.fixture(scope="module")
def seed_events(fr_extractor, shared):
    from veille.eval.gold import read_gold
    gold = read_gold(shared / "data" / "gold" / "seed.jsonl")[0]
    return gold, fr_extractor.process(gold.document).events


@pytest.mark.model
def test_jsonl_output_validates_against_the_schema(capsys, schema, shared):
    code, out, err = run(capsys, "extract", str(shared / "examples" / "000_04f073ab5417da4e.txt"), "--date", "2023-11-17")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) >= 8
    for record in lines:
        schema.validate(record)
        assert record["doc_id"] == "000_04f073ab5417da4e"
        ev = record["evidence"]
        assert 0 <= ev["start"] < ev["end"]
        assert ev["trigger"] in ev["text"]
    assert len({r["event_id"] for r in lines}) == len(lines)


@pytest.mark.model
def test_model_article_required_events_found(seed_events):
    from veille.eval.scoring import EventScore, score_document
    gold, events = seed_events
    score = EventScore()
    score_document(gold, events, score)
    assert score.overall.fn == 0, score.errors
    assert score.overall.f1 >= 0.9


def _find(events, actor, typ, recipient, trigger=None):
    found = [e for e in events if e.actor.key == actor and e.type == typ
             and (e.recipient.key if e.recipient else None) == recipient
             and (trigger is None or e.evidence.trigger == trigger)]
    assert found, f"no {actor} {typ} {recipient} ({trigger})"
    return found[0]


@pytest.mark.model
def test_model_article_dates_and_modality(seed_events):
    _, events = seed_events
    kozlov = _find(events, "RUS", "CONSULT", "PRK", "arrivée")
    assert (kozlov.date, kozlov.date_precision) == ("2023-11-14", "day")          # mardi
    assert kozlov.date_end == "2023-11-16"                                        # et repartie jeudi
    # 'selon l'agence de presse officielle de Pyongyang (KCNA)'
    assert kozlov.reported_by is not None and (kozlov.reported_by.key, kozlov.reported_by.role) == ("PRK", "MED")
    lavrov = _find(events, "RUS", "CONSULT", "PRK", "rendu")
    assert (lavrov.date, lavrov.date_precision) == ("2023-10-15", "approximate")  # mi-octobre
    kim = _find(events, "PRK", "CONSULT", "RUS")
    assert (kim.date, kim.date_precision) == ("2023-09", "month")                 # En septembre
    arms = _find(events, "PRK", "AID", "RUS")
    assert arms.modality == "alleged"
    assert arms.reported_by is not None and arms.reported_by.key == "KOR"
    accuse = _find(events, "KOR", "ACCUSE", "PRK")
    assert accuse.modality == "asserted"


@pytest.mark.model
def test_stable_event_ids(fr_extractor, seed_events):
    gold, events = seed_events
    again = fr_extractor.process(gold.document).events
    assert [e.event_id for e in events] == [e.event_id for e in again]


@pytest.mark.model
def test_stdin_text_and_table_format(capsys, monkeypatch):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("La France condamne la Russie pour son attaque contre l'Ukraine."))
    code, out, err = run(capsys, "extract", "-", "--date", "2023-03-01", "--format", "table")
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][:5] == ["doc_id", "date", "actor", "type", "recipient"]
    assert any(r[2] == "FRA" and r[3] == "ACCUSE" and r[4] == "RUS" for r in rows[1:])


@pytest.mark.model
def test_bad_lines_are_reported_and_good_ones_land(capsys, tmp_path):
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok", "text": "La Turquie accuse la Syrie d'avoir bombardé ses soldats.", "date": "2016-05-02"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "bad-date", "text": "Texte.", "date": "2016-02-31"}),
    ]) + "\n")
    code, out, err = run(capsys, "extract", str(src))
    assert code == 2
    assert "batch.jsonl:2" in err and "batch.jsonl:3" in err and "batch.jsonl:4" in err
    assert "'text'" in err and "2016-02-31" in err
    docs = {json.loads(line)["doc_id"] for line in out.splitlines()}
    assert docs == {"ok"}


def test_missing_path_is_a_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, "extract", str(tmp_path / "nope.txt"))
    assert code == 1
    assert "nope.txt" in err and "[E007]" in err


def test_bad_date_option(capsys, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Titre\n\nTexte.")
    code, _, err = run(capsys, "extract", str(f), "--date", "17/11/2023")
    assert code == 1 and "[E002]" in err
