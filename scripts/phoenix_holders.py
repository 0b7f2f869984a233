"""Dated office holders imported from the Phoenix country actors dictionary (OEDA, MIT
licence), itself generated from CountryInfo.txt (Computational Event Data System project).

Build-time only, used by build_gazetteer.py. The TABARI-style file lists a person, their
'+' synonyms, then one code per line with dates:

    VLADIMIR_PUTIN_  # CountryInfo.txt
    +VLADIMIR_VLADIMIROVICH_PUTIN_
    +PRESIDENT_PUTIN_
        [RUSGOV 991231-080507]
        [RUSGOV >120507]

A code is a 3-letter country code then 3-letter role codes ('RUSGOVMIL' = Russian
government, defence). Dates are YYMMDD: 'A-B' a term, '>A' from A to the last update of
the file, '<B' until B, none = undated. What we keep, to stay small and safe:

* terms whose first role is GOV or MIL (not ELI, former elites; not opposition, media...),
  with a start date, overlapping `since` (default 1990) or later;
* an open term ('>A') ends at the file's last update (`updated`): we know the person held
  the office then, not after. Hand-curated entries (office_holders.psv) say more and win;
* names of two words or more only; synonyms that carry a title ('PRESIDENT_PUTIN_') are
  dropped (the engine reads titles from the text); no surname-only lookups (the loader
  indexes surnames of curated entries only)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

KEEP_ROLES = ("GOV", "MIL")
TITLE_WORDS = frozenset("""PRESIDENT PRIME MINISTER MR MRS MS DR KING QUEEN PRINCE CHANCELLOR KANZLER SECRETARY
GENERAL FOREIGN DEFENSE DEFENCE SENATOR GOVERNOR PREMIER VICE DEPUTY ACTING FORMER AMBASSADOR CHIEF
COMMANDER GEN LT COL ADMIRAL SPEAKER SHEIKH EMIR SULTAN PRESIDENTE MINISTRE BUNDESKANZLER
PRESIDENT-ELECT ELECT ADMINISTRATION THE GOVERNMENT""".split())
_CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?)(\d{6,8})?(?:\s*-\s*(\d{6,8}))?\s*\]")


def _date(raw: str) -> str | None:
    """'991231' -> '1999-12-31', '20061201' -> '2006-12-01'; None if not a real date."""
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{20 if yy <= 30 else 19}{raw}"
    if len(raw) != 8:
        return None
    try:
        return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:])).isoformat()
    except ValueError:
        return None


def _name(raw: str) -> str | None:
    words = [w for w in raw.strip().strip("+").strip("_").split("_") if w]
    if len(words) < 2 or any(w.rstrip(".") in TITLE_WORDS for w in words) or not all(
            re.fullmatch(r"[A-Z][A-Z'.-]*", w) for w in words):
        return None
    return " ".join(w.capitalize() if len(w) > 2 or w not in ("AL", "EL", "BIN", "BEN") else w.lower()
                    for w in words).replace("Al-", "al-")


def parse(path: Path, countries: set[str], updated: str, since: str = "1990-01-01") -> list[dict]:
    """Office-holder records (office_holders.jsonl fields plus 'source') from a Phoenix/TABARI
    country actors file; `countries` are the ISO3 keys the gazetteer knows."""
    out: list[dict] = []
    name: str | None = None
    aliases: list[str] = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if not line[0].isspace() and not text.startswith("+") and not text.startswith("["):
            name, aliases = _name(text.split("[", 1)[0]), []
            if "[" not in text:
                continue
        elif text.startswith("+"):
            alias = _name(text)
            if alias and name and alias not in aliases and alias != name:
                aliases.append(alias)
            continue
        if name is None:
            continue
        for country, role, open_mark, first, second in _CODE.findall(text):
            if country not in countries or role not in KEEP_ROLES or not first:
                continue
            start, end = (None, _date(first)) if open_mark == "<" else (_date(first), _date(second) if second else None)
            if open_mark == ">" or (not open_mark and not second):
                end = updated
            if start is None or end is None or end < start or end < since:
                continue
            out.append({"name": name, "aliases": list(aliases), "country": country, "org": None, "role": role,
                        "title": "government" if role == "GOV" else "military", "start": start, "end": end,
                        "source": "phoenix"})
    return _merge_terms(out)


def _next_day(date: str) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def _merge_terms(records: list[dict]) -> list[dict]:
    """One record per person, country, role and term: duplicates (a code listed twice, or the
    same code with GOVMIL and GOVBUS sub-roles) collapse; overlapping terms join."""
    by_key: dict[tuple, list[dict]] = {}
    for r in records:
        by_key.setdefault((r["name"], r["country"], r["role"]), []).append(r)
    out = []
    for terms in by_key.values():
        terms.sort(key=lambda r: r["start"])
        cur = dict(terms[0])
        for r in terms[1:]:
            if r["start"] <= _next_day(cur["end"]):
                cur["end"] = max(cur["end"], r["end"])
                cur["aliases"] = list(dict.fromkeys(cur["aliases"] + r["aliases"]))
            else:
                out.append(cur)
                cur = dict(r)
        out.append(cur)
    return sorted(out, key=lambda r: (r["country"], r["name"], r["start"]))
