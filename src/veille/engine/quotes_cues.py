"""Quote cues of one language, read from `lang/<lang>/quotes.json`: quotation marks,
reporting verbs, 'selon'-like prepositions, feelings that are not speech. Checked on
load: a bad file fails with its path and the reason (E101)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import E, VeilleError

LIST_KEYS = ("speech_verbs", "speech_forms", "feeling_verbs", "speaker_nouns", "reflexive_clitics", "fragment_verbs",
             "complementizers", "source_preps", "view_preps", "incise_marks", "state_media_words",
             "private_media_nouns",
             "infinitive_marks", "relative_pronouns", "impersonal_subjects")
INT_KEYS = ("scare_max_words", "fragment_max_words")
KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class QuoteExample:
    id: str
    text: str
    date: str | None
    quotes: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class QuoteCues:
    lang: str
    marks: tuple[tuple[str, str], ...]
    speech_verbs: frozenset[str]
    speech_forms: frozenset[str]
    speaker_nouns: frozenset[str]
    reflexive_clitics: frozenset[str]
    feeling_verbs: frozenset[str]
    fragment_verbs: frozenset[str]
    complementizers: frozenset[str]
    incise_marks: frozenset[str]
    state_media_words: frozenset[str]
    private_media_nouns: frozenset[str]
    source_preps: frozenset[str]
    view_preps: frozenset[str]
    infinitive_marks: frozenset[str]
    relative_pronouns: frozenset[str]
    impersonal_subjects: frozenset[str]
    scare_max_words: int
    fragment_max_words: int
    examples: tuple[QuoteExample, ...]

    @property
    def openers(self) -> dict[str, str]:
        return {o: c for o, c in self.marks}


def _fail(path: str, reason: str, line: int = 0) -> VeilleError:
    return VeilleError(E.E101, path=path, line=line, reason=reason)


def parse_cues(obj: Any, lang: str, path: str) -> QuoteCues:
    """Check and type a quotes.json object; raises E101 naming the bad key."""
    if not isinstance(obj, dict):
        raise _fail(path, "the file must hold one JSON object")
    allowed = {"marks", "examples", *LIST_KEYS, *INT_KEYS}
    unknown = {k for k in obj if not k.startswith("_")} - allowed
    if unknown:
        raise _fail(path, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    marks = obj.get("marks")
    if not isinstance(marks, list) or not marks or not all(
            isinstance(m, list) and len(m) == 2 and all(isinstance(c, str) and len(c) == 1 for c in m) for m in marks):
        raise _fail(path, "'marks' must be a non-empty list of [open, close] single characters")
    lists: dict[str, frozenset[str]] = {}
    for key in LIST_KEYS:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(path, f"{key!r} must be a list of non-empty strings")
        lists[key] = frozenset(value)
    if not lists["speech_verbs"]:
        raise _fail(path, "'speech_verbs' must not be empty")
    ints = {}
    for key in INT_KEYS:
        value = obj.get(key, 0)
        if not isinstance(value, int) or value < 0:
            raise _fail(path, f"{key!r} must be a non-negative integer, got {value!r}")
        ints[key] = value
    examples, ids = [], set()
    for n, ex in enumerate(obj.get("examples", []), 1):
        where = f"example {n}"
        if not isinstance(ex, dict) or not isinstance(ex.get("id"), str) or not isinstance(ex.get("text"), str):
            raise _fail(path, f"{where} needs a string 'id' and 'text'")
        if ex["id"] in ids:
            raise _fail(path, f"{where}: duplicate id {ex['id']!r}")
        ids.add(ex["id"])
        quotes = ex.get("quotes", [])
        if not isinstance(quotes, list):
            raise _fail(path, f"{where} ({ex['id']}): 'quotes' must be a list")
        for q in quotes:
            if not isinstance(q, dict) or q.get("kind") not in KINDS or not isinstance(q.get("content"), str):
                raise _fail(path, f"{where} ({ex['id']}): each quote needs 'kind' in {KINDS} and a 'content' string")
        examples.append(QuoteExample(ex["id"], ex["text"], ex.get("date"), tuple(quotes)))
    return QuoteCues(lang=lang, marks=tuple((m[0], m[1]) for m in marks), examples=tuple(examples), **lists, **ints)


@lru_cache(maxsize=8)
def load_quote_cues(lang: str) -> QuoteCues:
    """The quote cues of `lang` (cached per process). Unknown languages raise E001."""
    root = resources.files("veille.lang")
    supported = sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("quotes.json").is_file())
    if lang not in supported:
        raise VeilleError(E.E001, lang=lang, supported=", ".join(supported))
    path = f"lang/{lang}/quotes.json"
    try:
        obj = json.loads(root.joinpath(lang, "quotes.json").read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise _fail(path, f"invalid JSON: {exc.msg}", exc.lineno) from None
    return parse_cues(obj, lang, path)
