"""What a request asks for, or a permission allows, is no event of its own (coding guide, settled cases:
'X appelle Y à cesser les frappes' is REQUEST only). Hand-built parses of both languages, no model."""
from __future__ import annotations

import pytest
import spacy

from tests.conftest import FIN, INF, PART, code_dyads, coded_drafts, make_doc

PAST = "Tense=Past|VerbForm=Fin"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def types(engine, doc):
    return {(a, t, r) for a, t, r, _ in code_dyads(engine, doc)}


def test_the_act_asked_of_the_addressee_is_not_coded(en, vocab):
    # France asked Iran to help Syria .
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 1), ("asked", "ask", "VERB", "ROOT", 1, PAST),
        ("Iran", "Iran", "PROPN", "dobj", 1), ("to", "to", "PART", "aux", 4), ("help", "help", "VERB", "xcomp", 1, INF),
        ("Syria", "Syria", "PROPN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert types(en, doc) == {("FRA", "REQUEST", "IRN")}


def test_a_wish_that_another_acts_is_a_request_only(en, vocab):
    # France wants Iran to attack Syria .
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 1), ("wants", "want", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("Iran", "Iran", "PROPN", "nsubj", 4), ("to", "to", "PART", "aux", 4), ("attack", "attack", "VERB", "ccomp", 1, INF),
        ("Syria", "Syria", "PROPN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert types(en, doc) == {("FRA", "REQUEST", "IRN")}


def test_the_act_a_permission_allows_is_not_coded(en, vocab):
    # France gave permission to Iran to help Syria .   (the small parser hangs 'help' on the light verb)
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 1), ("gave", "give", "VERB", "ROOT", 1, PAST),
        ("permission", "permission", "NOUN", "dobj", 1), ("to", "to", "ADP", "dative", 1),
        ("Iran", "Iran", "PROPN", "pobj", 3), ("to", "to", "PART", "aux", 6), ("help", "help", "VERB", "advcl", 1, INF),
        ("Syria", "Syria", "PROPN", "dobj", 6), (".", ".", "PUNCT", "punct", 1)])
    assert not any(t == "AID" for _, t, _ in types(en, doc))


def test_the_act_pressed_for_is_not_coded(en, vocab):
    # Iran faces pressure from France to help Syria .
    doc = make_doc(vocab, [
        ("Iran", "Iran", "PROPN", "nsubj", 1), ("faces", "face", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("pressure", "pressure", "NOUN", "dobj", 1), ("from", "from", "ADP", "prep", 2),
        ("France", "France", "PROPN", "pobj", 3), ("to", "to", "PART", "aux", 6), ("help", "help", "VERB", "acl", 2, INF),
        ("Syria", "Syria", "PROPN", "dobj", 6), (".", ".", "PUNCT", "punct", 1)])
    assert not any(t == "AID" for _, t, _ in types(en, doc))


def test_an_event_noun_demanded_is_not_coded(en, vocab):
    # Ukraine demanded the withdrawal of Russian troops .
    doc = make_doc(vocab, [
        ("Ukraine", "Ukraine", "PROPN", "nsubj", 1), ("demanded", "demand", "VERB", "ROOT", 1, PAST),
        ("the", "the", "DET", "det", 3), ("withdrawal", "withdrawal", "NOUN", "dobj", 1), ("of", "of", "ADP", "prep", 3),
        ("Russian", "russian", "ADJ", "amod", 6), ("troops", "troop", "NOUN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)])
    got = types(en, doc)
    assert any(a == "UKR" and t == "REQUEST" for a, t, _ in got)
    assert not any(t == "RETREAT" for _, t, _ in got)


def test_an_event_named_as_the_circumstance_of_the_asked_act_stays(en, vocab):
    # France urged Iran to withdraw after Russia 's attack .
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 1), ("urged", "urge", "VERB", "ROOT", 1, PAST),
        ("Iran", "Iran", "PROPN", "dobj", 1), ("to", "to", "PART", "aux", 4), ("withdraw", "withdraw", "VERB", "xcomp", 1, INF),
        ("after", "after", "ADP", "prep", 4), ("Russia", "Russia", "PROPN", "poss", 8), ("'s", "'s", "PART", "case", 6),
        ("attack", "attack", "NOUN", "pobj", 5), (".", ".", "PUNCT", "punct", 1)])
    got = types(en, doc)
    assert ("FRA", "REQUEST", "IRN") in got and any(a == "RUS" and t == "ASSAULT" for a, t, _ in got)
    assert not any(t == "RETREAT" for _, t, _ in got)


def test_french_the_act_asked_of_the_addressee_is_not_coded(fr, blank_fr):
    # La France appelle la Russie à aider la Syrie .
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("France", "France", "PROPN", "nsubj", 2), ("appelle", "appeler", "VERB", "ROOT", 2, FIN),
        ("la", "le", "DET", "det", 4), ("Russie", "Russie", "PROPN", "obj", 2), ("à", "à", "ADP", "mark", 6),
        ("aider", "aider", "VERB", "xcomp", 2, INF), ("la", "le", "DET", "det", 8), ("Syrie", "Syrie", "PROPN", "obj", 6),
        (".", ".", "PUNCT", "punct", 2)])
    assert types(fr, doc) == {("FRA", "REQUEST", "RUS")}


