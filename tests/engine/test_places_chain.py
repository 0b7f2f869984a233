"""The location chain on hand-built Docs: the clause's place, then (events on the ground)
a place of the sentence, then the article's place, each agreeing with the participants."""
from __future__ import annotations

import pytest
import spacy

from tests.conftest import make_doc
from veille.engine.actors import DocActors
from veille.engine.places import EventPlacer
from veille.engine.syntax import Syntax
from veille.gazetteer import load_gazetteer
from veille.gazetteer.places import load_places
from veille.lang import load_language
from veille.records import Entity, Location

PAST = "Tense=Past|VerbForm=Part"
DEF = "Definite=Def|PronType=Art"

# 'Irak : offensive' (title) / 'BAGDAD, 12 mars - X a attaqué Y à Mossoul.' /
# 'Z a frappé W après l'offensive de Raqqa.' / 'Z a frappé W dans la région.' / 'Z a frappé W.'
ROWS = [
    ("Irak", "Irak", "PROPN", "ROOT", 0), (":", ":", "PUNCT", "punct", 0), ("offensive", "offensive", "NOUN", "dep", 0),
    ("\n\n", "\n\n", "SPACE", "dep", 2),
    ("BAGDAD", "Bagdad", "PROPN", "dep", 11), (",", ",", "PUNCT", "punct", 4), ("12", "12", "NUM", "nmod", 4),
    ("mars", "mars", "NOUN", "flat", 6), ("-", "-", "PUNCT", "punct", 11), ("X", "X", "PROPN", "nsubj", 11),
    ("a", "avoir", "AUX", "aux:tense", 11), ("attaqué", "attaquer", "VERB", "ROOT", 11, PAST),
    ("Y", "Y", "PROPN", "obj", 11), ("à", "à", "ADP", "case", 14), ("Mossoul", "Mossoul", "PROPN", "obl:mod", 11),
    (".", ".", "PUNCT", "punct", 11),
    ("Z", "Z", "PROPN", "nsubj", 18), ("a", "avoir", "AUX", "aux:tense", 18), ("frappé", "frapper", "VERB", "ROOT", 18, PAST),
    ("W", "W", "PROPN", "obj", 18), ("après", "après", "ADP", "case", 22), ("l'", "le", "DET", "det", 22, DEF),
    ("offensive", "offensive", "NOUN", "obl:mod", 18), ("de", "de", "ADP", "case", 24),
    ("Raqqa", "Raqqa", "PROPN", "nmod", 22), (".", ".", "PUNCT", "punct", 18),
    ("Z", "Z", "PROPN", "nsubj", 28), ("a", "avoir", "AUX", "aux:tense", 28), ("frappé", "frapper", "VERB", "ROOT", 28, PAST),
    ("W", "W", "PROPN", "obj", 28), ("dans", "dans", "ADP", "case", 32), ("la", "le", "DET", "det", 32, DEF),
    ("région", "région", "NOUN", "obl:mod", 28), (".", ".", "PUNCT", "punct", 28),
    ("Z", "Z", "PROPN", "nsubj", 36), ("a", "avoir", "AUX", "aux:tense", 36), ("frappé", "frapper", "VERB", "ROOT", 36, PAST),
    ("W", "W", "PROPN", "obj", 36), (".", ".", "PUNCT", "punct", 36),
]

ISIS = Entity(text="Daech", key="ISIS")
FRA = Entity(text="la France", key="FRA", country="FRA")
DEU = Entity(text="l'Allemagne", key="DEU", country="DEU")
IRQ = Entity(text="l'Irak", key="IRQ", country="IRQ")


@pytest.fixture(scope="module")
def setup():
    data = load_language("fr")
    placer = EventPlacer(data, Syntax(data), load_gazetteer(), load_places())
    doc = make_doc(spacy.blank("fr").vocab, ROWS)
    state = DocActors(doc, "2016-03-12")
    return placer, doc, state, placer.article_places(doc, state, "Irak : offensive", title_in_text=True)


