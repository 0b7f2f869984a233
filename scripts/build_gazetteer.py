#!/usr/bin/env python3
"""Generate the gazetteer data checked in under src/veille/gazetteer/data/.

Build-time only (needs pycountry; reads /work/shared). Sources:
  - scripts/gazetteer_sources/*.psv: curated countries (French names, demonyms,
    capitals, coordinates), metonyms, organisation roles/aliases, office holders;
  - pycountry's ISO 3166-1 names and their French locale (extra official names);
  - /work/shared/spec/org-ids.tsv (organisation ids, kinds, English/French names);
  - /work/shared/reference/CountryInfo.120116.txt (cross-check of ISO codes);
  - /work/shared/reference/phoenix/Phoenix.Countries.actors.txt (dated government roles,
    CountryInfo-derived: office_holders_phoenix.jsonl.gz, see phoenix_holders.py).
Run: .venv/bin/python scripts/build_gazetteer.py [--shared /work/shared]
"""
from __future__ import annotations

import argparse
import gettext
import gzip
import json
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "gazetteer_sources"
OUT = ROOT / "src" / "veille" / "gazetteer" / "data"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
from veille.gazetteer.normalize import normalize  # noqa: E402

# Normalised phrases that are ordinary words in a language: never indexed there
# ("un" is the French article, "who"/"us" English pronouns, "eau" water...).
COLLISIONS = {
    "fr": {"un", "eu", "au", "eau", "car", "cap", "bm", "grenade", "dominique", "maurice", "victoria"},
    "en": {"who", "is", "car", "male", "victoria", "nations", "chad"},
}
# "US" is indexed: the pronoun "us" is lower case, and the actor resolver and the geocoder refuse
# lower-case one-word country names.
# The Phoenix country dictionary was generated on 2014-01-30 (its header): an open term ('>date')
# is known to run until then. Terms ending before PHOENIX_SINCE are left out (size; news archives).
PHOENIX_UPDATED = "2014-01-30"
PHOENIX_SINCE = "2000-01-01"
ARTICLES = re.compile(r"^(l'|le |la |les )", re.I)


def psv(name: str) -> list[list[str]]:
    rows = []
    for line in (SOURCES / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("|")])
    return rows


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def uniq(items) -> list[str]:
    seen, out = set(), []
    for item in items:
        k = normalize(item)
        if item and k not in seen:
            seen.add(k)
            out.append(item)
    return out


def fr_plural(word: str) -> str:
    return word if word.endswith(("s", "x")) else word + "s"


def en_plural(word: str) -> str | None:
    """'Israeli' -> 'Israelis'; adjectives that are not nouns ('French', 'Icelandic') get none."""
    return None if word.endswith(("ese", "ish", "ch", "sh", "s", "x", "z", "y", "ic")) else word + "s"


def pycountry_names(iso3: str) -> tuple[list[str], list[str]]:
    """Extra English and French names from ISO 3166 (skipping inverted 'Korea, Republic of')."""
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return [], []
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    en = [getattr(c, a, None) for a in ("common_name", "name", "official_name")]
    en = [n for n in en if n and "," not in n and "(" not in n]
    frn = [ARTICLES.sub("", fr.gettext(n)) for n in en]
    return en, [n for n in frn if "," not in n]


