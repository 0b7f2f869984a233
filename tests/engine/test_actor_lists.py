"""Several owners for one title (engine/actor_lists.py), on hand-built parses (no model)."""
from __future__ import annotations

import pytest

from veille.engine.actors import ActorResolver
from veille.gazetteer import load_gazetteer
from veille.lang import load_language


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_language("fr"), load_gazetteer())


CASES = [
    # 'Les gouvernements britannique, australien et danois ont reconnu.'
    ([("Les", "le", "DET", "det", 1), ("gouvernements", "gouvernement", "NOUN", "nsubj", 8),
      ("britannique", "britannique", "ADJ", "amod", 1), (",", ",", "PUNCT", "punct", 4),
      ("australien", "australien", "ADJ", "amod", 1), ("et", "et", "CCONJ", "cc", 6),
      ("danois", "danois", "ADJ", "conj", 4), ("ont", "avoir", "AUX", "aux", 8),
      ("reconnu", "reconnaître", "VERB", "ROOT", 8)], 1, ["GBR", "AUS", "DNK"], "GOV"),
    # "L'aviation syrienne et russe a bombardé."
    ([("L'", "le", "DET", "det", 1), ("aviation", "aviation", "NOUN", "nsubj", 6),
      ("syrienne", "syrien", "ADJ", "amod", 1), ("et", "et", "CCONJ", "cc", 4),
      ("russe", "russe", "ADJ", "conj", 2), ("a", "avoir", "AUX", "aux", 6),
      ("bombardé", "bombarder", "VERB", "ROOT", 6)], 1, ["SYR", "RUS"], "MIL"),
    # "Les ambassadeurs de l'Allemagne, de la Belgique et de l'UE ont protesté."
    ([("Les", "le", "DET", "det", 1), ("ambassadeurs", "ambassadeur", "NOUN", "nsubj", 14),
      ("de", "de", "ADP", "case", 4), ("l'", "le", "DET", "det", 4), ("Allemagne", "Allemagne", "PROPN", "nmod", 1),
      (",", ",", "PUNCT", "punct", 8), ("de", "de", "ADP", "case", 8), ("la", "le", "DET", "det", 8),
      ("Belgique", "Belgique", "PROPN", "conj", 4), ("et", "et", "CCONJ", "cc", 12),
      ("de", "de", "ADP", "case", 12), ("l'", "le", "DET", "det", 12), ("UE", "UE", "PROPN", "conj", 4),
      ("ont", "avoir", "AUX", "aux", 14), ("protesté", "protester", "VERB", "ROOT", 14)],
     1, ["DEU", "BEL", "EU"], "GOV"),
]


@pytest.mark.parametrize("rows,head,keys,role", CASES)
def test_one_holder_per_owner(resolver, doc_builder, rows, head, keys, role):
    doc = doc_builder([r if len(r) > 5 else (*r, "") for r in rows])
    state = resolver.scan(doc, "2024-03-05")
    ents = resolver.entities(state, doc[head])
    assert [e.key for e in ents] == keys and {e.role for e in ents} == {role}
