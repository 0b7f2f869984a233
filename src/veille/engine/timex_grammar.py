"""Loading and checking the per-language date data (`lang/<lang>/dates.json`) and
compiling its rules into regular expressions. No language word lives here.

A rule's pattern is a regular expression where a space means any white space
(" ?" means optional white space), an apostrophe matches ' and ’, and `{class}`
or `{class:group}` inserts an alternation of the lexicon class `class` (or of a
built-in number class) as a named group.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from ..errors import E, VeilleError
from ..settings import SUPPORTED_LANGS

ACTIONS = frozenset({
    "calendar", "month_part", "season", "year_part", "decade", "year", "day_word", "part_of_day", "weekday",
    "clock", "ago", "later", "past_duration", "future_duration", "relative_unit", "set", "duration", "ref",
    "day_range", "weekday_range", "night_range",
})

# Built-in classes: digits only, language-free. Values are the matched digits.
NUMERIC_CLASSES: Mapping[str, str] = {
    "day": r"(?:3[01]|[12]\d|0?[1-9])(?!\d)",
    "year4": r"(?:1[6-9]\d\d|20\d\d)(?!\d)",
    "year2": r"\d\d(?!\d)",
    "hour": r"(?:2[0-3]|[01]?\d)(?!\d)",
    "minute": r"[0-5]\d(?!\d)",
    "int": r"\d+(?:[.,]\d+)?(?!\d)",
}

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z_0-9]*)(?::([a-z_][a-z_0-9]*))?\}")
_APOSTROPHES = "'’ʼ`´"
EXAMPLE_FIELDS = ("text", "ref", "type", "value", "precision", "value_end", "tense")


def normalize_word(text: str) -> str:
    """Key used for lexicon look-ups: casefolded, without accents, one apostrophe, single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for ch in _APOSTROPHES[1:]:
        text = text.replace(ch, "'")
    return " ".join(text.replace("\u2011", "-").split())


