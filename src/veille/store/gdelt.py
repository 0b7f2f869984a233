"""Events as rows of the GDELT 2.0 event table (same 61 columns, same order), followed by
veille's own columns (evidence and provenance). GDELT fields veille has no value for
are left empty. Notes on the mapping:

- GlobalEventID: the first 15 hex digits of veille's event_id as an integer (fits in a
  signed 64-bit integer); the full event_id is in the appended `veille_event_id` column.
- Day/MonthYear/Year/FractionDate: filled as far as the event's date precision allows
  (a month-precision event has MonthYear and Year but an empty Day).
- Actor*Code, Name, CountryCode, KnownGroupCode (veille org id), Type1Code (CAMEO role).
  veille's country codes are ISO 3166-1 alpha-3, as in GDELT's actor fields.
- EventCode/EventBaseCode/EventRootCode from the CAMEO code; QuadClass, GoldsteinScale.
- NumMentions/NumSources/NumArticles: 1 (one sentence of one article).
- ActionGeo_*: the event's location (FullName, CountryCode, Lat, Long).
- DATEADDED: when veille stored the event (YYYYMMDDHHMMSS, UTC); SOURCEURL: the
  document URL, or where it was read from.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

VEILLE_COLUMNS: tuple[str, ...] = (
    "veille_event_id", "veille_doc_id", "plover_type", "plover_mode", "plover_contexts", "plover_score",
    "modality", "date", "date_precision", "actor_key", "recipient_key", "reported_by_key", "reported_by_text",
    "evidence_sentence", "evidence_start", "evidence_end", "evidence_trigger", "evidence_text",
    "confidence", "lang", "provenance",
)

ALL_COLUMNS = GDELT_COLUMNS + VEILLE_COLUMNS

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _clean(value: Any) -> str:
    """Tab-separated values without quoting: tabs and newlines become spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _global_id(event_id: str) -> str:
    try:
        return str(int(event_id[:15], 16))
    except ValueError:
        return ""


def _dates(date: str | None) -> dict[str, str]:
    m = _DATE.match(date or "")
    if not m:
        return {}
    year, month, day = m.group(1), m.group(2), m.group(3)
    out = {"Year": year}
    if month:
        out["MonthYear"] = year + month
    if month and day:
        out["Day"] = year + month + day
        out["FractionDate"] = f"{int(year) + (int(month) * 30 + int(day)) / 365:.4f}"
    return out


def _actor(prefix: str, entity: dict[str, Any] | None) -> dict[str, Any]:
    if not entity:
        return {}
    key = entity.get("key")
    country = entity.get("country") or (key if key and len(key) == 3 and key.isalpha() and key.isupper() else None)
    return {f"{prefix}Code": entity.get("code"), f"{prefix}Name": entity.get("name") or entity.get("text"),
            f"{prefix}CountryCode": country, f"{prefix}KnownGroupCode": entity.get("org"),
            f"{prefix}Type1Code": entity.get("role")}


def gdelt_row(record: dict[str, Any], url: str | None, added: dt.datetime | None, provenance_json: str) -> list[str]:
    """One event record as the values of ALL_COLUMNS (strings, empty where unknown)."""
    cameo = record.get("cameo") or ""
    ev = record.get("evidence") or {}
    loc = record.get("location") or {}
    reported = record.get("reported_by") or {}
    row: dict[str, Any] = {"GlobalEventID": _global_id(record.get("event_id", "")), **_dates(record.get("date"))}
    row.update(_actor("Actor1", record.get("actor")))
    row.update(_actor("Actor2", record.get("recipient")))
    row.update({
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": record.get("quad_class"), "GoldsteinScale": record.get("goldstein"),
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else None, "SOURCEURL": url,
        "veille_event_id": record.get("event_id"), "veille_doc_id": record.get("doc_id"),
        "plover_type": record.get("type"), "plover_mode": record.get("mode"),
        "plover_contexts": ";".join(record.get("contexts") or []), "plover_score": record.get("score"),
        "modality": record.get("modality"), "date": record.get("date"), "date_precision": record.get("date_precision"),
        "actor_key": (record.get("actor") or {}).get("key"), "recipient_key": (record.get("recipient") or {}).get("key"),
        "reported_by_key": reported.get("key"), "reported_by_text": reported.get("text"),
        "evidence_sentence": ev.get("sentence"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "evidence_trigger": ev.get("trigger"), "evidence_text": ev.get("text"),
        "confidence": record.get("confidence"), "lang": record.get("lang"), "provenance": provenance_json,
    })
    if loc:
        row.update({"ActionGeo_FullName": loc.get("text"), "ActionGeo_CountryCode": loc.get("country"),
                    "ActionGeo_Lat": loc.get("lat"), "ActionGeo_Long": loc.get("lon")})
    return [_clean(row.get(c)) for c in ALL_COLUMNS]
