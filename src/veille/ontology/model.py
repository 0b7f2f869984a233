"""Load PLOVER types/modes/scores, the CAMEO codebook (names, Goldstein) and the
CAMEO->PLOVER crosswalk, and combine them. Data files live in ./data."""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping

from ..errors import E, VeilleError

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class CodingPolicy:
    """How veille codes a type (plover.json, `coding`): which side relations it implies and which
    arguments it may take. veille's policy from the coding guide, not part of PLOVER itself."""
    stance: str | None = None            # 'friendly' | 'opposed' | None
    needs_recipient: bool = False        # coded only with a recipient, even where PLOVER allows none
    recipient_optional: bool = False     # a lexicon entry's recipient slot may stay empty
    object_may_be_event: bool = False    # 'condamne l'attaque': the object is another event
    complement_may_be_act: bool = False  # 'menace de frapper X': the complement is the act threatened
    intent: tuple[str, str] | None = None  # (type, CAMEO) coded when the act is only announced
    refusal: str | None = None             # REJECT code coded when the actor says it will not act
    complement_is_asked: bool = False      # 'appelle Y à cesser les frappes': the complement is asked for, no event
    complement_is_refused: bool = False    # 'a refusé de libérer X': the complement is refused, no event


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int
    requires_recipient: bool
    score: float
    mode_scores: Mapping[str, float] = field(default_factory=dict)
    coding: CodingPolicy = field(default_factory=CodingPolicy)

    def score_for(self, mode: str | None) -> float:
        return self.mode_scores.get(mode, self.score) if mode else self.score


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    plover: str | None  # PLOVER type from the crosswalk
    mode: str | None
    contexts: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    types: Mapping[str, PloverType]
    cameo: Mapping[str, CameoCode]
    contexts: tuple[str, ...]
    quad_names: Mapping[int, str]
    refinements: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def plover_type(self, name: str) -> PloverType:
        try:
            return self.types[name]
        except KeyError:
            raise VeilleError(E.E012, value=name, allowed=", ".join(PLOVER_TYPES)) from None

    def cameo_code(self, code: str) -> CameoCode | None:
        """The code, or its nearest listed parent ('0311' -> '031' -> '03')."""
        while code:
            if code in self.cameo:
                return self.cameo[code]
            code = code[:-1]
        return None

    def goldstein(self, code: str) -> float | None:
        found = self.cameo_code(code)
        return found.goldstein if found else None

    def plover_for_cameo(self, code: str) -> str | None:
        found = self.cameo_code(code)
        return found.plover if found else None

    def quad_class(self, plover: str) -> int:
        return self.plover_type(plover).quad_class

    def score(self, plover: str, mode: str | None) -> float:
        return self.plover_type(plover).score_for(mode)


_CROSSWALK_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#.*)?$")


def _read_crosswalk(text: str) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    out = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line.startswith("~~~"):  # end-of-table marker in the published file
            break
        if not line or line.startswith("#"):
            continue
        m = _CROSSWALK_LINE.match(line)
        if not m:
            raise VeilleError(E.E102, path="CAMEO2PLOVER-2021.txt", line=lineno, reason=f"cannot parse {line!r}")
        code, plover, mode, ctx = m.groups()
        if plover not in PLOVER_TYPES:
            raise VeilleError(E.E102, path="CAMEO2PLOVER-2021.txt", line=lineno, reason=f"unknown PLOVER type {plover!r}")
        mode = (mode or "").strip() or None
        contexts = tuple(c.strip() for c in (ctx or "").split(";") if c.strip())
        out[code] = (plover, mode, contexts)
    return out


def _read_cameo(text: str) -> dict[str, tuple[str, float | None]]:
    out = {}
    for lineno, row in enumerate(csv.DictReader(text.splitlines()), 2):
        code = row.get("code", "")
        if not re.fullmatch(r"\d{2,4}", code):
            raise VeilleError(E.E102, path="cameo-codes.csv", line=lineno, reason=f"bad CAMEO code {code!r}")
        g = row.get("goldstein")
        out[code] = (row["name"], float(g) if g not in (None, "", "NA") else None)
    return out


def _coding_policy(name: str, raw: Mapping) -> CodingPolicy:
    stance = raw.get("stance")
    if stance not in (None, "friendly", "opposed"):
        raise VeilleError(E.E102, path="plover.json", line=0,
                          reason=f"type {name}: stance {stance!r} is not one of friendly, opposed, null")
    intent = raw.get("intent")
    if intent is not None and intent.get("type") not in PLOVER_TYPES:
        raise VeilleError(E.E102, path="plover.json", line=0,
                          reason=f"type {name}: intent type {intent.get('type')!r} is not a PLOVER type")
    return CodingPolicy(stance, bool(raw.get("needs_recipient")), bool(raw.get("recipient_optional")),
                        bool(raw.get("object_may_be_event")), bool(raw.get("complement_may_be_act")),
                        (intent["type"], str(intent["cameo"])) if intent else None,
                        str(raw["refusal"]) if raw.get("refusal") else None, bool(raw.get("complement_is_asked")),
                        bool(raw.get("complement_is_refused")))


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Read-only and identical for every caller, so it is cached once per process."""
    data = resources.files(__package__).joinpath("data")
    plover = json.loads(data.joinpath("plover.json").read_text("utf-8"))
    types = {t["name"]: PloverType(t["name"], int(t["quad_class"]), bool(t["requires_recipient"]),
                                   float(t["score"]), {k: float(v) for k, v in t["modes"].items()},
                                   _coding_policy(t["name"], t.get("coding", {})))
             for t in plover["types"]}
    if set(types) != set(PLOVER_TYPES):
        raise VeilleError(E.E102, path="plover.json", line=0, reason="types differ from the 16 PLOVER types")
    crosswalk = _read_crosswalk(data.joinpath("CAMEO2PLOVER-2021.txt").read_text("utf-8"))
    for code, extra in plover.get("crosswalk_additions", {}).items():
        if not code.startswith("_"):
            crosswalk.setdefault(code, (extra["type"], extra["mode"], tuple(extra["contexts"])))
    codebook = _read_cameo(data.joinpath("cameo-codes.csv").read_text("utf-8", errors="replace"))
    cameo = {}
    for code in sorted(set(crosswalk) | set(codebook)):
        name, goldstein = codebook.get(code, ("", None))
        plover_name, mode, contexts = crosswalk.get(code, (None, None, ()))
        if plover_name is None and len(code) > 2:  # inherit from the nearest mapped parent
            parent = code[:-1]
            while parent and parent not in crosswalk:
                parent = parent[:-1]
            if parent:
                plover_name, mode, contexts = crosswalk[parent]
        cameo[code] = CameoCode(code, name, goldstein, plover_name, mode, contexts)
    return Ontology(types=types, cameo=cameo, contexts=tuple(plover["contexts"]),
                    quad_names={int(k): v for k, v in plover["quad_classes"].items()},
                    refinements={k: v for k, v in plover.get("cameo_refinements", {}).items() if not k.startswith("_")})