def _literal_regex(word: str) -> str:
    """A lexicon entry as a regex: spaces are any white space, apostrophes any apostrophe."""
    out = []
    for ch in word:
        if ch == " ":
            out.append(r"\s+")
        elif ch in _APOSTROPHES:
            out.append("['’ʼ]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Example:
    text: str
    ref: str | None
    type: str
    value: str | None
    precision: str
    value_end: str | None = None
    tense: str | None = None


ANCHORS = ("ref", "narrative", "paragraph")


@dataclass(frozen=True)
class Rule:
    id: str
    action: str
    regex: re.Pattern[str]
    group_classes: Mapping[str, str]  # group name -> lexicon or numeric class
    examples: tuple[Example, ...]
    anchor: str = "ref"  # "ref": the reference date; "narrative": the last day mentioned before;
    # "paragraph": the last day mentioned before in the same paragraph, else the reference date


@dataclass(frozen=True)
class Veto:
    """A pattern whose matches are not temporal ('un homme de 38 ans' is an age): candidates
    overlapping a veto match are dropped. Its examples must yield no expression."""
    id: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class DateGrammar:
    lang: str
    lexicon: Mapping[str, Mapping[str, Any]]  # class -> normalised word -> value
    rules: tuple[Rule, ...]
    strip_prefix: re.Pattern[str] | None
    vetoes: tuple[Veto, ...] = ()

    def lookup(self, cls: str, word: str) -> Any:
        return self.lexicon[cls].get(normalize_word(word))


class _Checker:
    def __init__(self, path: str, raw: str) -> None:
        self.path, self.raw = path, raw

    def fail(self, reason: str, needle: str | None = None) -> VeilleError:
        line = 1
        if needle:
            pos = self.raw.find(needle)
            if pos >= 0:
                line = self.raw.count("\n", 0, pos) + 1
        return VeilleError(E.E101, path=self.path, line=line, reason=reason)


def _class_regex(words: Mapping[str, Any]) -> str:
    variants = set()
    for word in words:
        variants.add(word)
        variants.add(_strip_accents(word))
    alts = sorted(variants, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(_literal_regex(w) for w in alts) + ")"


def _compile_pattern(pattern: str, lexicon: Mapping[str, Mapping[str, Any]], rule_id: str,
                     check: _Checker) -> tuple[re.Pattern[str], dict[str, str]]:
    groups: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(pattern):
        out.append(_prepare_literal(pattern[pos:m.start()]))
        cls, name = m.group(1), m.group(2) or m.group(1)
        if cls in NUMERIC_CLASSES:
            body = NUMERIC_CLASSES[cls]
        elif cls in lexicon:
            body = _class_regex(lexicon[cls])
        else:
            raise check.fail(f"rule {rule_id!r} uses unknown class {cls!r}; known: "
                             f"{', '.join(sorted([*lexicon, *NUMERIC_CLASSES]))}", rule_id)
        if name in groups:
            raise check.fail(f"rule {rule_id!r} uses group {name!r} twice; name one with {{{cls}:other}}", rule_id)
        groups[name] = cls
        out.append(f"(?P<{name}>{body})")
        pos = m.end()
    out.append(_prepare_literal(pattern[pos:]))
    body = "".join(out)
    try:
        regex = re.compile(r"(?<![\w.,])(?:" + body + r")(?![\w]|[.,]\d)", re.IGNORECASE)
    except re.error as exc:
        raise check.fail(f"rule {rule_id!r}: invalid pattern ({exc})", rule_id) from None
    return regex, groups


def _prepare_literal(text: str) -> str:
    """Spaces and apostrophes outside character classes become flexible."""
    out: list[str] = []
    in_class = escaped = False
    for i, ch in enumerate(text):
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            out.append(r"\s*" if text[i + 1:i + 2] == "?" else r"\s+")
        elif ch == "?" and i > 0 and text[i - 1] == " " and not (i > 1 and text[i - 2] == "\\"):
            continue
        elif ch == "'":
            out.append("['’ʼ]")
        else:
            out.append(ch)
    return "".join(out)


def _parse_example(raw: Any, rule_id: str, check: _Checker) -> Example:
    if not isinstance(raw, list) or not 5 <= len(raw) <= len(EXAMPLE_FIELDS):
        raise check.fail(f"rule {rule_id!r}: an example is a list [{', '.join(EXAMPLE_FIELDS)}] "
                         "with the last two optional", rule_id)
    return Example(*raw)


def parse_grammar(data: Any, path: str, raw: str) -> DateGrammar:
    check = _Checker(path, raw)
    if not isinstance(data, dict):
        raise check.fail("top level must be an object with 'lang', 'lexicon' and 'rules'")
    for key in ("lang", "lexicon", "rules"):
        if key not in data:
            raise check.fail(f"missing key {key!r}")
    lexicon: dict[str, dict[str, Any]] = {}
    for cls, words in data["lexicon"].items():
        if not isinstance(words, dict) or not words:
            raise check.fail(f"lexicon class {cls!r} must be a non-empty object word -> value", f'"{cls}"')
        lexicon[cls] = {normalize_word(w): v for w, v in words.items()}
    rules: list[Rule] = []
    seen: set[str] = set()
    for entry in data["rules"]:
        rule_id = entry.get("id") if isinstance(entry, dict) else None
        if not rule_id:
            raise check.fail("every rule needs an 'id'")
        if rule_id in seen:
            raise check.fail(f"duplicate rule id {rule_id!r}", rule_id)
        seen.add(rule_id)
        if entry.get("action") not in ACTIONS:
            raise check.fail(f"rule {rule_id!r}: unknown action {entry.get('action')!r}; "
                             f"known: {', '.join(sorted(ACTIONS))}", rule_id)
        if not isinstance(entry.get("pattern"), str):
            raise check.fail(f"rule {rule_id!r}: 'pattern' must be a string", rule_id)
        regex, groups = _compile_pattern(entry["pattern"], data["lexicon"], rule_id, check)
        examples = tuple(_parse_example(x, rule_id, check) for x in entry.get("examples", ()))
        if not examples:
            raise check.fail(f"rule {rule_id!r}: give at least one example (they become tests)", rule_id)
        anchor = entry.get("anchor", "ref")
        if anchor not in ANCHORS:
            raise check.fail(f"rule {rule_id!r}: 'anchor' must be one of {', '.join(ANCHORS)}, got {anchor!r}",
                             rule_id)
        rules.append(Rule(rule_id, entry["action"], regex, groups, examples, anchor))
    vetoes = []
    for entry in data.get("vetoes", []):
        veto_id = entry.get("id") if isinstance(entry, dict) else None
        if not veto_id or not isinstance(entry.get("pattern"), str) or not entry.get("examples"):
            raise check.fail("every veto needs an 'id', a 'pattern' and 'examples'", veto_id)
        regex, _ = _compile_pattern(entry["pattern"], data["lexicon"], veto_id, check)
        vetoes.append(Veto(veto_id, regex, tuple(entry["examples"])))
    strip = data.get("strip_prefix") or []
    strip_re = None
    if strip:
        alts = sorted({_literal_regex(w) for w in strip} | {_literal_regex(_strip_accents(w)) for w in strip},
                      key=lambda w: -len(w))
        strip_re = re.compile(r"^(?:" + "|".join(alts) + r")(?:\s+|(?<=['’ʼ]))", re.IGNORECASE)
    return DateGrammar(data["lang"], lexicon, tuple(rules), strip_re, tuple(vetoes))


@lru_cache(maxsize=None)
def load_grammar(lang: str) -> DateGrammar:
    """The packaged date grammar of `lang` (checked; errors name file, line and reason)."""
    if lang not in SUPPORTED_LANGS:
        raise VeilleError(E.E001, lang=lang, supported=", ".join(SUPPORTED_LANGS))
    res = resources.files("veille.lang").joinpath(lang, "dates.json")
    path = str(res)
    raw = res.read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise VeilleError(E.E101, path=path, line=exc.lineno, reason=exc.msg) from None
    return parse_grammar(data, path, raw)