def test_article_places_topic_then_dateline(setup):
    _, _, _, article = setup
    assert [(p.country, p.lat is not None) for p in article.places][:2] == [("IRQ", False), ("IRQ", True)]


# (trigger token index, type, mode, actor, recipient, expected country or None, coordinates expected)
CASES = [
    (11, "ASSAULT", None, ISIS, None, "IRQ", True),      # 1. the clause: 'à Mossoul'
    (11, "ACCUSE", None, FRA, DEU, "IRQ", True),         # the clause's place holds for any event
    (18, "ASSAULT", None, ISIS, None, "SYR", True),      # 2. the sentence: 'l'offensive de Raqqa'
    (18, "ACCUSE", None, FRA, DEU, None, False),         # statements take no place from context
    (28, "ASSAULT", None, ISIS, IRQ, "IRQ", False),      # 'dans la région': the article's place
    (36, "ASSAULT", None, ISIS, None, "IRQ", False),     # 3. the article: its topic
    (36, "CONSULT", None, FRA, DEU, None, False),        # two states elsewhere: no place
    (36, "CONSULT", None, FRA, IRQ, "IRQ", False),       # the host's country agrees
    (36, "CONSULT", "phone", FRA, IRQ, None, False),     # a phone call happens nowhere
    (36, "MOBILIZE", None, FRA, None, None, False),      # a missing recipient opens no foreign theatre
    (36, "AID", None, IRQ, FRA, None, False),            # aid happens on the recipient's side, not the donor's
    (36, "AID", None, FRA, IRQ, "IRQ", False),
    (36, "AID", None, FRA, ISIS, "IRQ", False),
]


@pytest.mark.parametrize("i,typ,mode,actor,recipient,country,coords", CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}-{c[3].key}-{c[4].key if c[4] else None}" for c in CASES])
def test_locate(setup, i, typ, mode, actor, recipient, country, coords):
    placer, doc, state, article = setup
    loc = placer.locate(doc[i], state, typ, mode, actor, recipient, article)
    assert (loc.country if loc else None) == country
    if loc:
        assert (loc.lat is not None) == coords and loc.text in doc.text


def test_no_article_place_no_context_location(setup):
    placer, doc, state, _ = setup
    assert placer.locate(doc[36], state, "ASSAULT", None, ISIS, None, None) is None


@pytest.mark.parametrize("country,participants,strict,expected", [
    ("SYR", [Entity("x", "SYR", country="SYR"), Entity("y", "USA", country="USA")], False, True),
    ("SYR", [Entity("x", "TUR", country="TUR"), ISIS], True, True),
    ("SYR", [Entity("x", "RUS", country="RUS"), Entity("y", "USA", country="USA")], False, False),
    ("POL", [Entity("x", "USA", country="USA"), None], False, True),
    ("POL", [Entity("x", "USA", country="USA"), None], True, False),
])
def test_agrees(country, participants, strict, expected):
    assert EventPlacer.agrees(Location(text="p", country=country), participants, strict) is expected


# 'X a appelé Y après une visite en Syrie .': the visit's place is not the call's
VISIT = [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2), ("appelé", "appeler", "VERB", "ROOT", 2, PAST),
         ("Y", "Y", "PROPN", "obj", 2), ("après", "après", "ADP", "case", 6), ("une", "un", "DET", "det", 6),
         ("visite", "visite", "NOUN", "obl:mod", 2), ("en", "en", "ADP", "case", 8), ("Syrie", "Syrie", "PROPN", "nmod", 6),
         (".", ".", "PUNCT", "punct", 2)]


@pytest.mark.parametrize("i,typ,expected", [(2, "AGREE", None), (6, "CONSULT", "SYR")])
def test_another_event_nouns_place(setup, i, typ, expected):
    placer = setup[0]
    doc = make_doc(spacy.blank("fr").vocab, VISIT)
    state = DocActors(doc, "2016-03-12")
    loc = placer.locate(doc[i], state, typ, None, FRA, DEU, None)
    assert (loc.country if loc else None) == expected


