"""Generic mentions resolved from the document context: 'l'organisation', 'l'ONG', 'les
rebelles', 'les forces loyalistes', 'les djihadistes'. A generic mention takes a key only
where the text makes it certain:

1. the same common noun introduced a named entity earlier ('l'ONG Human Rights Watch' ...
   'l'ONG'; 'le groupe État islamique' ... 'le groupe'), and only one entity so far;
2. a descriptor word of exactly one organisation named so far in the document
   ('les djihadistes' after 'l'État islamique'; descriptors are gazetteer data), or, when
   none is named, of exactly one organisation based in the document's focus state ('les
   forces kurdes' in a story about Syria, about Iraq, about Turkey);
3. a role noun of a state's apparatus or domestic challengers ('l'armée', 'le régime', 'la
   police', 'les forces loyalistes', 'l'opposition', 'les séparatistes') with no owner of its
   own, in a document about one state: the state named far more often than any
   other. (The same title with an owner earlier, 'les rebelles syriens' ... 'les rebelles',
   is handled before, by ActorResolver's role memory.)
4. a generic organisation noun ('l'organisation', 'cette organisation'; language data) with no
   modifier of its own: the one organisation named so far in the document.

Only definite mentions are resolved: indefinite or bare ones ('des rebelles', 'plusieurs
ONG', 'une force de police') may introduce someone new, and a role noun with an adjective of
its own ('les forces kurdes', 'les milices chiites') names some other group. Everything
ambiguous stays unresolved. Language-free: words come from the gazetteer
and the language's role nouns; the parse gives determiners and adjectives."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..gazetteer import normalize
from ..records import Entity

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver, DocActors

# Roles CAMEO codes with a state's key when the state is known: its apparatus (government, armed
# forces, police) and its domestic challengers (rebels, insurgents, opposition, separatists: 'MLIREB').
# A named group of the story's state comes first (descriptors: FSA for Syria's rebels). Codes, not words.
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "REB", "INS", "OPP", "SEP"})
NOUNS = ("NOUN", "PROPN", "X")   # small models tag 'ONG' or 'NGO' as any of these
FOCUS_MIN = 3        # mentions of the focus state, at least
FOCUS_RATIO = 2.0    # and this many times the runner-up's


def _ents_entry(e) -> Entity:
    return Entity(text=e.name, key=e.key, country=e.country or None, org=e.org, role=e.role,
                  name=e.name if e.org else None, code=f"{e.key}{e.role or ''}")


class ContextResolver:
    def __init__(self, actors: "ActorResolver") -> None:
        self.actors = actors
        self.syn = actors.syn
        self.descriptors = actors.gaz.descriptors(actors.lang)   # normalised word -> org keys
        self.definite = {normalize(w) for w in actors.data.cue("definite_determiners")}
        self.org_nouns = {normalize(w) for w in actors.data.cue("org_nouns")}

    # ----- scan ------------------------------------------------------------------------------
    def scan(self, state: "DocActors") -> None:
        """Record introducing nouns ('l'organisation « État islamique »'), organisations in text
        order, and the focus state of the document."""
        doc = state.doc
        counts: Counter = Counter()
        seen: set[int] = set()
        for i, m in sorted(state.matches.items()):
            if m.start in seen:
                continue
            seen.add(m.start)
            e = m.best
            if e.org:
                state.orgs_seen.append((m.start, e.key, _ents_entry(e)))
                inner = [t for t in (doc[m.start], doc[m.end - 1]) if m.end - m.start > 1
                         and t.pos_ == "NOUN" and t.text.islower()]
                for t in inner[:1]:  # a common noun inside the name ('groupe État islamique',
                    # 'Islamic State group'): 'le groupe', 'the group' later
                    state.intro_nouns.setdefault(normalize(t.lemma_), []).append(
                        (m.start, replace(_ents_entry(e), text=doc[m.start:m.end].text)))
                if inner:
                    continue
                noun = self._introducer(doc, m.start, state)
                if noun is not None:
                    ent = replace(_ents_entry(e), text=doc[noun.i:m.end].text)
                    state.intro_nouns.setdefault(normalize(noun.lemma_), []).append((noun.i, ent))
            elif e.country and e.kind in ("country", "capital", "metonym", "demonym"):
                counts[e.country] += 1
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= FOCUS_MIN and (len(ranked) == 1 or ranked[0][1] >= FOCUS_RATIO * ranked[1][1]):
            state.focus = ranked[0][0]

    def _introducer(self, doc: Doc, start: int, state: "DocActors") -> Token | None:
        """The common noun right before a name ('l'ONG Human Rights Watch', 'le groupe djihadiste
        État islamique', 'l'organisation « État islamique »'), if it has a determiner."""
        j = start - 1
        while j >= 0 and (doc[j].is_quote or doc[j].pos_ == "PUNCT" and doc[j].text in "«\"“"):
            j -= 1
        while j >= 0 and doc[j].pos_ == "ADJ":
            j -= 1
        if j < 1 or doc[j].pos_ not in NOUNS or j in state.matches:
            return None
        if not any(self.syn.has(c, "det") for c in doc[j].children) and doc[j - 1].pos_ != "DET":
            return None
        return doc[j]

    # ----- resolution ------------------------------------------------------------------------
    def _definite(self, tok: Token) -> bool:
        """'les rebelles', 'l'ONG', 'cette organisation', 'leurs milices': a definite, demonstrative or
        possessive determiner. Indefinite ('des rebelles', 'plusieurs ONG') and bare mentions ('une force
        de police') may introduce someone new and stay unresolved."""
        return any("Def" in d.morph.get("Definite") or "Dem" in d.morph.get("PronType") or "Yes" in d.morph.get("Poss")
                   or normalize(d.text) in self.definite  # 'l’' (curly apostrophe) often comes untagged
                   for d in tok.children if self.syn.has(d, "det")) and not any(c.pos_ == "NUM" for c in tok.children)

    def _described(self, tok: Token, lemma: str) -> frozenset[str]:
        """Organisations the words of a mention describe: a two-word descriptor ('rebelles kurdes') if
        any, else those all its descriptor words agree on ('les rebelles', 'les forces kurdes')."""
        amods = [c for c in tok.children if self.syn.has(c, "amod")]
        phrases = [self.descriptors.get(normalize(f"{tok.text} {c.text}")) for c in amods]
        phrases = [p for p in phrases if p]
        if phrases:
            return phrases[0]
        sets = [self.descriptors.get(w) for w in ({lemma} | {normalize(tok.text)}) if self.descriptors.get(w)][:1]
        sets += [self.descriptors[normalize(c.lemma_)] for c in amods if normalize(c.lemma_) in self.descriptors]
        return frozenset.intersection(*sets) if sets else frozenset()

    def qualified(self, state: "DocActors", tok: Token) -> bool:
        """A role noun with an adjective of its own, outside its title ('les forces kurdes', 'les milices
        chiites'): some group other than the one a bare title refers to."""
        info = state.roles.get(tok.i)
        if info is None:
            return False
        end = info[0]
        start = min(j for j in range(max(0, tok.i - 6), end) if state.roles.get(j, (None,))[0] == end)
        return any(self.syn.has(c, "amod") and c.pos_ in NOUNS + ("ADJ",) and not start <= c.i < end
                   for c in tok.children)

    def aside(self, state: "DocActors", tok: Token, remembered: Entity, at: int | None) -> bool:
        """A bare title whose last owned mention was another state's, in an earlier paragraph of a story about
        one state ('la police belge' in a paragraph on Belgium, then 'la police' in a story on France): the
        aside ended with its paragraph, the title is the story's own state's."""
        if at is None or not state.focus or not remembered.country or remembered.country == state.focus:
            return False
        if remembered.org:
            return False  # an organisation's men ('les combattants de Boko Haram') are no state's aside
        text = state.doc.text
        return text.rfind("\n", 0, state.doc[at].idx) != text.rfind("\n", 0, tok.idx)

    def _owned(self, state: "DocActors", tok: Token) -> bool:
        """A modifier names some other entity ('les rebelles de l'EI', 'l'organisation européenne')."""
        for c in tok.children:
            if c.i in state.matches and (self.syn.has(c, "amod") or self.syn.has(c, "nmod")):
                return True
        return False

    def resolve(self, state: "DocActors", tok: Token) -> Entity | None:
        if tok.pos_ not in NOUNS or tok.i in state.matches:
            return None
        lemma = normalize(tok.lemma_)
        for i, e in state.intro_nouns.get(lemma, ()):
            if i == tok.i:  # the introducing mention itself: 'l'ONG Human Rights Watch'
                return e
        if not self._definite(tok) or self._owned(state, tok):
            return None
        text = self.actors._text(state, tok)
        intro = {e.key: e for i, e in state.intro_nouns.get(lemma, ()) if i < tok.i}
        if len(intro) == 1:
            return replace(next(iter(intro.values())), text=text)
        if lemma in self.org_nouns and tok.i not in state.roles:
            # 'l'organisation', 'cette organisation' with no words of its own: the one organisation named so far
            if any(self.syn.has(c, "amod") or self.syn.has(c, "nmod") for c in tok.children):
                return None
            named = {k: e for i, k, e in state.orgs_seen if i < tok.i}
            return replace(next(iter(named.values())), text=text) if len(named) == 1 else None
        wanted = self._described(tok, lemma)
        if wanted:
            named = {k: e for i, k, e in state.orgs_seen if i < tok.i and k in wanted}
            if not named and state.focus:  # 'les forces kurdes' in a story about Syria, Iraq or Turkey
                named = {k: _ents_entry(e) for k in wanted for e in [self.actors.gaz.org_entry(k)]
                         if e is not None and e.country == state.focus}
            if len(named) == 1:
                return replace(next(iter(named.values())), text=text)
            if named:
                return None
        info = state.roles.get(tok.i)
        if info is None:
            return None
        role = info[1]
        if self.qualified(state, tok):
            return None
        if state.focus and role in STATE_ROLES:
            key = state.focus
            return Entity(text=text, key=key, country=key, role=role, code=f"{key}{role}")
        return None
