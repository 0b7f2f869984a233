"""Table-driven behaviour of tag_dates and event_date beyond the per-rule examples:
sentences, tense anchoring, year boundaries, leap days, ranges, no reference date."""
from __future__ import annotations

import pytest

from veille.engine.timex import event_date, tag_dates
from veille.errors import VeilleError
from veille.records import Timex

# (text, ref, lang, tense, expected [(text, type, value, precision)])
SENTENCES = [
    ("Le sommet s'est tenu vendredi à Moscou.", "2023-11-17", "fr", None, [("vendredi", "DATE", "2023-11-17", "day")]),
    ("Il a été reçu mardi dernier, puis jeudi.", "2023-11-17", "fr", "past",
     [("mardi dernier", "DATE", "2023-11-14", "day"), ("jeudi", "DATE", "2023-11-16", "day")]),
    ("Le vote aura lieu en janvier.", "2023-12-10", "fr", "future", [("janvier", "DATE", "2024-01", "month")]),
    ("Les combats avaient repris en décembre.", "2024-01-10", "fr", "past", [("décembre", "DATE", "2023-12", "month")]),
    ("Les élections auront lieu le 3 janvier.", "2023-12-28", "fr", "future", [("le 3 janvier", "DATE", "2024-01-03", "day")]),
    ("Hier, 1er janvier, les tirs ont repris.", "2024-01-02", "fr", None, [("Hier", "DATE", "2024-01-01", "day"),
                                                                           ("1er janvier", "DATE", "2024-01-01", "day")]),
    ("Il a plu le 29 février 2024.", "2024-03-01", "fr", None, [("le 29 février 2024", "DATE", "2024-02-29", "day")]),
    ("Rendez-vous le 29 février.", "2023-06-01", "fr", None, [("le 29 février", "DATE", "XXXX-02-29", "day")]),
    ("Le traité du 31 avril 2023 n'existe pas.", "2023-06-01", "fr", None, [("31 avril 2023", "DATE", None, "day")]),
    ("Il est arrivé mardi et reparti jeudi.", None, "fr", None,
     [("mardi", "DATE", "XXXX-WXX-2", "day"), ("jeudi", "DATE", "XXXX-WXX-4", "day")]),
    ("Ce matin, le ministre a parlé, vers 10 h 30.", "2023-11-17", "fr", None,
     [("Ce matin", "TIME", "2023-11-17TMO", "time"), ("vers 10 h 30", "TIME", "2023-11-17T10:30", "time")]),
    ("Le samedi 4 janvier, l'attaque a commencé à 18 h 30.", "2003-01-05", "fr", None,
     [("Le samedi 4 janvier", "DATE", "2003-01-04", "day"), ("18 h 30", "TIME", "2003-01-04T18:30", "time")]),
    ("Un homme de 38 ans a été arrêté il y a trois jours.", "2023-11-17", "fr", None,
     [("il y a trois jours", "DATE", "2023-11-14", "day")]),
    ("Les troupes sont là depuis trois ans et chaque semaine des convois arrivent.", "2023-11-17", "fr", None,
     [("trois ans", "DURATION", "P3Y", "year"), ("chaque semaine", "SET", "P1W", "week")]),
    ("The talks ended on Tuesday, three days ago.", "2023-11-17", "en", None,
     [("Tuesday", "DATE", "2023-11-14", "day"), ("three days ago", "DATE", "2023-11-14", "day")]),
    ("The summit is planned for next month and early November was quiet.", "2023-10-20", "en", None,
     [("next month", "DATE", "2023-11", "month"), ("early November", "DATE", "2023-11", "approximate")]),
    ("Fighting resumed in December.", "2024-01-10", "en", "past", [("December", "DATE", "2023-12", "month")]),
    ("Elections will be held in January.", "2023-12-10", "en", "future", [("January", "DATE", "2024-01", "month")]),
    ("A 38-year-old man was arrested.", "2023-11-17", "en", None, []),
    # anaphoric expressions anchor to the last day of their paragraph, else the reference date
    ("Le 17 septembre, une frappe a tué 60 soldats. Sept minutes plus tard, Daech attaquait. Le lendemain, rien.",
     "2016-09-19", "fr", None, [("Le 17 septembre", "DATE", "2016-09-17", "day"),
                                ("Sept minutes plus tard", "DATE", "2016-09-17", "day"),
                                ("Le lendemain", "DATE", "2016-09-18", "day")]),
    ("Le 28 février 2024, X est arrivé. La veille, Y était parti.", "2024-03-10", "fr", None,
     [("Le 28 février 2024", "DATE", "2024-02-28", "day"), ("La veille", "DATE", "2024-02-27", "day")]),
    ("Le 31 décembre 2023, X est arrivé. Deux jours après, il repartait.", "2024-01-10", "fr", None,
     [("Le 31 décembre 2023", "DATE", "2023-12-31", "day"), ("Deux jours après", "DATE", "2024-01-02", "day")]),
    ("Le 13 septembre 2023, photo.\n\nQuelques jours auparavant, X avait parlé.", "2023-11-17", "fr", None,
     [("Le 13 septembre 2023", "DATE", "2023-09-13", "day"), ("Quelques jours auparavant", "DATE", "2023-11-14", "approximate")]),
    ("La veille du sommet, la veille médiatique était en veille.", "2023-11-17", "fr", None, []),
    ("On March 1, 2024 troops arrived. Two days earlier, talks had failed. The next day, they left.", "2024-03-10", "en",
     None, [("March 1, 2024", "DATE", "2024-03-01", "day"), ("Two days earlier", "DATE", "2024-02-28", "day"),
            ("The next day", "DATE", "2024-02-29", "day")]),
    ("The day before the vote, nothing happened; a vote is due two weeks from now.", "2023-11-17", "en", None,
     [("two weeks from now", "DATE", "2023-W48", "week")]),
    # English counterparts: year boundary, leap day, invalid day, unresolved weekdays, clock anchoring
    ("The election will be held on January 3.", "2023-12-28", "en", "future", [("January 3", "DATE", "2024-01-03", "day")]),
    ("Yesterday, January 1, fighting resumed.", "2024-01-02", "en", None, [("Yesterday", "DATE", "2024-01-01", "day"),
                                                                          ("January 1", "DATE", "2024-01-01", "day")]),
    ("It rained on February 29, 2024.", "2024-03-01", "en", None, [("February 29, 2024", "DATE", "2024-02-29", "day")]),
    ("He arrived on Thursday, February 29.", "2024-03-02", "en", None,
     [("Thursday, February 29", "DATE", "2024-02-29", "day")]),
    ("See you on February 29.", "2023-06-01", "en", None, [("February 29", "DATE", "XXXX-02-29", "day")]),
    ("The treaty of April 31, 2023 does not exist.", "2023-06-01", "en", None, [("April 31, 2023", "DATE", None, "day")]),
    ("He arrived on Tuesday and left on Thursday.", None, "en", None,
     [("Tuesday", "DATE", "XXXX-WXX-2", "day"), ("Thursday", "DATE", "XXXX-WXX-4", "day")]),
    ("On Saturday, January 4, the attack began at 6:30 pm.", "2003-01-05", "en", None,
     [("Saturday, January 4", "DATE", "2003-01-04", "day"), ("6:30 pm", "TIME", "2003-01-04T18:30", "time")]),
    ("The troops have been there for three years and convoys arrive every week.", "2023-11-17", "en", None,
     [("three years", "DURATION", "P3Y", "year"), ("every week", "SET", "P1W", "week")]),
    ("Fighting resumed on December 31, two days ago.", "2024-01-02", "en", None,
     [("December 31", "DATE", "2023-12-31", "day"), ("two days ago", "DATE", "2023-12-31", "day")]),
    ("Troops attacked last night.", "2024-03-01", "en", None, [("last night", "TIME", "2024-02-29TNI", "time")]),
    # across months, as TimeML marks them: two expressions (the event's range joins them, test_dating)
    ("Du 28 février au 1er mars 2024, il a plu.", "2024-03-10", "fr", None,
     [("28 février", "DATE", "2024-02-28", "day"), ("1er mars 2024", "DATE", "2024-03-01", "day")]),
    ("From December 28 to January 2, talks went on.", "2024-01-10", "en", "past",
     [("December 28", "DATE", "2023-12-28", "day"), ("January 2", "DATE", "2024-01-02", "day")]),
    # anchored to an event, not a day: a duration, no date from the reference
    ("Two weeks after the attack, he resigned.", "2016-12-21", "en", None, [("Two weeks", "DURATION", "P2W", "week")]),
    ("Deux semaines après son avancée, l'EI recule.", "2016-12-21", "fr", None,
     [("Deux semaines", "DURATION", "P2W", "week")]),
    ("Trois jours avant le sommet, il est parti.", "2016-12-21", "fr", None, [("Trois jours", "DURATION", "P3D", "day")]),
]