@pytest.mark.parametrize("lang,title,country", [
    ("fr", "Syrie : le front peine à avancer", "SYR"),
    ("en", "Syria: rebels push north", "SYR"),
    ("en", "Breaking: rebels push north", None),
    ("fr", "Le front peine à avancer", None),
])
def test_title_topic(lang, title, country):
    data = load_language(lang)
    placer = EventPlacer(data, Syntax(data), load_gazetteer(), load_places())
    doc = make_doc(spacy.blank(lang).vocab, [("Rien", "rien", "PRON", "ROOT", 0), (".", ".", "PUNCT", "punct", 0)])
    places = placer.article_places(doc, DocActors(doc, None), title, title_in_text=False).places
    assert (places[0].country if places else None) == country


# 'X a repris le reste de Mossoul .': a town the recogniser calls a place, outside the subjects
RETAKE = [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2), ("repris", "reprendre", "VERB", "ROOT", 2, PAST),
          ("le", "le", "DET", "det", 4), ("reste", "reste", "NOUN", "obj", 2), ("de", "de", "ADP", "case", 6),
          ("Mossoul", "Mossoul", "PROPN", "nmod", 4), (".", ".", "PUNCT", "punct", 2)]


@pytest.mark.parametrize("label,expected", [("LOC", "IRQ"), ("PER", None), (None, None)])
def test_town_named_outside_subjects(setup, label, expected):
    from spacy.tokens import Span
    placer = setup[0]
    doc = make_doc(spacy.blank("fr").vocab, RETAKE)
    if label:
        doc.ents = [Span(doc, 6, 7, label=label)]
    loc = placer.locate(doc[2], DocActors(doc, None), "ASSAULT", None, IRQ, ISIS, None)
    assert (loc.country if loc else None) == expected


# ---- landmarks and seats of institutions ----------------------------------------------------
def _placer(lang: str) -> EventPlacer:
    data = load_language(lang)
    return EventPlacer(data, Syntax(data), load_gazetteer(), load_places())


# (lang, rows, index of the place noun, expected (country, coordinates given), text)
LANDMARKS = [
    # 'à l'Académie royale militaire de Sandhurst': at Sandhurst, with its coordinates
    ("fr", [("à", "à", "ADP", "case", 2), ("l'", "le", "DET", "det", 2, DEF), ("Académie", "académie", "NOUN", "ROOT", 2),
            ("royale", "royal", "ADJ", "amod", 2), ("militaire", "militaire", "ADJ", "amod", 2),
            ("de", "de", "ADP", "case", 6), ("Sandhurst", "Sandhurst", "PROPN", "nmod", 2)], 2,
     ("GBR", True), "Académie royale militaire de Sandhurst"),
    ("en", [("at", "at", "ADP", "ROOT", 0), ("the", "the", "DET", "det", 2), ("academy", "academy", "NOUN", "pobj", 0),
            ("of", "of", "ADP", "prep", 2), ("Sandhurst", "Sandhurst", "PROPN", "pobj", 3)], 2,
     ("GBR", True), "academy of Sandhurst"),
    # 'au Parlement israélien': the seat of an institution, in the country's capital
    ("fr", [("au", "à", "ADP", "case", 1), ("Parlement", "parlement", "NOUN", "ROOT", 1),
            ("israélien", "israélien", "ADJ", "amod", 1)], 1, ("ISR", True), "Parlement israélien"),
    ("en", [("the", "the", "DET", "det", 2), ("Israeli", "Israeli", "ADJ", "amod", 2),
            ("parliament", "parliament", "NOUN", "ROOT", 2)], 2, ("ISR", True), "Israeli parliament"),
    # a base qualified by a nationality is not in that country ('la base russe' in Syria)
    ("fr", [("la", "le", "DET", "det", 1, DEF), ("base", "base", "NOUN", "ROOT", 1),
            ("russe", "russe", "ADJ", "amod", 1)], 1, None, None),
    # an embassy is not where its complement is ('l'ambassade de France à Ouagadougou')
    ("fr", [("l'", "le", "DET", "det", 1, DEF), ("ambassade", "ambassade", "NOUN", "ROOT", 1),
            ("de", "de", "ADP", "case", 3), ("France", "France", "PROPN", "nmod", 1)], 1, None, None),
]


