"""Dyad timelines on the hand-built database (see veille_testdb.py for the events)."""
import math

import pytest

from veille.analysis import dyad_events, dyad_timeline, dyad_timeline_json, plot_dyad
from veille.analysis.dyads import COLUMNS, parse_period, period_of
from veille.errors import VeilleError
from veille.store import Store


def cell(frame, period, direction):
    found = frame[(frame["period"] == period) & (frame["direction"] == direction)]
    assert len(found) == 1, (period, direction)
    return found.iloc[0]


def test_monthly_counts_both_directions_symmetric_counts_twice(test_db):
    frame = dyad_timeline(test_db, "FRA", "RUS", by="month")
    assert list(frame.columns) == list(COLUMNS)
    assert list(dict.fromkeys(frame["period"])) == ["2017-03", "2017-04", "2017-05"]
    march = cell(frame, "2017-03", "FRA->RUS")  # ACCUSE, SANCTION, symmetric CONSULT
    assert (march["events"], march["verbal_coop"], march["material_coop"], march["verbal_conflict"],
            march["material_conflict"]) == (3, 1, 0, 1, 1)
    assert (march["type_ACCUSE"], march["type_SANCTION"], march["type_CONSULT"], march["type_REJECT"]) == (1, 1, 1, 0)
    assert march["mean_goldstein"] == pytest.approx((-2 - 5 + 1) / 3)
    assert march["mean_score"] == pytest.approx((-3 - 6 + 1) / 3)
    back = cell(frame, "2017-03", "RUS->FRA")  # REJECT and the same symmetric CONSULT
    assert (back["events"], back["verbal_coop"], back["verbal_conflict"], back["type_REJECT"]) == (2, 1, 1, 1)
    assert back["mean_goldstein"] == pytest.approx(-1.5)
    april = cell(frame, "2017-04", "FRA->RUS")
    assert april["events"] == 0 and math.isnan(april["mean_goldstein"])
    may = cell(frame, "2017-05", "RUS->FRA")
    assert (may["events"], may["material_coop"], may["type_AID"], may["mean_goldstein"]) == (1, 1, 1, 7.0)
    assert frame.attrs["too_coarse"] == 1  # THREATEN dated only '2017'
    assert frame.attrs["a"] == "FRA" and frame.attrs["by"] == "month"


def test_order_of_the_pair_only_names_the_directions(test_db):
    forward = dyad_timeline(test_db, "FRA", "RUS")
    reverse = dyad_timeline(test_db, "RUS", "FRA")
    assert cell(reverse, "2017-03", "FRA->RUS")["events"] == cell(forward, "2017-03", "FRA->RUS")["events"]
    assert reverse["events"].sum() == forward["events"].sum() == 6


def test_weekly_periods_are_iso_weeks(test_db):
    frame = dyad_timeline(test_db, "FRA", "RUS", by="week")
    assert frame["period"].iloc[0] == "2017-W11"
    assert str(frame["period_start"].iloc[0]) == "2017-03-13"  # a Monday
    assert cell(frame, "2017-W11", "FRA->RUS")["events"] == 2  # 14th and 15th
    assert cell(frame, "2017-W12", "FRA->RUS")["events"] == 1  # consult, 20th
    assert frame["period"].nunique() == 8  # W11..W18, empty weeks included


def test_accepts_an_open_store(test_db):
    with Store.open(test_db, read_only=True) as store:
        assert dyad_timeline(store, "FRA", "RUS")["events"].sum() == 6


def test_unknown_dyad_is_empty_with_columns(test_db):
    frame = dyad_timeline(test_db, "FRA", "DEU")
    assert frame.empty and list(frame.columns) == list(COLUMNS)
    assert dyad_timeline_json(test_db, "FRA", "DEU")["periods"] == []


def test_bad_period_names_the_parameter(test_db):
    with pytest.raises(VeilleError) as err:
        dyad_timeline(test_db, "FRA", "RUS", by="year")
    assert err.value.code.name == "E601" and err.value.fields["param"] == "by"
    with pytest.raises(VeilleError) as err:
        dyad_events(test_db, "FRA", "RUS", "month", "March")
    assert err.value.code.name == "E607"


def test_period_helpers():
    import datetime as dt
    assert period_of(dt.date(2016, 1, 1), "week")[0] == "2015-W53"
    assert parse_period("2016-02", "month") == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert parse_period("2017-W10", "week") == (dt.date(2017, 3, 6), dt.date(2017, 3, 12))


def test_events_of_a_period_are_those_counted(test_db):
    events = dyad_events(test_db, "FRA", "RUS", "month", "2017-03")
    assert [e["type"] for e in events] == ["ACCUSE", "SANCTION", "REJECT", "CONSULT"]
    assert dyad_events(test_db, "FRA", "RUS", "month", "2017-04") == []


def test_json_has_no_nan(test_db):
    data = dyad_timeline_json(test_db, "FRA", "RUS")
    april = [p for p in data["periods"] if p["period"] == "2017-04"][0]
    assert april["mean_goldstein"] is None and april["period_start"] == "2017-04-01"
    assert data["too_coarse"] == 1 and data["quad_classes"]["4"]["column"] == "material_conflict"


def test_plot_writes_a_png(test_db, tmp_path):
    out = plot_dyad(dyad_timeline(test_db, "FRA", "RUS"), "FRA", "RUS", tmp_path / "fra-rus.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    empty = plot_dyad(dyad_timeline(test_db, "FRA", "DEU"), "FRA", "DEU", tmp_path / "empty.png")
    assert empty.read_bytes()[:4] == b"\x89PNG"


def test_plot_to_unwritable_path_is_e606(test_db, tmp_path):
    with pytest.raises(VeilleError) as err:
        plot_dyad(dyad_timeline(test_db, "FRA", "RUS"), "FRA", "RUS", tmp_path / "missing-dir" / "x.png")
    assert err.value.code.name == "E606"
