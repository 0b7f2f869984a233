"""Owners of role nouns (places, office holders, possessive pronouns) and places as recipients
(engine/actor_places.py, actor_parties.py), on hand-built English parses."""
from __future__ import annotations

import spacy
from spacy.tokens import Span

from tests.conftest import code_dyads, make_doc

FIN = "VerbForm=Fin"


def _doc(rows, ents=()):
    doc = make_doc(spacy.blank("en").vocab, rows)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def _police_in(place_rows):
    """'Police in <place> arrested protesters .'"""
    n = len(place_rows)
    verb = 2 + n
    rows = [("Police", "police", "NOUN", "nsubj", verb), ("in", "in", "ADP", "prep", 0), *place_rows,
            ("arrested", "arrest", "VERB", "ROOT", verb, FIN), ("protesters", "protester", "NOUN", "dobj", verb),
            (".", ".", "PUNCT", "punct", verb)]
    return _doc(rows)


def test_role_noun_located_in_a_city_belongs_to_its_country(en):
    _, actors, _ = en
    doc = _police_in([("Hong", "Hong", "PROPN", "compound", 3), ("Kong", "Kong", "PROPN", "pobj", 1)])
    ent = actors.entities(actors.scan(doc, "2014-10-01"), doc[0])[0]
    assert (ent.key, ent.role) == ("HKG", "COP")


def test_role_noun_located_in_a_country_belongs_to_it(en):
    _, actors, _ = en
    doc = _police_in([("Iraq", "Iraq", "PROPN", "pobj", 1)])
    ent = actors.entities(actors.scan(doc, "2014-10-01"), doc[0])[0]
    assert (ent.key, ent.role) == ("IRQ", "COP")


def test_an_event_held_in_a_region_has_its_country_as_recipient(en):
    doc = _doc([("Russia", "Russia", "PROPN", "nsubj", 2), ("is", "be", "AUX", "aux", 2),
                ("conducting", "conduct", "VERB", "ROOT", 2, FIN), ("military", "military", "ADJ", "amod", 4),
                ("exercises", "exercise", "NOUN", "dobj", 2), ("in", "in", "ADP", "prep", 4),
                ("Alaska", "Alaska", "PROPN", "pobj", 5)])
    assert ("RUS", "MOBILIZE", "USA", "asserted") in code_dyads(en, doc)


def test_a_city_after_of_or_a_person_named_like_a_town_is_no_recipient(en):
    _, actors, _ = en
    battle = _doc([("the", "the", "DET", "det", 1), ("battle", "battle", "NOUN", "ROOT", 1),
                   ("of", "of", "ADP", "prep", 1), ("Mosul", "Mosul", "PROPN", "pobj", 2)])
    assert actors.place_key(actors.scan(battle, None), battle[3]) is None
    person = _doc([("a", "a", "DET", "det", 1), ("letter", "letter", "NOUN", "ROOT", 1),
                   ("to", "to", "ADP", "prep", 1), ("Obama", "Obama", "PROPN", "pobj", 2)], ents=[(3, 4, "PERSON")])
    assert actors.place_key(actors.scan(person, None), person[3]) is None
    town = _doc([("a", "a", "DET", "det", 1), ("visit", "visit", "NOUN", "ROOT", 1),
                 ("to", "to", "ADP", "prep", 1), ("Aleppo", "Aleppo", "PROPN", "pobj", 2)], ents=[(3, 4, "GPE")])
    assert actors.place_key(actors.scan(town, None), town[3]) == ("SYR", "Aleppo")


def _role_prep_place(noun, prep, place):
    """'the <noun> <prep> <place> condemned Russia .'"""
    return _doc([("the", "the", "DET", "det", 1), (noun, noun, "NOUN", "nsubj", 4), (prep, prep, "ADP", "prep", 1),
                 (place, place, "PROPN", "pobj", 2), ("condemned", "condemn", "VERB", "ROOT", 4, FIN),
                 ("Russia", "Russia", "PROPN", "dobj", 4), (".", ".", "PUNCT", "punct", 4)])


