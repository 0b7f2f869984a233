"""Each event's date: the expression governing its clause or noun, else the nearest of its
sentence that belongs to no other event (or frames the clause), else the publication date.
Docs are built by hand (tests/conftest.make_doc), so no model is needed."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from tests.conftest import make_doc
from veille.engine.dating import EventDater
from veille.engine.syntax import Syntax
from veille.lang import load_language

PAST = "Tense=Past|VerbForm=Part"
PRES = "Mood=Ind|Tense=Pres|VerbForm=Fin"

# rows: (word, lemma, pos, dep, head, morph); heads are absolute token indices
FR = {
    # 'mardi' governs 'rencontré'; 'septembre' belongs to 'nommé'
    "governing": [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
                  ("rencontré", "rencontrer", "VERB", "ROOT", 2, PAST), ("mardi", "mardi", "NOUN", "obl:mod", 2),
                  ("Y", "Y", "PROPN", "obj", 2), (",", ",", "PUNCT", "punct", 6),
                  ("nommé", "nommer", "VERB", "acl", 4, PAST), ("en", "en", "ADP", "case", 8),
                  ("septembre", "septembre", "NOUN", "obl:mod", 6), (".", ".", "PUNCT", "punct", 2)],
    # only another clause's expression: the publication date
    "other_clause": [("Casper", "Casper", "PROPN", "nsubj", 7), (",", ",", "PUNCT", "punct", 2),
                     ("nommée", "nommer", "VERB", "acl", 0, PAST), ("en", "en", "ADP", "case", 4),
                     ("septembre", "septembre", "NOUN", "obl:mod", 2), (",", ",", "PUNCT", "punct", 2),
                     ("a", "avoir", "AUX", "aux:tense", 7), ("rencontré", "rencontrer", "VERB", "ROOT", 7, PAST),
                     ("Y", "Y", "PROPN", "obj", 7), (".", ".", "PUNCT", "punct", 7)],
    # 'Le 3 novembre' frames the clause that contains 'frappé'
    "framing": [("Le", "le", "DET", "det", 1), ("3", "3", "NUM", "obl:mod", 6), ("novembre", "novembre", "NOUN", "nmod", 1),
                (",", ",", "PUNCT", "punct", 1), ("X", "X", "PROPN", "nsubj", 6), ("a", "avoir", "AUX", "aux:tense", 6),
                ("déclaré", "déclarer", "VERB", "ROOT", 6, PAST), ("avoir", "avoir", "AUX", "aux:tense", 8),
                ("frappé", "frapper", "VERB", "xcomp", 6, PAST), ("Y", "Y", "PROPN", "obj", 8), (".", ".", "PUNCT", "punct", 6)],
    # 'du 3 mai' is the visit's: not the signature's date
    "event_noun": [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
                   ("signé", "signer", "VERB", "ROOT", 2, PAST), ("un", "un", "DET", "det", 4),
                   ("accord", "accord", "NOUN", "obj", 2), ("lors", "lors", "ADV", "case", 8),
                   ("de", "de", "ADP", "fixed", 5), ("sa", "son", "DET", "det", 8),
                   ("visite", "visite", "NOUN", "obl:mod", 2), ("du", "de", "ADP", "case", 10),
                   ("3", "3", "NUM", "nmod", 8), ("mai", "mai", "NOUN", "flat", 10), (".", ".", "PUNCT", "punct", 2)],
    # 'arrivé mardi et reparti jeudi': a range
    "range": [("X", "X", "PROPN", "nsubj", 2), ("est", "être", "AUX", "aux:tense", 2),
              ("arrivé", "arriver", "VERB", "ROOT", 2, PAST), ("mardi", "mardi", "NOUN", "obl:mod", 2),
              ("et", "et", "CCONJ", "cc", 5), ("reparti", "repartir", "VERB", "conj", 2, PAST),
              ("jeudi", "jeudi", "NOUN", "obl:mod", 5), (".", ".", "PUNCT", "punct", 2)],
    # a range across months and the leap day: 'arrivé le 28 février et reparti le 1er mars'
    "range_months": [("X", "X", "PROPN", "nsubj", 2), ("est", "être", "AUX", "aux:tense", 2),
                     ("arrivé", "arriver", "VERB", "ROOT", 2, PAST), ("le", "le", "DET", "det", 4),
                     ("28", "28", "NUM", "obl:mod", 2), ("février", "février", "NOUN", "flat", 4),
                     ("et", "et", "CCONJ", "cc", 7), ("reparti", "repartir", "VERB", "conj", 2, PAST),
                     ("le", "le", "DET", "det", 9), ("1er", "1er", "NUM", "obl:mod", 7), ("mars", "mars", "NOUN", "flat", 9),
                     (".", ".", "PUNCT", "punct", 2)],
    # 'Dans une interview publiée vendredi, X a indiqué ...': the occasion's date is the clause's
    "occasion": [("Dans", "dans", "ADP", "case", 2), ("une", "un", "DET", "det", 2),
                 ("interview", "interview", "NOUN", "obl:mod", 8), ("publiée", "publier", "VERB", "acl", 2, PAST),
                 ("vendredi", "vendredi", "NOUN", "obl:mod", 3), (",", ",", "PUNCT", "punct", 8),
                 ("X", "X", "PROPN", "nsubj", 8), ("a", "avoir", "AUX", "aux:tense", 8),
                 ("indiqué", "indiquer", "VERB", "ROOT", 8, PAST), (".", ".", "PUNCT", "punct", 8)],
    "no_expression": [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
                      ("condamné", "condamner", "VERB", "ROOT", 2, PAST), ("Y", "Y", "PROPN", "obj", 2),
                      (".", ".", "PUNCT", "punct", 2)],
    # 'après une visite': the call's 'vendredi' is not the visit's date
    "relative_noun": [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
                      ("appelé", "appeler", "VERB", "ROOT", 2, PAST), ("vendredi", "vendredi", "NOUN", "obl:mod", 2),
                      ("Y", "Y", "PROPN", "obj", 2), (",", ",", "PUNCT", "punct", 8),
                      ("après", "après", "ADP", "case", 8), ("une", "un", "DET", "det", 8),
                      ("visite", "visite", "NOUN", "obl:mod", 2), (".", ".", "PUNCT", "punct", 2)],
    # 'Mardi' opens the sentence (the parser hangs it on 'frappé'): it frames 'annoncé' too
    "opening": [("Mardi", "mardi", "NOUN", "obl:mod", 7), (",", ",", "PUNCT", "punct", 0), ("X", "X", "PROPN", "nsubj", 4),
                ("a", "avoir", "AUX", "aux:tense", 4), ("annoncé", "annoncer", "VERB", "ROOT", 4, PAST),
                ("que", "que", "SCONJ", "mark", 7), ("Y", "Y", "PROPN", "nsubj", 7),
                ("frappé", "frapper", "VERB", "ccomp", 4, PAST), ("Z", "Z", "PROPN", "obj", 7), (".", ".", "PUNCT", "punct", 4)],
    # 'mardi' is the announced attack's, not the announcement's
    "embedded_event": [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
                       ("annoncé", "annoncer", "VERB", "ROOT", 2, PAST), ("que", "que", "SCONJ", "mark", 5),
                       ("Y", "Y", "PROPN", "nsubj", 5), ("attaquerait", "attaquer", "VERB", "ccomp", 2, "Mood=Cnd|Tense=Pres"),
                       ("Z", "Z", "PROPN", "obj", 5), ("mardi", "mardi", "NOUN", "obl:mod", 5), (".", ".", "PUNCT", "punct", 2)],
    # 'lundi' hangs on 'unir', a verb that is no event and describes no noun
    "purpose": [("X", "X", "PROPN", "nsubj", 2), ("sont", "être", "AUX", "aux:tense", 2),
                ("parvenus", "parvenir", "VERB", "ROOT", 2, PAST), ("à", "à", "ADP", "case", 5), ("un", "un", "DET", "det", 5),
                ("accord", "accord", "NOUN", "obl:arg", 2), ("pour", "pour", "ADP", "mark", 8),
                ("s'", "se", "PRON", "expl:comp", 8), ("unir", "unir", "VERB", "advcl", 2, "VerbForm=Inf"),
                ("lundi", "lundi", "NOUN", "obl:mod", 8), (".", ".", "PUNCT", "punct", 2)],
    # the parser hangs the participle on the verb: a bare participle still describes a noun
    "misattached_participle": [("Casper", "Casper", "PROPN", "nsubj", 7), (",", ",", "PUNCT", "punct", 2),
                               ("nommée", "nommer", "VERB", "conj", 7, PAST), ("en", "en", "ADP", "case", 4),
                               ("septembre", "septembre", "NOUN", "obl:mod", 2), (",", ",", "PUNCT", "punct", 2),
                               ("a", "avoir", "AUX", "aux:tense", 7), ("rencontré", "rencontrer", "VERB", "ROOT", 7, PAST),
                               ("Y", "Y", "PROPN", "obj", 7), (".", ".", "PUNCT", "punct", 7)],
    # '..., qui ont tué Y le 16 février' (a relative clause, whatever its label) dates the killing
    "relative": [("X", "X", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
                 ("pris", "prendre", "VERB", "ROOT", 2, PAST), ("la", "le", "DET", "det", 4), ("ville", "ville", "NOUN", "obj", 2),
                 (",", ",", "PUNCT", "punct", 8), ("qui", "qui", "PRON", "nsubj", 8, "PronType=Rel"),
                 ("ont", "avoir", "AUX", "aux:tense", 8), ("tué", "tuer", "VERB", "dep", 2, PAST), ("Y", "Y", "PROPN", "obj", 8),
                 ("le", "le", "DET", "det", 11), ("16", "16", "NUM", "obl:mod", 8), ("février", "février", "NOUN", "flat", 11),
                 (".", ".", "PUNCT", "punct", 2)],
    # 'depuis 2012' starts a state: it dates no event, even as the clause's own expression
    "since": [("Depuis", "depuis", "ADP", "case", 1), ("2012", "2012", "NUM", "obl:mod", 5), (",", ",", "PUNCT", "punct", 5),
              ("les", "le", "DET", "det", 4), ("rebelles", "rebelle", "NOUN", "nsubj", 5),
              ("affrontent", "affronter", "VERB", "ROOT", 5, PRES), ("Y", "Y", "PROPN", "obj", 5), (".", ".", "PUNCT", "punct", 5)],
    # an opening participle with 'depuis juillet 2014' (tagged a noun, its date hung on the main verb)
    "since_opening": [("Encerclés", "encerclé", "NOUN", "obl:mod", 9), ("par", "par", "ADP", "case", 2),
                      ("Z", "Z", "PROPN", "obl:agent", 0), ("depuis", "depuis", "ADP", "case", 4),
                      ("juillet", "juillet", "NOUN", "obl:mod", 9), ("2014", "2014", "NUM", "nmod", 4),
                      (",", ",", "PUNCT", "punct", 9), ("X", "X", "PROPN", "nsubj", 9),
                      ("ont", "avoir", "AUX", "aux:tense", 9), ("frappé", "frapper", "VERB", "ROOT", 9, PAST),
                      ("Z", "Z", "PROPN", "obj", 9), (".", ".", "PUNCT", "punct", 9)],
    # '..., qui ont eu lieu le 16 février' describes the noun trigger 'embuscades' and is no event: its date
    "noun_relative": [("X", "X", "PROPN", "nsubj", 1), ("subit", "subir", "VERB", "ROOT", 1, PRES),
                      ("des", "un", "DET", "det", 3), ("embuscades", "embuscade", "NOUN", "obj", 1),
                      (",", ",", "PUNCT", "punct", 7), ("qui", "qui", "PRON", "nsubj", 7, "PronType=Rel"),
                      ("ont", "avoir", "AUX", "aux:tense", 7), ("eu", "avoir", "VERB", "acl:relcl", 3, PAST),
                      ("lieu", "lieu", "NOUN", "obj", 7), ("le", "le", "DET", "det", 10), ("16", "16", "NUM", "obl:mod", 7),
                      ("février", "février", "NOUN", "flat", 10), (".", ".", "PUNCT", "punct", 1)],
}

EN_PAST = "Tense=Past|VerbForm=Fin"

EN = {
    "governing": [("X", "X", "PROPN", "nsubj", 6), (",", ",", "PUNCT", "punct", 0),
                  ("appointed", "appoint", "VERB", "acl", 0, "Tense=Past|VerbForm=Part"), ("in", "in", "ADP", "prep", 2),
                  ("September", "September", "PROPN", "pobj", 3), (",", ",", "PUNCT", "punct", 0),
                  ("met", "meet", "VERB", "ROOT", 6, "Tense=Past|VerbForm=Fin"), ("Y", "Y", "PROPN", "dobj", 6),
                  ("on", "on", "ADP", "prep", 6), ("Tuesday", "Tuesday", "PROPN", "pobj", 8), (".", ".", "PUNCT", "punct", 6)],
    "other_clause": [("X", "X", "PROPN", "nsubj", 6), (",", ",", "PUNCT", "punct", 0),
                     ("appointed", "appoint", "VERB", "acl", 0, "Tense=Past|VerbForm=Part"), ("in", "in", "ADP", "prep", 2),
                     ("September", "September", "PROPN", "pobj", 3), (",", ",", "PUNCT", "punct", 0),
                     ("met", "meet", "VERB", "ROOT", 6, "Tense=Past|VerbForm=Fin"), ("Y", "Y", "PROPN", "dobj", 6),
                     (".", ".", "PUNCT", "punct", 6)],
    "since": [("X", "X", "PROPN", "nsubj", 2), ("has", "have", "AUX", "aux", 2),
              ("fought", "fight", "VERB", "ROOT", 2, "Tense=Past|VerbForm=Part"), ("Y", "Y", "PROPN", "dobj", 2),
              ("since", "since", "ADP", "prep", 2), ("2012", "2012", "NUM", "pobj", 4), (".", ".", "PUNCT", "punct", 2)],
    # 'On November 3' frames the clause that contains 'struck'
    "framing": [("On", "on", "ADP", "prep", 5), ("November", "November", "PROPN", "pobj", 0),
                ("3", "3", "NUM", "nummod", 1), (",", ",", "PUNCT", "punct", 5), ("X", "X", "PROPN", "nsubj", 5),
                ("said", "say", "VERB", "ROOT", 5, EN_PAST), ("it", "it", "PRON", "nsubj", 7),
                ("struck", "strike", "VERB", "ccomp", 5, EN_PAST), ("Y", "Y", "PROPN", "dobj", 7), (".", ".", "PUNCT", "punct", 5)],
    # 'arrived on Tuesday and left on Thursday': a range
    "range": [("X", "X", "PROPN", "nsubj", 1), ("arrived", "arrive", "VERB", "ROOT", 1, EN_PAST),
              ("on", "on", "ADP", "prep", 1), ("Tuesday", "Tuesday", "PROPN", "pobj", 2), ("and", "and", "CCONJ", "cc", 1),
              ("left", "leave", "VERB", "conj", 1, EN_PAST), ("on", "on", "ADP", "prep", 5),
              ("Thursday", "Thursday", "PROPN", "pobj", 6), (".", ".", "PUNCT", "punct", 1)],
    "no_expression": [("X", "X", "PROPN", "nsubj", 1), ("condemned", "condemn", "VERB", "ROOT", 1, EN_PAST),
                      ("Y", "Y", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)],
    # 'In an interview published on Friday, X said it struck Y': the occasion's date
    "occasion": [("In", "in", "ADP", "prep", 8), ("an", "an", "DET", "det", 2), ("interview", "interview", "NOUN", "pobj", 0),
                 ("published", "publish", "VERB", "acl", 2, "Tense=Past|VerbForm=Part"), ("on", "on", "ADP", "prep", 3),
                 ("Friday", "Friday", "PROPN", "pobj", 4), (",", ",", "PUNCT", "punct", 8), ("X", "X", "PROPN", "nsubj", 8),
                 ("said", "say", "VERB", "ROOT", 8, EN_PAST), ("it", "it", "PRON", "nsubj", 10),
                 ("struck", "strike", "VERB", "ccomp", 8, EN_PAST), ("Y", "Y", "PROPN", "dobj", 10), (".", ".", "PUNCT", "punct", 8)],
    # 'after a visit': the call's 'on Friday' is not the visit's date
    "relative_noun": [("X", "X", "PROPN", "nsubj", 1), ("called", "call", "VERB", "ROOT", 1, EN_PAST),
                      ("Y", "Y", "PROPN", "dobj", 1), ("on", "on", "ADP", "prep", 1), ("Friday", "Friday", "PROPN", "pobj", 3),
                      (",", ",", "PUNCT", "punct", 1), ("after", "after", "ADP", "prep", 1), ("a", "a", "DET", "det", 8),
                      ("visit", "visit", "NOUN", "pobj", 6), (".", ".", "PUNCT", "punct", 1)],
    # 'the visit of May 3' is the visit's date, not the signature's
    "event_noun": [("X", "X", "PROPN", "nsubj", 1), ("signed", "sign", "VERB", "ROOT", 1, EN_PAST),
                   ("a", "a", "DET", "det", 3), ("deal", "deal", "NOUN", "dobj", 1), ("during", "during", "ADP", "prep", 1),
                   ("the", "the", "DET", "det", 6), ("visit", "visit", "NOUN", "pobj", 4), ("of", "of", "ADP", "prep", 6),
                   ("May", "May", "PROPN", "pobj", 7), ("3", "3", "NUM", "nummod", 8), (".", ".", "PUNCT", "punct", 1)],
}

# (lang, case, trigger word, publication date, expected (date, date_end, precision))
CASES = [
    ("fr", "governing", "rencontré", "2023-11-17", ("2023-11-14", None, "day")),
    ("fr", "other_clause", "rencontré", "2023-11-17", ("2023-11-17", None, "publication")),
    ("fr", "other_clause", "nommée", "2023-11-17", ("2023-09", None, "month")),
    ("fr", "framing", "frappé", "2023-11-17", ("2023-11-03", None, "day")),
    ("fr", "event_noun", "signé", "2023-06-10", ("2023-06-10", None, "publication")),
    ("fr", "event_noun", "visite", "2023-06-10", ("2023-05-03", None, "day")),
    ("fr", "range", "arrivé", "2023-11-17", ("2023-11-14", "2023-11-16", "day")),
    ("fr", "no_expression", "condamné", "2023-11-17", ("2023-11-17", None, "publication")),
    ("fr", "relative_noun", "visite", "2023-11-17", ("2023-11-17", None, "publication")),
    ("fr", "relative_noun", "appelé", "2023-11-17", ("2023-11-17", None, "day")),
    ("fr", "opening", "annoncé", "2023-11-17", ("2023-11-14", None, "day")),
    ("fr", "embedded_event", "annoncé", "2023-11-17", ("2023-11-17", None, "publication")),
    ("fr", "purpose", "parvenus", "2023-11-17", ("2023-11-13", None, "day")),
    ("fr", "misattached_participle", "rencontré", "2023-11-17", ("2023-11-17", None, "publication")),
    ("fr", "relative", "pris", "2024-03-01", ("2024-03-01", None, "publication")),
    ("fr", "relative", "tué", "2024-03-01", ("2024-02-16", None, "day")),
    # year boundary: 'septembre' read in January is last September; a leap day as publication date
    ("fr", "other_clause", "nommée", "2024-01-10", ("2023-09", None, "month")),
    ("fr", "no_expression", "condamné", "2024-02-29", ("2024-02-29", None, "publication")),
    ("fr", "since", "affrontent", "2016-12-12", ("2016-12-12", None, "publication")),
    ("fr", "since_opening", "frappé", "2017-09-11", ("2017-09-11", None, "publication")),
    ("fr", "since_opening", "Encerclés", "2017-09-11", ("2017-09-11", None, "publication")),
    ("en", "since", "fought", "2016-12-12", ("2016-12-12", None, "publication")),
    ("en", "governing", "met", "2023-11-17", ("2023-11-14", None, "day")),
    ("en", "other_clause", "met", "2023-11-17", ("2023-11-17", None, "publication")),
    ("en", "other_clause", "appointed", "2024-01-10", ("2023-09", None, "month")),
    ("fr", "noun_relative", "embuscades", "2017-02-20", ("2017-02-16", None, "day")),
    ("en", "framing", "struck", "2023-11-17", ("2023-11-03", None, "day")),
    # year boundary: 'November 3' read in January is last November
    ("en", "framing", "struck", "2024-01-10", ("2023-11-03", None, "day")),
    ("en", "range", "arrived", "2023-11-17", ("2023-11-14", "2023-11-16", "day")),
    # a range across a leap day: Tuesday 27 to Thursday 29 February 2024
    ("en", "range", "arrived", "2024-03-01", ("2024-02-27", "2024-02-29", "day")),
    ("en", "no_expression", "condemned", "2024-02-29", ("2024-02-29", None, "publication")),
    ("en", "relative_noun", "visit", "2023-11-17", ("2023-11-17", None, "publication")),
    ("en", "relative_noun", "called", "2023-11-17", ("2023-11-17", None, "day")),
    ("en", "event_noun", "visit", "2023-06-10", ("2023-05-03", None, "day")),
    ("en", "event_noun", "signed", "2023-06-10", ("2023-06-10", None, "publication")),
    # French ranges across the leap day and the year
    ("fr", "range", "arrivé", "2024-03-01", ("2024-02-27", "2024-02-29", "day")),
    ("fr", "range_months", "arrivé", "2024-03-10", ("2024-02-28", "2024-03-01", "day")),
    ("fr", "occasion", "indiqué", "2017-01-21", ("2017-01-20", None, "day")),
    ("en", "occasion", "struck", "2017-01-21", ("2017-01-20", None, "day")),
    ("fr", "range_months", "arrivé", "2023-03-10", ("2023-02-28", "2023-03-01", "day")),
    ("fr", "governing", "rencontré", "2024-01-04", ("2024-01-02", None, "day")),
]


@pytest.fixture(scope="module")
def vocabs():
    return {"fr": spacy.blank("fr").vocab, "en": spacy.blank("en").vocab}


def _dater(lang: str) -> EventDater:
    data = load_language(lang)
    return EventDater(data, Syntax(data))


@pytest.mark.parametrize("lang,case,word,pub,expected", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}-{c[3]}" for c in CASES])
def test_event_date(vocabs, lang, case, word, pub, expected):
    doc = make_doc(vocabs[lang], (FR if lang == "fr" else EN)[case])
    dater = _dater(lang)
    trigger = next(t for t in doc if t.text == word)
    others = frozenset(t.i for t in doc if dater.data.entries(t.lemma_, t.pos_) and t.i != trigger.i)
    assert dater.date_of(trigger, dater.timexes(doc, pub), pub, others) == expected


def test_no_publication_date_is_the_processing_day(vocabs):
    doc = make_doc(vocabs["fr"], FR["no_expression"])
    dater = _dater("fr")
    trigger = doc[2]
    date, _, precision = dater.date_of(trigger, dater.timexes(doc, None), None)
    assert (date, precision) == (dt.date.today().isoformat(), "publication")