def test_french_a_demand_that_another_acts_is_a_request_only(fr, blank_fr):
    # Paris a exigé que Moscou attaque Kiev .
    doc = make_doc(blank_fr.vocab, [
        ("Paris", "Paris", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2, FIN),
        ("exigé", "exiger", "VERB", "ROOT", 2, PART), ("que", "que", "SCONJ", "mark", 5),
        ("Moscou", "Moscou", "PROPN", "nsubj", 5), ("attaque", "attaquer", "VERB", "ccomp", 2, "Mood=Sub|Tense=Pres|VerbForm=Fin"),
        ("Kiev", "Kiev", "PROPN", "obj", 5), (".", ".", "PUNCT", "punct", 2)])
    got = types(fr, doc)
    assert any(t == "REQUEST" for _, t, _ in got) and not any(t == "ASSAULT" for _, t, _ in got)


def test_refusing_permission_is_a_refusal_to_yield_and_the_act_is_not_coded(en, vocab):
    # China will not give permission to Taiwan to attack Japan .
    doc = make_doc(vocab, [
        ("China", "China", "PROPN", "nsubj", 3), ("will", "will", "AUX", "aux", 3), ("not", "not", "PART", "neg", 3),
        ("give", "give", "VERB", "ROOT", 3, INF), ("permission", "permission", "NOUN", "dobj", 3),
        ("to", "to", "ADP", "dative", 3), ("Taiwan", "Taiwan", "PROPN", "pobj", 5), ("to", "to", "PART", "aux", 8),
        ("attack", "attack", "VERB", "advcl", 3, INF), ("Japan", "Japan", "PROPN", "dobj", 8), (".", ".", "PUNCT", "punct", 3)])
    drafts = coded_drafts(en, doc)
    assert [(d.actor.key, d.type, d.cameo, d.recipient.key, d.modality) for d in drafts] == [
        ("CHN", "REJECT", "124", "TWN", "asserted")]


def test_french_an_act_wished_of_another_is_not_coded(fr, blank_fr):
    # La France souhaite que la Russie aide la Syrie .
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("France", "France", "PROPN", "nsubj", 2), ("souhaite", "souhaiter", "VERB", "ROOT", 2, FIN),
        ("que", "que", "SCONJ", "mark", 6), ("la", "le", "DET", "det", 5), ("Russie", "Russie", "PROPN", "nsubj", 6),
        ("aide", "aider", "VERB", "ccomp", 2, "Mood=Sub|Tense=Pres|VerbForm=Fin"), ("la", "le", "DET", "det", 8),
        ("Syrie", "Syrie", "PROPN", "obj", 6), (".", ".", "PUNCT", "punct", 2)])
    assert not types(fr, doc)