def test_a_role_posted_abroad_does_not_belong_to_its_host(en):
    _, actors, _ = en
    for place in ("Kabul", "Istanbul"):  # a capital of the gazetteer, a city of the places index
        doc = _role_prep_place("embassy", "in", place)
        ents = actors.entities(actors.scan(doc, None), doc[1])
        assert not ents or ents[0].key is None, (place, ents)


def test_only_of_from_and_place_prepositions_give_a_role_its_owner(en):
    _, actors, _ = en
    doc = _role_prep_place("troops", "near", "Kyiv")
    ents = actors.entities(actors.scan(doc, None), doc[1])
    assert not ents or ents[0].key is None, ents
    for prep in ("of", "from", "in"):
        doc = _role_prep_place("army", prep, "Syria")
        ent = actors.entities(actors.scan(doc, None), doc[1])[0]
        assert (ent.key, ent.role) == ("SYR", "MIL"), prep


def _subject(rows, ents=()):
    """'<rows> criticised Iran .' with the last row's noun the subject."""
    n = len(rows)
    doc = _doc([*rows, ("criticised", "criticise", "VERB", "ROOT", n, FIN), ("Iran", "Iran", "PROPN", "dobj", n),
                (".", ".", "PUNCT", "punct", n)], ents)
    return doc


def test_a_place_name_before_a_role_noun_gives_its_country(en):
    _, actors, _ = en
    doc = _subject([("Hong", "Hong", "PROPN", "compound", 1), ("Kong", "Kong", "PROPN", "compound", 2),
                    ("police", "police", "NOUN", "nsubj", 3)], ents=[(0, 2, "GPE")])
    ent = actors.entities(actors.scan(doc, None), doc[2])[0]
    assert (ent.key, ent.role) == ("HKG", "COP")
    untagged = _subject([("Chelsea", "Chelsea", "PROPN", "compound", 1), ("police", "police", "NOUN", "nsubj", 2)])
    ents = actors.entities(actors.scan(untagged, None), untagged[1])
    assert not ents or ents[0].key is None, ents  # a name not tagged as a place may be a club or a firm


def test_residents_of_a_city_belong_to_its_country(en):
    _, actors, _ = en
    doc = _subject([("Residents", "resident", "NOUN", "nsubj", 3), ("of", "of", "ADP", "prep", 0),
                    ("Aleppo", "Aleppo", "PROPN", "pobj", 1)])
    ent = actors.entities(actors.scan(doc, None), doc[0])[0]
    assert (ent.key, ent.role) == ("SYR", "CVL")


def test_a_role_noun_named_after_an_office_holder_is_of_that_state(en):
    _, actors, _ = en
    doc = _subject([("The", "the", "DET", "det", 2), ("Obama", "Obama", "PROPN", "compound", 2),
                    ("administration", "administration", "NOUN", "nsubj", 3)], ents=[(1, 2, "PERSON")])
    ent = actors.entities(actors.scan(doc, "2014-05-01"), doc[2])[0]
    assert (ent.key, ent.role) == ("USA", "GOV")
    ents = actors.entities(actors.scan(doc, "2019-05-01"), doc[2])  # out of office: no longer read
    assert not ents or ents[0].key is None, ents


def test_a_possessive_pronoun_gives_a_role_noun_its_owner(en):
    _, actors, _ = en
    doc = _doc([("Turkey", "Turkey", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1, FIN),
                ("its", "its", "PRON", "poss", 3, "Poss=Yes|PronType=Prs"), ("troops", "troop", "NOUN", "nsubj", 4),
                ("attacked", "attack", "VERB", "ccomp", 1, FIN), ("rebels", "rebel", "NOUN", "dobj", 4)])
    state = actors.scan(doc, None)
    actors.entities(state, doc[0])  # resolved in text order, as the coder's prepass does
    ent = actors.entities(state, doc[3])[0]
    assert (ent.key, ent.role) == ("TUR", "MIL")
