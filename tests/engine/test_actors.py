"""Actor resolution, table-driven from actor_cases.tsv (real models) and on hand-built parses."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from veille.engine.actors import ActorResolver
from veille.gazetteer import load_gazetteer
from veille.lang import load_language
from veille.nlp.components import parse_paragraphs

HERE = Path(__file__).parent


def _cases() -> list[list[str]]:
    lines = [ln for ln in (HERE / "actor_cases.tsv").read_text("utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return [pytest.param(*row, id=f"{row[0]}-{row[6]}") for row in csv.reader(lines, delimiter="\t")]


@pytest.fixture(scope="module")
def pipelines(fr_nlp):
    from veille.nlp.loading import load_pipeline
    return {"fr": fr_nlp, "en": load_pipeline("en_core_web_sm", "en")}


def _resolve(nlp, lang: str, text: str, date: str, mention: str):
    resolver = ActorResolver(load_language(lang), load_gazetteer())
    doc = next(parse_paragraphs(nlp, [text]))
    state = resolver.scan(doc, date)
    word, _, nth = mention.partition("#")
    toks = [t for t in doc if t.text == word]
    assert len(toks) >= int(nth or 1), f"{word!r} not in {text!r}"
    target = toks[int(nth or 1) - 1]
    for tok in doc:  # resolve in text order, as the coder's prepass does
        if tok.i < target.i:
            resolver.entities(state, tok)
    return resolver.entities(state, target)


@pytest.mark.model
@pytest.mark.parametrize("lang,date,text,mention,key,role,what", _cases())
def test_actor_cases(pipelines, lang, date, text, mention, key, role, what):
    ents = _resolve(pipelines[lang], lang, text, date, mention)
    if key == "-":
        assert not ents or ents[0].key is None, (what, ents)
    else:
        assert ents, (what, "unresolved")
        keys = key.split(",")  # coordination: every entity, in order
        assert [e.key for e in ents] == keys if len(keys) > 1 else ents[0].key == key, (what, ents)
        assert ents[0].role == (None if role == "-" else role), what


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("« J'ai ordonné des frappes contre la Syrie », a déclaré le président américain.", ("USA", "ASSAULT", "SYR")),
    ("Le ministre français a déclaré : « Nous condamnons la Russie. »", ("FRA", "ACCUSE", "RUS")),
])
def test_first_person_in_a_quote_is_its_speaker(fr_extractor, text, expected):
    from veille.records import Document
    result = fr_extractor.process(Document(id="q", text=text, lang="fr", date="2017-04-07"))
    assert expected in {(e.actor.key, e.type, e.recipient.key if e.recipient else None) for e in result.events}
