"""Several owners for one title, read from coordinated modifiers: 'les ambassadeurs de
l'Allemagne, de la Belgique et de l'UE', 'les gouvernements britannique, australien et danois'.
Each function returns the entities beyond the first (`ent`), with its role. Language-free."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..records import Entity
from .syntax import Syntax

if TYPE_CHECKING:  # pragma: no cover
    from .actors import DocActors


def _code(key: str | None, role: str | None) -> str | None:
    return f"{key}{role or ''}" if key else None


def enumerated_owners(syn: Syntax, state: "DocActors", tok: Token, ent: Entity) -> list[Entity]:
    """'les ambassadeurs de l'Allemagne, de la Belgique et de l'UE': one holder of the title per owner
    named in the list, read on the surface (parsers rarely attach such lists well)."""
    doc = state.doc
    owner = next((c for c in tok.children if c.i in state.matches and syn.has(c, "nmod")), None)
    if owner is None:
        return []
    out: list[Entity] = []
    j = state.matches[owner.i].end
    while j < len(doc):
        k = j
        while k < len(doc) and (doc[k].text == "," or doc[k].pos_ == "CCONJ"):
            k += 1
        if k == j:
            break
        while k < len(doc) and doc[k].pos_ in ("ADP", "DET"):
            k += 1
        m = state.matches.get(k)
        if m is None or m.start != k or m.best.kind == "demonym":
            break
        e = m.best
        if all(x.key != e.key for x in [ent, *out]):
            out.append(replace(ent, text=doc[m.start:m.end].text, key=e.key, country=e.country or None,
                               org=e.org, code=_code(e.key, ent.role)))
        j = m.end
    return out


def coordinated_demonyms(syn: Syntax, state: "DocActors", tok: Token, ent: Entity) -> list[Entity]:
    """'les gouvernements britannique, australien et danois', 'l'aviation syrienne et russe': one
    holder of the role per coordinated adjective of nationality."""
    out: list[Entity] = []
    for c in tok.children:
        m = state.matches.get(c.i)
        if not (m and m.best.kind == "demonym" and syn.has(c, "amod")):
            continue
        for conj in syn.conjuncts(c):
            cm = state.matches.get(conj.i)
            if cm is None or cm.best.kind not in ("demonym", "country") or not cm.best.country:
                continue
            e = cm.best
            if all(x.key != e.key for x in [ent, *out]):
                out.append(replace(ent, key=e.key, country=e.country, org=None, code=_code(e.key, ent.role)))
    return out
