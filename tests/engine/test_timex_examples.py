"""Every example attached to a rule of lang/<lang>/dates.json is a test case."""
from __future__ import annotations

import pytest

from veille.engine.timex import tag_dates
from veille.engine.timex_grammar import load_grammar

CASES = [(lang, rule.id, ex) for lang in ("fr", "en") for rule in load_grammar(lang).rules for ex in rule.examples]


@pytest.mark.parametrize("lang,rule_id,ex", CASES, ids=[f"{c[1]}:{c[2].text}" for c in CASES])
def test_rule_example(lang, rule_id, ex):
    tense_at = (lambda _offset: ex.tense) if ex.tense else None
    found = tag_dates(ex.text, ex.ref, lang, tense_at)
    assert len(found) == 1, [(t.text, t.rule) for t in found]
    t = found[0]
    assert (t.type, t.value, t.precision, t.value_end) == (ex.type, ex.value, ex.precision, ex.value_end)
    assert t.rule == rule_id


VETOES = [(lang, veto.id, text) for lang in ("fr", "en") for veto in load_grammar(lang).vetoes for text in veto.examples]


@pytest.mark.parametrize("lang,veto_id,text", VETOES, ids=[f"{v[1]}:{v[2]}" for v in VETOES])
def test_veto_example_yields_nothing(lang, veto_id, text):
    assert tag_dates(text, "2023-11-17", lang) == []