def unindexed(phrases: dict[str, list[str]], extra: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {}
    for lang, items in phrases.items():
        hits = [p for p in items if normalize(p) in COLLISIONS[lang]] + extra.get(lang, [])
        if hits:
            out[lang] = uniq(hits)
    return out


def build_countries() -> list[dict]:
    metonyms: dict[str, dict[str, list[str]]] = {}
    met_roles: dict[str, dict[str, str]] = {}
    for iso3, lang, phrase, role in psv("metonyms.psv"):
        metonyms.setdefault(iso3, {"fr": [], "en": []})[lang].append(phrase)
        if role != "GOV":
            met_roles.setdefault(iso3, {})[phrase] = role
    skip: dict[str, dict[str, list[str]]] = {}
    for iso3, lang, phrase in psv("unindexed.psv"):
        skip.setdefault(iso3, {}).setdefault(lang, []).append(phrase)
    out = []
    for row in psv("countries.psv"):
        iso3, fr_names, en_names, dem_m, dem_f, dem_en, cap_en, cap_fr, lat, lon = row
        py_en, py_fr = pycountry_names(iso3)
        names = {"fr": uniq(split(fr_names) + py_fr), "en": uniq(split(en_names) + py_en)}
        m, f = split(dem_m), split(dem_f)
        assert len(m) == len(f), f"{iso3}: masculine/feminine demonyms not aligned"
        fr_dem = uniq([w for pair in zip(m, f) for w in (pair[0], pair[1], fr_plural(pair[0]), fr_plural(pair[1]))])
        en_dem = uniq([w for d in split(dem_en) for w in (d, en_plural(d)) if w])
        caps = {"fr": uniq(split(cap_fr)), "en": uniq(split(cap_en))}
        # a capital spelt like its country ("Djibouti") is left to the country name
        caps = {lang: [c for c in caps[lang] if normalize(c) not in {normalize(n) for n in names[lang]}]
                for lang in caps}
        mets = metonyms.get(iso3, {"fr": [], "en": []})
        rec = {"key": iso3, "names": names, "demonyms": {"fr": fr_dem, "en": en_dem}, "capitals": caps,
               "metonyms": mets, "capital_coords": [float(lat), float(lon)]}
        if iso3 in met_roles:
            rec["metonym_roles"] = met_roles[iso3]
        every = {lang: names[lang] + rec["demonyms"][lang] + caps[lang] + mets[lang] for lang in ("fr", "en")}
        hidden = unindexed(every, skip.get(iso3, {}))
        if hidden:
            rec["unindexed"] = hidden
        out.append(rec)
    return out


def build_orgs(shared: Path) -> list[dict]:
    curated = {r[0]: r for r in psv("organisations.psv")}
    out = []
    for line in (shared / "spec" / "org-ids.tsv").read_text("utf-8").splitlines()[1:]:
        if not line.strip():
            continue
        oid, kind, english, french = line.split("\t")
        _, role, country, en_extra, fr_extra, acronyms, en_mets = (curated[oid] + [""] * 7)[:7]
        fr_names, fr_mets, acr = [], [], split(acronyms)
        for item in split(french):
            note = re.search(r"\s*\(([^)]*)\)\s*$", item)
            base = item[: note.start()].strip() if note else item
            if note and note.group(1).startswith("as the"):
                fr_mets.append(base)  # "Bruxelles (as the EU)": the city standing for the body
            elif re.fullmatch(r"[A-Z0-9]{2,}", base):
                acr.append(base)
            else:
                fr_names.append(base)
        en_names = [english] + [n.strip() for n in english.split("/")] if "/" in english else [english]
        rec = {"key": oid, "kind": kind, "role": role,
               "names": {"fr": uniq(fr_names + split(fr_extra)), "en": uniq(en_names + split(en_extra))},
               "acronyms": uniq(acr)}
        if not rec["names"]["fr"]:
            rec["names"]["fr"] = [rec["acronyms"][0] if rec["acronyms"] else english]
        if country:
            rec["country"] = country
        if fr_mets or en_mets:
            rec["metonyms"] = {"fr": fr_mets, "en": split(en_mets)}
        every = {lang: rec["names"][lang] + rec["acronyms"] + rec.get("metonyms", {}).get(lang, [])
                 for lang in ("fr", "en")}
        hidden = unindexed(every, {})
        if hidden:
            rec["unindexed"] = hidden
        out.append(rec)
    for oid, fr_words, en_words in psv("org_descriptors.psv"):
        rec = next((r for r in out if r["key"] == oid), None)
        assert rec is not None, f"org_descriptors.psv: {oid!r} is not in org-ids.tsv"
        rec["descriptors"] = {"fr": split(fr_words), "en": split(en_words)}
    missing = set(curated) - {r["key"] for r in out}
    assert not missing, f"curated organisations not in org-ids.tsv: {missing}"
    return out


def build_holders() -> list[dict]:
    out = []
    for row in psv("office_holders.psv"):
        name, aliases, where, role, title, start, end = row
        rec = {"name": name, "aliases": uniq([a for a in split(aliases) if normalize(a) != normalize(name)]),
               "country": None, "org": None, "role": role, "title": title,
               "start": start or None, "end": end or None}
        if where.startswith("org:"):
            rec["org"] = where[4:]
        else:
            rec["country"] = where
        out.append(rec)
    return out


def import_holders(shared: Path, countries: list[dict], curated: list[dict]) -> list[dict]:
    """Dated government/military roles from the Phoenix country dictionary (CountryInfo-derived),
    without the persons the curated table covers from their first curated term on."""
    from phoenix_holders import parse
    records = parse(shared / "reference" / "phoenix" / "Phoenix.Countries.actors.txt",
                    {c["key"] for c in countries}, updated=PHOENIX_UPDATED, since=PHOENIX_SINCE)
    def person(name: str) -> str:  # 'Bashar al-Assad' and Phoenix's 'Bashar al Assad' are one person
        return normalize(name).replace("-", " ")

    first: dict[tuple[str, str], str] = {}
    for c in curated:
        for alias in (c["name"], *c["aliases"]):
            k = (person(alias), c["country"] or c["org"])
            first[k] = min(first.get(k, "9999"), c["start"] or "0000")
    out = []
    for r in records:
        starts = [first[k] for a in (r["name"], *r["aliases"]) if (k := (person(a), r["country"])) in first]
        if starts and r["end"] >= min(starts):
            continue
        out.append(r)
    return out


def write_gz(name: str, records: list[dict], out: Path = OUT) -> None:
    text = "".join(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n" for rec in records)
    with open(out / name, "wb") as fh:  # fixed mtime and no file name: the same input gives the same bytes
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz:
            gz.write(text.encode("utf-8"))
    print(f"{name}: {len(records)} records")


def build_roles(lang: str) -> list[dict]:
    out = []
    for n, (phrase, role, variants, example) in enumerate(psv(f"roles_{lang}.psv"), 1):
        forms = [phrase] + split(variants)
        assert any(normalize(f) in normalize(example) for f in forms), f"{phrase!r}: example lacks the phrase"
        rec = {"id": f"{lang}-role-{n:04d}", "phrase": phrase, "role": role, "examples": [example]}
        if split(variants):
            rec["variants"] = split(variants)
        out.append(rec)
    return out


def check_against_countryinfo(shared: Path, countries: list[dict]) -> None:
    text = (shared / "reference" / "CountryInfo.120116.txt").read_text("utf-8", errors="replace")
    known = set(re.findall(r"^<CountryCode>([A-Z]{3})</CountryCode>", text, re.M))
    absent = [c["key"] for c in countries if c["key"] not in known and c["key"] != "XKX"]
    if absent:
        print(f"note: not in CountryInfo: {absent}", file=sys.stderr)


def write(name: str, records: list[dict], out: Path = OUT) -> None:
    with open(out / name, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{name}: {len(records)} records")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    args = ap.parse_args()
    countries = build_countries()
    check_against_countryinfo(args.shared, countries)
    write("countries.jsonl", countries)
    write("organisations.jsonl", build_orgs(args.shared))
    holders = build_holders()
    write("office_holders.jsonl", holders)
    write_gz("office_holders_phoenix.jsonl.gz", import_holders(args.shared, countries, holders))
    for lang in ("fr", "en"):
        write("roles.jsonl", build_roles(lang), ROOT / "src" / "veille" / "lang" / lang)


if __name__ == "__main__":
    main()