def test_an_act_hoped_of_another_is_not_coded(en, vocab):
    # Britain hopes that Iran will attack Iraq .   (the small model lemmatises 'hopes' as 'hop')
    doc = make_doc(vocab, [
        ("Britain", "Britain", "PROPN", "nsubj", 1), ("hopes", "hop", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("that", "that", "SCONJ", "mark", 5), ("Iran", "Iran", "PROPN", "nsubj", 5), ("will", "will", "AUX", "aux", 5),
        ("attack", "attack", "VERB", "ccomp", 1, INF), ("Iraq", "Iraq", "PROPN", "dobj", 5), (".", ".", "PUNCT", "punct", 1)])
    assert not types(en, doc)


def test_an_event_named_inside_what_is_demanded_stays(en, vocab):
    # Ukraine demanded an investigation of Russia 's attack .   (the investigation is asked for; the attack happened)
    doc = make_doc(vocab, [
        ("Ukraine", "Ukraine", "PROPN", "nsubj", 1), ("demanded", "demand", "VERB", "ROOT", 1, PAST),
        ("an", "a", "DET", "det", 3), ("investigation", "investigation", "NOUN", "dobj", 1), ("of", "of", "ADP", "prep", 3),
        ("Russia", "Russia", "PROPN", "poss", 7), ("'s", "'s", "PART", "case", 5), ("attack", "attack", "NOUN", "pobj", 4),
        (".", ".", "PUNCT", "punct", 1)])
    assert types(en, doc) == {("UKR", "REQUEST", "RUS"), ("RUS", "ASSAULT", None)}


def test_a_refused_act_is_not_coded(en, vocab):
    # Turkey refused to release Iran 's prisoners .   (coding guide: 'X a refusé de faire Y' is X REJECT)
    doc = make_doc(vocab, [
        ("Turkey", "Turkey", "PROPN", "nsubj", 1), ("refused", "refuse", "VERB", "ROOT", 1, PAST),
        ("to", "to", "PART", "aux", 3), ("release", "release", "VERB", "xcomp", 1, INF), ("Iran", "Iran", "PROPN", "poss", 6),
        ("'s", "'s", "PART", "case", 4), ("prisoners", "prisoner", "NOUN", "dobj", 3), (".", ".", "PUNCT", "punct", 1)])
    got = types(en, doc)
    assert any(a == "TUR" and t == "REJECT" for a, t, _ in got)
    assert not any(t == "RETREAT" for _, t, _ in got)


def test_a_refusal_keeps_the_event_it_rejects(en, vocab):
    # Ukraine rejected Russia 's demand .   (the demand was made)
    doc = make_doc(vocab, [
        ("Ukraine", "Ukraine", "PROPN", "nsubj", 1), ("rejected", "reject", "VERB", "ROOT", 1, PAST),
        ("Russia", "Russia", "PROPN", "poss", 4), ("'s", "'s", "PART", "case", 2), ("demand", "demand", "NOUN", "dobj", 1),
        (".", ".", "PUNCT", "punct", 1)])
    assert ("RUS", "REQUEST", "UKR") in types(en, doc)


def test_french_an_act_one_was_convinced_to_do_is_done(fr, blank_fr):
    # La Turquie a convaincu la Russie d' attaquer la Syrie .   (convaincre reports the act as done)
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("Turquie", "Turquie", "PROPN", "nsubj", 3), ("a", "avoir", "AUX", "aux:tense", 3, FIN),
        ("convaincu", "convaincre", "VERB", "ROOT", 3, PART), ("la", "le", "DET", "det", 5),
        ("Russie", "Russie", "PROPN", "obj", 3), ("d'", "de", "ADP", "mark", 7), ("attaquer", "attaquer", "VERB", "xcomp", 3, INF),
        ("la", "le", "DET", "det", 9), ("Syrie", "Syrie", "PROPN", "obj", 7), (".", ".", "PUNCT", "punct", 3)])
    got = types(fr, doc)
    assert ("TUR", "REQUEST", "RUS") in got and ("RUS", "ASSAULT", "SYR") in got


def test_hoping_to_help_is_a_hypothetical_intent_even_if_lemmatised_wrong(en, vocab):
    # Japan hopes to help Indonesia .   (en_core_web_sm lemmatises 'hopes' as 'hop')
    doc = make_doc(vocab, [
        ("Japan", "Japan", "PROPN", "nsubj", 1), ("hopes", "hop", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("to", "to", "PART", "aux", 3), ("help", "help", "VERB", "xcomp", 1, INF), ("Indonesia", "Indonesia", "PROPN", "dobj", 3),
        (".", ".", "PUNCT", "punct", 1)])
    assert [(d.type, d.cameo, d.modality) for d in coded_drafts(en, doc)] == [("AGREE", "033", "hypothetical")]
