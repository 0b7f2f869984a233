"""quotes.json is checked on load: a bad file fails with its path and the reason (E101)."""
from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from veille.engine.quotes_cues import load_quote_cues, parse_cues
from veille.errors import VeilleError


@pytest.fixture(scope="module")
def fr_raw() -> dict:
    return json.loads(resources.files("veille.lang").joinpath("fr", "quotes.json").read_text("utf-8"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_packaged_cues_load(lang):
    cues = load_quote_cues(lang)
    assert cues.marks and cues.speech_verbs and cues.examples
    assert len({e.id for e in cues.examples}) == len(cues.examples)


def test_feelings_are_not_speech():
    cues = load_quote_cues("fr")
    assert "craindre" in cues.feeling_verbs and "craindre" not in cues.speech_verbs
    assert {"affirmer", "estimer", "indiquer"} <= cues.speech_verbs
    assert "selon" in cues.source_preps


def test_unknown_language_lists_supported():
    with pytest.raises(VeilleError) as err:
        load_quote_cues("xx")
    assert "E001" in str(err.value) and "fr" in str(err.value)


BAD = [
    (lambda d: d.update(marks=[["«"]]), "marks"),
    (lambda d: d.update(speech_verbs=[]), "speech_verbs"),
    (lambda d: d.update(speech_verbs=["dire", 3]), "speech_verbs"),
    (lambda d: d.update(surprise=1), "unknown key"),
    (lambda d: d.update(scare_max_words=-1), "scare_max_words"),
    (lambda d: d["examples"].append({"id": d["examples"][0]["id"], "text": "x"}), "duplicate id"),
    (lambda d: d["examples"].append({"id": "z", "text": "x", "quotes": [{"kind": "said", "content": "x"}]}), "kind"),
]


@pytest.mark.parametrize("mutate,reason", BAD)
def test_bad_cues_fail_with_reason(fr_raw, mutate, reason):
    data = copy.deepcopy(fr_raw)
    mutate(data)
    with pytest.raises(VeilleError) as err:
        parse_cues(data, "fr", "lang/fr/quotes.json")
    assert "E101" in str(err.value) and "lang/fr/quotes.json" in str(err.value) and reason in str(err.value)
