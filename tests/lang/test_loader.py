import json

import pytest

from veille.errors import VeilleError
from veille.lang import load_language, supported_languages
from veille.lang.loader import parse_entry


def test_languages_present():
    assert "fr" in supported_languages()


def test_french_lexicon_covers_all_plover_types():
    from veille.ontology.model import PLOVER_TYPES
    data = load_language("fr")
    assert {e.type for e in data.lexicon} == set(PLOVER_TYPES)
    assert all(e.examples for e in data.lexicon)
    assert len({e.id for e in data.lexicon}) == len(data.lexicon)


def test_unsupported_language_lists_supported():
    with pytest.raises(VeilleError) as err:
        load_language("xx")
    assert "fr" in str(err.value)


GOOD = {"id": "t-1", "lemma": "frapper", "pos": "VERB", "type": "ASSAULT", "cameo": "190",
        "examples": ["L'armée a frappé la ville."]}


@pytest.mark.parametrize("change,needle", [
    ({"type": "HUG"}, "PLOVER"),
    ({"cameo": "999"}, "CAMEO"),
    ({"pos": "ADV"}, "pos"),
    ({"examples": []}, "examples"),
    ({"actor": ["somewhere"]}, "slot"),
    ({"colour": "blue"}, "unknown field"),
    ({"modality": "maybe"}, "modality"),
])
def test_bad_entry_names_file_line_and_reason(change, needle):
    obj = {**GOOD, **change}
    with pytest.raises(VeilleError) as err:
        parse_entry(obj, "lang/xx/lexicon.jsonl", 7)
    msg = str(err.value)
    assert "lexicon.jsonl" in msg and "line 7" in msg and needle in msg


def test_missing_field():
    obj = dict(GOOD)
    del obj["cameo"]
    with pytest.raises(VeilleError, match="missing field 'cameo'"):
        parse_entry(obj, "f", 1)


def test_noun_defaults_and_symmetric_reciprocal_actor():
    e = parse_entry({**GOOD, "pos": "NOUN", "lemma": "sommet", "type": "CONSULT", "cameo": "040",
                     "symmetric": True}, "f", 1)
    assert e.actor[-1] == "reciprocal" and "poss" in e.actor
    assert e.recipient == ("nmod",)


def test_label_map_keys_are_known():
    data = load_language("fr")
    assert data.label("subj") == frozenset({"nsubj"})
    assert "obl:agent" in data.label("agent")
    json.dumps(sorted(data.labels))
