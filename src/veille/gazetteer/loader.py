"""Read and check the gazetteer files, then index them for fast lookup.

Every line is validated (required fields, key formats, known role codes, dates)
and a bad one raises E103 with file, line and reason: a packaging defect must be
loud, not a silent miss at coding time."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Iterator

from ..errors import E, VeilleError
from .model import GazEntry, Gazetteer, OfficeHolder, RoleNoun
from .normalize import index_forms, normalize

LANGS = ("fr", "en")
# CAMEO role (agent) codes used by Phoenix/CAMEO, plus the org kinds we map onto them.
ROLE_CODES = frozenset(
    "GOV MIL COP JUD LEG MED REB INS OPP CVL BUS IGO NGO SPY PTY EDU ELI HLH LAB REF RAD AGR CRM "
    "UAF MNC SEP IMG HRI ENV MUS REL CHR HIN JEW BUD PPL UIS DEV SET".split())
ORG_KINDS = frozenset({"IGO", "PKO", "NSA", "NGO", "SUB"})
_ISO3 = re.compile(r"[A-Z]{3}")
_ORG_ID = re.compile(r"[A-Z][A-Z0-9_]*")
_ROLE_ID = re.compile(r"(fr|en)-role-\d{4}")

Source = Path | Traversable


class _Bad(Exception):
    """A reason a line is invalid; turned into E103 with the file and line."""


def _lines(path: Source) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8") if path.name.endswith(".gz") \
            else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
        raise VeilleError(E.E103, path=str(path), line=0, reason=f"cannot read file ({exc})") from None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise VeilleError(E.E103, path=str(path), line=lineno, reason=f"invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise VeilleError(E.E103, path=str(path), line=lineno, reason="expected a JSON object")
        yield lineno, obj


def _str(obj: dict, name: str, pattern: re.Pattern | None = None, optional: bool = False) -> str | None:
    value = obj.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"field {name!r} must be a non-empty string, got {value!r}")
    if pattern is not None and not pattern.fullmatch(value):
        raise _Bad(f"field {name!r} has a bad format: {value!r}")
    return value


def _role(obj: dict, name: str = "role") -> str:
    role = _str(obj, name)
    if role not in ROLE_CODES:
        raise _Bad(f"unknown role code {role!r}; known: {', '.join(sorted(ROLE_CODES))}")
    return role


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f"field {name!r} must be a list of non-empty strings")
    return tuple(value)


def _by_lang(obj: dict, name: str, required: bool = False) -> dict[str, tuple[str, ...]]:
    value = obj.get(name) or {}
    if not isinstance(value, dict) or set(value) - set(LANGS):
        raise _Bad(f"field {name!r} must map languages {LANGS} to lists")
    out = {lang: _strings(value.get(lang), f"{name}.{lang}") for lang in LANGS}
    if required and not all(out.values()):
        raise _Bad(f"field {name!r} needs at least one name in each of {LANGS}")
    return out


def _date(obj: dict, name: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise _Bad(f"field {name!r} must be YYYY-MM-DD or null, got {value!r}") from None
    return value


class _Index:
    """Collects phrase -> entries per language, keeping the first-added entry first."""

    def __init__(self) -> None:
        self.by_lang: dict[str, dict[str, list[GazEntry]]] = {lang: defaultdict(list) for lang in LANGS}

    def add(self, lang: str, phrase: str, entry: GazEntry) -> None:
        for form in index_forms(phrase):
            bucket = self.by_lang[lang][form]
            if entry not in bucket:
                bucket.append(entry)

    def frozen(self) -> dict[str, dict[str, tuple[GazEntry, ...]]]:
        return {lang: {k: tuple(v) for k, v in d.items()} for lang, d in self.by_lang.items()}


def _read_countries(path: Source, index: _Index, names: dict, coords: dict) -> None:
    for lineno, obj in _lines(path):
        try:
            key = _str(obj, "key", _ISO3)
            if key in names:
                raise _Bad(f"duplicate country key {key!r}")
            cnames = _by_lang(obj, "names", required=True)
            canonical = cnames["en"][0]
            names[key] = {lang: cnames[lang][0] for lang in LANGS}
            c = obj.get("capital_coords")
            if c is not None:
                if (not isinstance(c, list) or len(c) != 2 or not all(isinstance(x, (int, float)) for x in c)
                        or not (-90 <= c[0] <= 90 and -180 <= c[1] <= 180)):
                    raise _Bad(f"capital_coords must be [lat, lon] in range, got {c!r}")
                coords[key] = (float(c[0]), float(c[1]))
            # names kept for display but too ambiguous to index ("Grenade", "US")
            skip = {lang: {normalize(p) for p in v} for lang, v in _by_lang(obj, "unindexed").items()}
            roles = obj.get("metonym_roles") or {}
            if not isinstance(roles, dict) or any(r not in ROLE_CODES for r in roles.values()):
                raise _Bad(f"metonym_roles must map phrases to known role codes, got {roles!r}")
            groups = (("names", "country", None), ("demonyms", "demonym", None),
                      ("capitals", "capital", "GOV"), ("metonyms", "metonym", "GOV"))
            for field_name, kind, role in groups:
                values = cnames if field_name == "names" else _by_lang(obj, field_name)
                for lang in LANGS:
                    for phrase in values[lang]:
                        if normalize(phrase) not in skip[lang]:
                            entry_role = roles.get(phrase, role) if kind == "metonym" else role
                            index.add(lang, phrase, GazEntry(key, kind, entry_role, key, None, canonical))
        except _Bad as bad:
            raise VeilleError(E.E103, path=str(path), line=lineno, reason=str(bad)) from None


def _read_orgs(path: Source, index: _Index, countries: dict,
               descriptors: dict[str, dict[str, set[str]]] | None = None) -> set[str]:
    keys: set[str] = set()
    for lineno, obj in _lines(path):
        try:
            key = _str(obj, "key", _ORG_ID)
            if key in keys:
                raise _Bad(f"duplicate organisation key {key!r}")
            keys.add(key)
            kind = _str(obj, "kind")
            if kind not in ORG_KINDS:
                raise _Bad(f"unknown organisation kind {kind!r}; known: {', '.join(sorted(ORG_KINDS))}")
            role = _role(obj)
            country = _str(obj, "country", _ISO3, optional=True)
            if country is not None and country not in countries:
                raise _Bad(f"unknown country {country!r}")
            onames = _by_lang(obj, "names", required=True)
            canonical = onames["en"][0]
            skip = {lang: {normalize(p) for p in v} for lang, v in _by_lang(obj, "unindexed").items()}
            metonyms = _by_lang(obj, "metonyms")
            acronyms = _strings(obj.get("acronyms"), "acronyms")  # indexed in every language
            if descriptors is not None:
                for lang, words in _by_lang(obj, "descriptors").items():
                    for word in words:
                        descriptors.setdefault(lang, {}).setdefault(normalize(word), set()).add(key)
            for lang in LANGS:
                for kind, phrases in (("org", onames[lang]), ("metonym", metonyms[lang]), ("acronym", acronyms)):
                    for phrase in phrases:
                        if normalize(phrase) not in skip[lang]:
                            index.add(lang, phrase, GazEntry(key, kind, role, country, key, canonical))
        except _Bad as bad:
            raise VeilleError(E.E103, path=str(path), line=lineno, reason=str(bad)) from None
    return keys


def _read_holders(path: Source, countries: dict, orgs: set[str]) -> list[OfficeHolder]:
    out = []
    for lineno, obj in _lines(path):
        try:
            country = _str(obj, "country", _ISO3, optional=True)
            org = _str(obj, "org", _ORG_ID, optional=True)
            if country is not None and country not in countries:
                raise _Bad(f"unknown country {country!r}")
            if org is not None and org not in orgs:
                raise _Bad(f"unknown organisation {org!r}")
            if (country is None) == (org is None):
                raise _Bad("exactly one of 'country' and 'org' must be set")
            start, end = _date(obj, "start"), _date(obj, "end")
            if start and end and end < start:
                raise _Bad(f"end {end} is before start {start}")
            out.append(OfficeHolder(_str(obj, "name"), _strings(obj.get("aliases"), "aliases"), country, org,
                                    _role(obj), _str(obj, "title"), start, end, _str(obj, "source", optional=True)))
        except _Bad as bad:
            raise VeilleError(E.E103, path=str(path), line=lineno, reason=str(bad)) from None
    return out


def _read_roles(path: Source, lang: str) -> dict[str, RoleNoun]:
    out: dict[str, RoleNoun] = {}
    ids: set[str] = set()
    for lineno, obj in _lines(path):
        try:
            rid = _str(obj, "id", _ROLE_ID)
            if not rid.startswith(f"{lang}-") or rid in ids:
                raise _Bad(f"id {rid!r} is duplicated or not a {lang!r} id")
            ids.add(rid)
            noun = RoleNoun(rid, _str(obj, "phrase"), _role(obj), _strings(obj.get("examples"), "examples"),
                            _strings(obj.get("variants"), "variants"))
            if not noun.examples:
                raise _Bad("at least one example sentence is required")
            for phrase in (noun.phrase, *noun.variants):
                for form in index_forms(phrase):
                    out.setdefault(form, noun)  # first entry wins on a clash
        except _Bad as bad:
            raise VeilleError(E.E103, path=str(path), line=lineno, reason=str(bad)) from None
    return out


def read_gazetteer(data_dir: Source, lang_dir: Source) -> Gazetteer:
    """Build a Gazetteer from `data_dir` (countries/organisations/office_holders .jsonl)
    and `lang_dir/<lang>/roles.jsonl`. Tests point this at temporary directories."""
    index = _Index()
    names: dict[str, dict[str, str]] = {}
    coords: dict[str, tuple[float, float]] = {}
    _read_countries(data_dir / "countries.jsonl", index, names, coords)
    descriptors: dict[str, dict[str, set[str]]] = {}
    orgs = _read_orgs(data_dir / "organisations.jsonl", index, names, descriptors)
    holders = _read_holders(data_dir / "office_holders.jsonl", names, orgs)
    imported = data_dir / "office_holders_phoenix.jsonl.gz"
    # dated roles imported from the reference dictionaries (optional), read and checked on first use
    load_imported = (lambda: tuple(_read_holders(imported, names, orgs))) if imported.is_file() else None
    full: dict[str, list[OfficeHolder]] = defaultdict(list)
    surname: dict[str, list[OfficeHolder]] = defaultdict(list)
    for h in holders:
        for alias in {form for a in (h.name, *h.aliases) for form in index_forms(a)}:
            full[alias].append(h)
            if " " in alias:
                surname[alias.rsplit(" ", 1)[1]].append(h)
    roles = {lang: _read_roles(lang_dir / lang / "roles.jsonl", lang) for lang in LANGS}
    entries = index.frozen()
    longest = max((len(p.split()) for d in entries.values() for p in d), default=1)
    longest = max([longest, *(len(p.split()) for d in roles.values() for p in d)])
    return Gazetteer(entries=entries, country_names=names, coords=coords, office_holders=tuple(holders),
                     holder_index={k: tuple(v) for k, v in full.items()},
                     surname_index={k: tuple(dict.fromkeys(v)) for k, v in surname.items()},
                     roles=roles, max_phrase_tokens=longest, imported=load_imported,
                     org_index={e.key: e for d in entries.values() for v in d.values() for e in v if e.kind == "org"},
                     descriptor_index={lang: {w: frozenset(k) for w, k in d.items()} for lang, d in descriptors.items()})


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process (read-only, same for every caller)."""
    return read_gazetteer(resources.files("veille.gazetteer").joinpath("data"),
                          resources.files("veille.lang"))
