"""Engine behaviour on hand-built French parses (no model): events the text states indirectly or that the
tagger/parser mislabels (attributions, mistagged infinitives, misread subjects)."""
from __future__ import annotations

from tests.conftest import FIN, PART, code_dyads, make_doc


code = code_dyads


def test_an_attributed_attack_is_an_alleged_act_of_the_accused(fr, blank_fr):
    # plusieurs ONG attribuent cette attaque au régime syrien (the accusers resolve to no entity)
    doc = make_doc(blank_fr.vocab, [
        ("plusieurs", "plusieurs", "DET", "det", 1), ("ONG", "ong", "NOUN", "nsubj", 2),
        ("attribuent", "attribuer", "VERB", "ROOT", 2, FIN), ("cette", "ce", "DET", "det", 4, "PronType=Dem"),
        ("attaque", "attaque", "NOUN", "obj", 2), ("au", "au", "ADP", "case", 6),
        ("régime", "régime", "NOUN", "nmod", 4), ("syrien", "syrien", "ADJ", "amod", 6), (".", ".", "PUNCT", "punct", 2)])
    assert [(a, t, m) for a, t, _, m in code(fr, doc)] == [("SYR", "ASSAULT", "alleged")]


def test_an_attack_not_attributed_is_negated(fr, blank_fr):
    # L'ONU n'a pas attribué l'attaque à la Russie
    doc = make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("ONU", "ONU", "PROPN", "nsubj", 5), ("n'", "ne", "ADV", "advmod", 5, "Polarity=Neg"),
        ("a", "avoir", "AUX", "aux:tense", 5, FIN), ("pas", "pas", "ADV", "advmod", 5, "Polarity=Neg"),
        ("attribué", "attribuer", "VERB", "ROOT", 5, PART), ("l'", "le", "DET", "det", 7), ("attaque", "attaque", "NOUN", "obj", 5),
        ("à", "à", "ADP", "case", 10), ("la", "le", "DET", "det", 10), ("Russie", "Russie", "PROPN", "obl:arg", 5)])
    got = code(fr, doc)
    assert ("RUS", "ASSAULT", None, "negated") in got
    assert not [g for g in got if g[1] == "ASSAULT" and g[3] != "negated"]


def test_a_misread_lemma_is_repaired_from_the_regular_form(fr, blank_fr):
    # Les États-Unis pressent les Kurdes à ... : the lemmatiser reads 'pressent' as pressentir
    doc = make_doc(blank_fr.vocab, [
        ("Les", "le", "DET", "det", 1), ("États-Unis", "États-Unis", "PROPN", "nsubj", 2),
        ("pressent", "pressentir", "VERB", "ROOT", 2, "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"),
        ("la", "le", "DET", "det", 4), ("Turquie", "Turquie", "PROPN", "obj", 2)])
    assert ("USA", "REQUEST", "TUR", "asserted") in code(fr, doc)


def test_a_repaired_lemma_needs_agreeing_features(fr, blank_fr):
    # 'il pressent la Turquie' (singular): pressentir, not presser
    doc = make_doc(blank_fr.vocab, [
        ("Washington", "Washington", "PROPN", "nsubj", 1),
        ("pressent", "pressentir", "VERB", "ROOT", 1, "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
        ("la", "le", "DET", "det", 3), ("Turquie", "Turquie", "PROPN", "obj", 1)])
    assert not code(fr, doc)


def test_an_infinitive_tagged_as_noun_is_a_verb(fr, blank_fr):
    # l'aviation syrienne et russe réussissent à ravitailler l'armée irakienne ('ravitailler' NOUN, its object
    # hung on 'réussissent', 'russe' coordinated to the noun)
    doc = make_doc(blank_fr.vocab, [
        ("l'", "le", "DET", "det", 1), ("aviation", "aviation", "NOUN", "nsubj", 5),
        ("syrienne", "syrien", "ADJ", "amod", 1), ("et", "et", "CCONJ", "cc", 4), ("russe", "russe", "ADJ", "conj", 1),
        ("réussissent", "réussir", "VERB", "ROOT", 5, "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"),
        ("à", "à", "ADP", "case", 7), ("ravitailler", "ravitailler", "NOUN", "obl:arg", 5),
        ("l'", "le", "DET", "det", 9), ("armée", "armée", "NOUN", "obj", 5), ("irakienne", "irakien", "ADJ", "amod", 9)])
    got = {(a, t, r) for a, t, r, _ in code(fr, doc)}
    assert {("SYR", "AID", "IRQ"), ("RUS", "AID", "IRQ")} <= got