@pytest.mark.parametrize("lang,rows,i,expected,text", LANDMARKS, ids=[f"{c[0]}-{c[4]}" for c in LANDMARKS])
def test_landmarks(lang, rows, i, expected, text):
    placer = _placer(lang)
    doc = make_doc(spacy.blank(lang).vocab, rows)
    loc = placer._candidate(doc[i], [])
    if expected is None:
        assert loc is None
    else:
        assert (loc.country, loc.lat is not None and loc.lon is not None) == expected
        assert loc.text == text


# ---- the occasion of a statement ------------------------------------------------------------
def _event(doc, i: int, typ: str, actor: Entity, recipient: Entity | None, location: Location | None, mode=None):
    from veille.records import Event, Evidence
    t = doc[i]
    return Event(doc_id="d", type=typ, cameo="040", actor=actor, recipient=recipient, date="2018-01-18",
                 date_precision="publication", modality="asserted", lang="fr", mode=mode, location=location,
                 evidence=Evidence(sentence=0, start=0, end=len(doc.text), text=doc.text, trigger=t.text))


GBR = Entity(text="May", key="GBR", country="GBR")
SANDHURST = Location(text="Sandhurst", country="GBR", lat=51.35, lon=-0.79)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("typ,recipient,same_paragraph,mode,expected", [
    ("AGREE", GBR, True, None, "GBR"),        # decided at the meeting of the two
    ("ACCUSE", GBR, True, None, "GBR"),
    ("AGREE", GBR, False, None, None),        # another paragraph: another occasion
    ("AGREE", DEU, True, None, None),         # another pair of parties
    ("AGREE", None, True, None, None),
    ("ASSAULT", GBR, True, None, None),       # an act on the ground is not said at a meeting
    ("AGREE", GBR, True, "phone", None),      # a call has no place to share
])
def test_share_occasions(lang, typ, recipient, same_paragraph, mode, expected):
    words = ["A", "B", "\n", "C"] if not same_paragraph else ["A", "B", "C", "D"]
    doc = spacy.blank(lang).make_doc(" ".join(words))
    events = [_event(doc, 0, typ, FRA, recipient, None),
              _event(doc, 3, "CONSULT", FRA, GBR, SANDHURST, mode)]
    EventPlacer.share_occasions(events, [doc[0], doc[3]])
    assert (events[0].location.country if events[0].location else None) == expected
    if expected:
        assert events[0].location is not events[1].location


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("second_actor,second_recipient,expected", [
    (DEU, None, "SYR"),     # 'le régime syrien et son allié russe' attacking: one act, one place
    (FRA, DEU, None),       # compound recipients ('a frappé la Syrie et le Liban') may be elsewhere
])
def test_share_siblings(lang, second_actor, second_recipient, expected):
    doc = spacy.blank(lang).make_doc("A B")
    syria = Location(text="nord de la Syrie", country="SYR")
    events = [_event(doc, 1, "ASSAULT", FRA, None, syria), _event(doc, 1, "ASSAULT", second_actor, second_recipient, None)]
    EventPlacer.share_siblings(events, [doc[1], doc[1]])
    assert (events[1].location.country if events[1].location else None) == expected


def test_place_text_has_no_line_break():
    placer = _placer("fr")
    rows = [("dans", "dans", "ADP", "case", 2), ("le", "le", "DET", "det", 2, DEF), ("nord", "nord", "NOUN", "ROOT", 2),
            ("de", "de", "ADP", "case", 5), ("la", "le", "DET", "det", 5, DEF), ("Syrie", "Syrie", "PROPN", "nmod", 2),
            ("\n\n", "\n\n", "SPACE", "dep", 5)]
    doc = make_doc(spacy.blank("fr").vocab, rows)
    assert placer._candidate(doc[2], []).text == "nord de la Syrie"
