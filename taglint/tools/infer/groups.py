"""Group the spellings into tags and choose each tag's canonical spelling, by evidence.

Aliases join groups (union-find), strongest evidence first; a join is refused
when it would put two spellings used side by side into one group, and a hint
that would attach one spelling to two different tags is downgraded to a
candidate for both.  Each group's canonical spelling is:

* the **newer spelling of a rename** (see ``renames``): the older spelling was
  retired in its favour (``CoT`` -> ``Chain-of-Thought``), and every other
  spelling of the group came before it on balance;
* the **newer convention** when one spelling replaced the others: used on two
  notes or more, 90% of pairs of uses with each other spelling in its favour,
  and not itself a misspelling of one (``MulltiModal`` -> ``MultiModal``);
* otherwise the **most used** spelling (ties: the one used last, then by name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from taglint.tools.infer.context import Context, context_of
from taglint.tools.infer.decide import ALIAS, Evidence, side_by_side, weigh
from taglint.tools.infer.pairs import candidate_pairs
from taglint.tools.infer.spelling import HINTS, STRONG, relate
from taglint.tools.usage import Usage

_ORDER = (
    "same",
    "accents",
    "plural",
    "spelling-variant",
    "article",
    "function-word",
    "short-form",
    "suffix",
    "nested",
    "misspelling",
    "close-spelling",
    "acronym",
    "truncation",
    "same-leaf",
    "shared-stem",
)
NEWER = 0.9  # succession score over every other spelling that makes a spelling the newer convention
MAX_CANDIDATES = 3  # per spelling: the best few, not every stem it shares
MAX_HINT_PARTNERS = 2  # a spelling hinting at more tags than this (data: data access, data import, ...) hints at none


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    count: int  # notes carrying it
    evidence: str  # why it belongs to (or may belong to) the group
    dates: str = ""  # when it was used: "2017-12..2023-10", "" when its notes have no dates
    kind: str = ""  # the spelling relation (see ``spelling``)


@dataclass(frozen=True, slots=True)
class Group:
    canonical: str
    count: int  # notes carrying any of its spellings
    own: int  # notes carrying the canonical spelling itself
    why: str  # why this spelling is the canonical one (empty for a group of one)
    aliases: tuple[Member, ...]
    uncertain: tuple[Member, ...]  # candidates from other groups, for the user to accept


@dataclass(frozen=True, slots=True)
class Inference:
    tags: int  # distinct spellings seen
    groups: tuple[Group, ...]

    @property
    def merged(self) -> int:
        """Groups holding more than one spelling."""
        return sum(1 for g in self.groups if g.aliases)

    @property
    def uncertain(self) -> int:
        return sum(len(g.uncertain) for g in self.groups)


def infer(usage: Usage) -> Inference:
    ctx = context_of(usage)
    found = _focused([e for a, b in candidate_pairs(usage.tags) if (e := weigh(a, b, ctx)) is not None])
    found.sort(key=lambda e: (_ORDER.index(e.spelling.kind), e.a, e.b))
    aliases = _unambiguous([e for e in found if e.verdict == ALIAS])
    demoted = {id(e) for e in found if e.verdict == ALIAS} - {id(e) for e in aliases}
    parent = {name: name for name in usage.tags}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    members: dict[str, list[str]] = {name: [name] for name in usage.tags}
    joined: dict[str, Evidence] = {}  # spelling -> the evidence that joined it (first one wins)
    renamed: dict[str, str] = {}  # older spelling -> the newer one it was retired for
    candidates: list[Evidence] = [e for e in found if e.verdict != ALIAS or id(e) in demoted]
    for evidence in aliases:
        ra, rb = root(evidence.a), root(evidence.b)
        if ra == rb:
            continue
        # Case variants and an acronym beside its expansion are one tag even on one note (rules 1 and 5).
        if evidence.spelling.kind not in ("same", "acronym") and _apart(members[ra], members[rb], ctx):
            candidates.append(evidence)
            continue
        parent[rb] = ra
        members[ra] += members.pop(rb)
        joined.setdefault(evidence.a, evidence)
        joined.setdefault(evidence.b, evidence)
        if evidence.rename is not None:
            renamed[evidence.rename.older] = evidence.rename.newer
    groups: dict[str, Group] = {}
    head_of: dict[str, str] = {}
    for names in members.values():
        canonical, why = choose_canonical(names, ctx, renamed)
        for name in names:
            head_of[name] = canonical
        spellings = tuple(
            Member(
                n,
                ctx.count(n),
                joined[n].describe(n, ctx) if n in joined else "linked through another variant",
                _dates(ctx, n),
                joined[n].spelling.kind if n in joined else "",
            )
            for n in sorted(names, key=lambda n: (-ctx.count(n), n))
            if n != canonical
        )
        total = _notes_with_any(names, usage)
        groups[canonical] = Group(canonical, total, ctx.count(canonical), why if spellings else "", spellings, ())
    offered: dict[str, list[Member]] = {}
    seen: set[tuple[str, str]] = set()
    per_spelling: dict[str, int] = {}
    for evidence in sorted(candidates, key=lambda e: (_ORDER.index(e.spelling.kind), -_strength(e))):
        ha, hb = head_of[evidence.a], head_of[evidence.b]
        if ha == hb:
            continue
        # The less used group's canonical spelling is offered as an alias of the more used one.
        big, small = (ha, hb) if (groups[ha].count, hb) > (groups[hb].count, ha) else (hb, ha)
        if (big, small) in seen or per_spelling.get(small, 0) >= MAX_CANDIDATES:
            continue
        seen.add((big, small))
        per_spelling[small] = per_spelling.get(small, 0) + 1
        via = evidence.a if head_of[evidence.a] == small else evidence.b
        text = evidence.describe(via, ctx)
        if via != small:
            text += f' (through "{via}")'
        offered.setdefault(big, []).append(Member(small, ctx.count(small), text, _dates(ctx, small), evidence.spelling.kind))
    result = tuple(Group(g.canonical, g.count, g.own, g.why, g.aliases, tuple(offered.get(g.canonical, ()))) for g in groups.values())
    return Inference(len(usage.tags), result)


def _strength(e: Evidence) -> float:
    return (e.succession.score if e.succession else 0.0) + (e.similarity or 0.0)


def _focused(found: list[Evidence]) -> list[Evidence]:
    """Drop the hints of a spelling that hints at many tags: its spelling, not the notes, made them."""
    partners: dict[str, int] = {}
    for e in found:
        if e.hint:
            partners[e.a] = partners.get(e.a, 0) + 1
            partners[e.b] = partners.get(e.b, 0) + 1
    return [e for e in found if not (e.hint and max(partners[e.a], partners[e.b]) > MAX_HINT_PARTNERS)]


def _unambiguous(aliases: list[Evidence]) -> list[Evidence]:
    """Drop hints that attach one spelling to two tags: the spelling, not the notes, decided those."""
    partners: dict[str, set[str]] = {}
    for e in aliases:
        if e.hint:
            partners.setdefault(e.a, set()).add(e.b)
            partners.setdefault(e.b, set()).add(e.a)
    strong_pairs = {frozenset((e.a, e.b)) for e in aliases if not e.hint}

    def ambiguous(name: str) -> bool:
        others = partners.get(name, set())
        # Two partners that are themselves one tag (Neural -> NeuralNetwork, Neural Network) are no ambiguity.
        return len(others) > 1 and not all(frozenset((x, y)) in strong_pairs for x in others for y in others if x < y)

    return [e for e in aliases if not (e.hint and (ambiguous(e.a) or ambiguous(e.b)))]


def _apart(left: list[str], right: list[str], ctx: Context) -> bool:
    """Whether some spelling of one group is used side by side with one of the other."""
    return any(side_by_side(ctx.shared(a, b), ctx.count(a), ctx.count(b)) for a in left for b in right)


def choose_canonical(names: list[str], ctx: Context, renamed: Mapping[str, str] = MappingProxyType({})) -> tuple[str, str]:
    """The canonical spelling of a group, and why (see the module docstring)."""
    by_use = sorted(names, key=lambda n: (-ctx.count(n), -_last_key(ctx, n), n))
    if len(names) == 1:
        return names[0], ""
    current = {renamed[n] for n in names if n in renamed} - set(renamed)
    for name in sorted(current):
        before = [ctx.succession(other, name) for other in names if other != name]
        if len(current) == 1 and all(s is not None and s.newer == name for s in before):
            older = ", ".join(f'"{o}" (last used {_last(ctx, o)[:7]})' for o in names if o != name)
            return name, f"the newer spelling of a rename: used since {ctx.usage.tags[name].first} and replacing {older}"
    for name in sorted(names, key=lambda n: _last(ctx, n), reverse=True):
        if ctx.count(name) < 2:
            continue
        beaten = [ctx.succession(other, name) for other in names if other != name]
        if all(s is not None and s.newer == name and s.score >= NEWER for s in beaten) and not any(
            (r := relate(name, other, ctx.nesting)) is not None and r.kind == "misspelling" and ctx.count(other) >= ctx.count(name)
            for other in names
            if other != name
        ):
            older = ", ".join(f'"{o}" (last used {_last(ctx, o)[:7]})' for o in names if o != name)
            return name, f"the newer spelling: used since {ctx.usage.tags[name].first or '?'} and replacing {older}"
    top = by_use[0]
    total = sum(ctx.count(n) for n in names)
    return top, f"the most used spelling ({ctx.count(top)} of {total} uses)"


def _last(ctx: Context, name: str) -> str:
    return ctx.usage.tags[name].last or ""


def _last_key(ctx: Context, name: str) -> int:
    last = _last(ctx, name)
    return int(last.replace("-", "")) if last else 0


def _dates(ctx: Context, name: str) -> str:
    item = ctx.usage.tags[name]
    if not item.first or not item.last:
        return ""
    first, last = item.first[:7], item.last[:7]
    return first if first == last else f"{first}..{last}"


def _notes_with_any(names: list[str], usage: Usage) -> int:
    if len(names) == 1:
        return usage.tags[names[0]].count
    wanted = set(names)
    return sum(1 for tags in usage.note_tags if not wanted.isdisjoint(tags))


__all__ = ["HINTS", "STRONG", "Group", "Inference", "Member", "choose_canonical", "infer"]