@pytest.mark.parametrize("text,ref,lang,tense,expected", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_sentences(text, ref, lang, tense, expected):
    found = tag_dates(text, ref, lang, (lambda _o: tense) if tense else None)
    assert [(t.text, t.type, t.value, t.precision) for t in found] == expected
    for t in found:
        assert text[t.start:t.end] == t.text


def test_tense_is_asked_at_the_expression_offset():
    text = "Il est venu mardi et reviendra jeudi."
    tenses = {text.index("mardi"): "past", text.index("jeudi"): "future"}
    found = tag_dates(text, "2023-11-15", "fr", lambda offset: tenses.get(offset))
    assert [t.value for t in found] == ["2023-11-14", "2023-11-16"]


# (text, ref, lang, value, value_end): ranges carry their end, across months, years and leap days
RANGES = [
    ("Arrivé dans la nuit de lundi à mardi.", "2023-11-17", "fr", "2023-11-13TNI", "2023-11-14"),
    ("Du 3 au 5 juillet 2012, il a plu.", "2023-11-17", "fr", "2012-07-03", "2012-07-05"),
    ("De lundi à mercredi, il a plu.", "2023-11-17", "fr", "2023-11-13", "2023-11-15"),
    ("Overnight Monday to Tuesday, it rained.", "2023-11-17", "en", "2023-11-13TNI", "2023-11-14"),
    ("The talks ran from July 3 to 5, 2012.", "2023-11-17", "en", "2012-07-03", "2012-07-05"),
    ("The talks ran from Monday to Wednesday.", "2023-11-17", "en", "2023-11-13", "2023-11-15"),
    ("The talks ran from Monday to Wednesday.", "2024-03-01", "en", "2024-02-26", "2024-02-28"),
]


@pytest.mark.parametrize("text,ref,lang,value,value_end", RANGES, ids=[r[0][:30] for r in RANGES])
def test_ranges_carry_value_end(text, ref, lang, value, value_end):
    found = tag_dates(text, ref, lang)
    assert (found[0].value, found[0].value_end) == (value, value_end)


def test_bad_reference_date():
    with pytest.raises(VeilleError) as err:
        tag_dates("mardi", "17/11/2023", "fr")
    assert err.value.code.name == "E002"


def test_unknown_language():
    with pytest.raises(VeilleError) as err:
        tag_dates("mardi", "2023-11-17", "de")
    assert err.value.code.name == "E001"


# (text, ref, lang, expected event_date)
EVENT_DATES = [
    ("vendredi", "2023-11-17", "fr", ("2023-11-17", "day")),
    ("mardi", "2023-11-17", "fr", ("2023-11-14", "day")),
    ("mi-octobre", "2023-11-17", "fr", ("2023-10-15", "approximate")),
    ("début novembre", "2023-11-17", "fr", ("2023-11-05", "approximate")),
    ("fin novembre", "2023-11-17", "fr", ("2023-11-25", "approximate")),
    ("en septembre", "2023-11-17", "fr", ("2023-09", "month")),
    ("il y a quelques années", "2023-11-17", "fr", ("2020", "approximate")),
    ("quelques jours auparavant", "2023-11-17", "fr", ("2023-11-14", "approximate")),
    ("la semaine prochaine", "2023-11-17", "fr", ("2023-11-20", "approximate")),
    ("ce week-end", "2023-11-17", "fr", ("2023-11-18", "approximate")),
    ("à l'automne", "2023-11-17", "fr", ("2023-10", "approximate")),
    ("en 2016", "2023-11-17", "fr", ("2016", "year")),
    ("l'an dernier", "2023-11-17", "fr", ("2022", "year")),
    ("les années 1990", "2023-11-17", "fr", ("1995", "approximate")),
    ("fin 2022", "2023-11-17", "fr", ("2022", "approximate")),
    ("hier soir", "2023-11-17", "fr", ("2023-11-16", "day")),
    ("mid-October", "2023-11-17", "en", ("2023-10-15", "approximate")),
    ("last week", "2023-11-17", "en", ("2023-11-06", "approximate")),
    ("Friday", "2023-11-17", "en", ("2023-11-17", "day")),
    ("early November", "2023-11-17", "en", ("2023-11-05", "approximate")),
    ("late November", "2023-11-17", "en", ("2023-11-25", "approximate")),
    ("in September", "2023-11-17", "en", ("2023-09", "month")),
    ("in September", "2024-01-10", "en", ("2023-09", "month")),
    ("a few years ago", "2023-11-17", "en", ("2020", "approximate")),
    ("a few days earlier", "2023-11-17", "en", ("2023-11-14", "approximate")),
    ("next week", "2023-11-17", "en", ("2023-11-20", "approximate")),
    ("this weekend", "2023-11-17", "en", ("2023-11-18", "approximate")),
    ("in the fall", "2023-11-17", "en", ("2023-10", "approximate")),
    ("in 2016", "2023-11-17", "en", ("2016", "year")),
    ("last year", "2023-11-17", "en", ("2022", "year")),
    ("the 1990s", "2023-11-17", "en", ("1995", "approximate")),
    ("late 2022", "2023-11-17", "en", ("2022", "approximate")),
    ("last night", "2024-03-01", "en", ("2024-02-29", "day")),
    ("yesterday", "2024-03-01", "en", ("2024-02-29", "day")),
    ("hier", "2024-03-01", "fr", ("2024-02-29", "day")),
    ("for three years", "2023-11-17", "en", None),
    ("every week", "2023-11-17", "en", None),
    ("currently", "2023-11-17", "en", None),
    ("February 29", "2023-06-01", "en", None),
    ("Tuesday", None, "en", None),
    ("depuis trois ans", "2023-11-17", "fr", None),
    ("chaque semaine", "2023-11-17", "fr", None),
    ("actuellement", "2023-11-17", "fr", None),
    ("le 29 février", "2023-06-01", "fr", None),
    ("mardi", None, "fr", None),
]


@pytest.mark.parametrize("text,ref,lang,expected", EVENT_DATES, ids=[e[0] for e in EVENT_DATES])
def test_event_date(text, ref, lang, expected):
    found = tag_dates(text, ref, lang)
    assert len(found) == 1
    assert event_date(found[0]) == expected


def test_event_date_of_plain_timex():
    assert event_date(Timex(0, 4, "2012", "DATE", "2012", "year")) == ("2012", "year")
    assert event_date(Timex(0, 4, "x", "DATE", "2012-07", "approximate", approximate=True)) == ("2012-07", "approximate")
