"""``taglint init``: group the spellings a collection uses into canonical tags with aliases.

Evidence, strongest first (each pair of spellings gets the first that holds):

* same letters ignoring case and separators (``In-ContextLearning`` /
  ``In Context Learning``), or the same after dropping a plural ending;
* a close spelling (rapidfuzz ratio of the normalized forms, ``MulltiModal``);
* a truncation (``Neural`` / ``NeuralNetwork``, ``Embed`` / ``Embeddings``);
* an acronym of the other's words (``CoT`` / ``Chain-of-Thought``).

Two spellings that share a note are never merged by the weaker kinds of
evidence: people write one variant *instead of* another, while tags that occur
together (``Attention`` with ``AttentionSinks``) are different tags.  Weak
evidence becomes an *uncertain* candidate, written as a comment for the user
to accept.  The most used spelling of a group becomes the canonical tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taglint.checks.didyoumean import _singular, normalize
from taglint.tools.usage import Usage

CLOSE = 90.0  # ratio from which a close spelling is an alias
MAYBE = 82.0  # ratio from which it is an uncertain candidate
MIN_FUZZY_LEN = 6  # shorter names are too close to each other by chance (ICML / ICLR)
MIN_PREFIX_LEN = 4
MIN_PREFIX_SUPPORT = 5  # uses of both spellings together before a truncation is trusted

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@dataclass(frozen=True, slots=True)
class Link:
    variant: str
    target: str
    reason: str
    certain: bool


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    count: int
    evidence: str  # why it belongs to the group


@dataclass(frozen=True, slots=True)
class Group:
    canonical: str
    count: int
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


def initials(name: str, fold: bool = False) -> str:
    words = _WORD.findall(name)
    letters = "".join(w[0] if not w.isupper() else w for w in words)
    return letters.casefold() if fold else letters


def link(a: str, b: str, usage: Usage) -> Link | None:
    """The evidence that ``a`` is a variant of ``b`` (or None); symmetric in what it finds."""
    ka, kb = normalize(a), normalize(b)
    if not ka or not kb:
        return None
    if ka == kb:
        return Link(a, b, "same letters, different case or separators", True)
    if _singular(ka) == _singular(kb):
        return Link(a, b, "singular/plural form", True)
    if usage.together(a, b):
        return None  # used side by side: two tags, not two spellings
    from rapidfuzz import fuzz

    if min(len(ka), len(kb)) >= MIN_FUZZY_LEN:
        score = fuzz.ratio(ka, kb)
        if score >= MAYBE:
            return Link(a, b, f"similar spelling (similarity {score:.0f}%)", score >= CLOSE)
    short, long_ = (a, b) if len(ka) < len(kb) else (b, a)
    ks, kl = normalize(short), normalize(long_)
    if len(ks) >= MIN_PREFIX_LEN and kl.startswith(ks):
        extensions = [n for n in usage.tags if n != short and normalize(n).startswith(ks) and not usage.together(n, short)]
        support = usage.tags[short].count + usage.tags[long_].count
        # Both spellings in real use, and nothing else the short one could stand for.
        sure = len(extensions) == 1 and support >= MIN_PREFIX_SUPPORT and min(usage.tags[short].count, usage.tags[long_].count) >= 2
        why = f'truncation of "{long_}"' if short == a else f'"{b}" is a truncation of it'
        extra = "" if len(extensions) == 1 else f"; {len(extensions)} tags start with it"
        return Link(a, b, f"{why} ({ks!s} = {len(ks)}/{len(kl)} letters{extra})", sure)
    for x, y in ((a, b), (b, a)):
        if 2 <= len(x) <= 6 and len(_WORD.findall(y)) >= 2:
            if initials(y) == x:
                return Link(a, b, f'"{x}" is the acronym of "{y}"', True)
            if initials(y, fold=True) == x.casefold():
                return Link(a, b, f'"{x}" may be the acronym of "{y}"', False)
    return None


def infer(usage: Usage) -> Inference:
    names = sorted(usage.tags, key=lambda n: (-usage.tags[n].count, n))
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    certain: dict[str, Link] = {}
    maybe: list[Link] = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            found = link(b, a, usage)  # b is used no more than a
            if found is None:
                continue
            if found.certain:
                ra, rb = find(a), find(b)
                if ra != rb:
                    # Roots are the most used spellings: the earlier in ``names`` wins.
                    winner, loser = (ra, rb) if names.index(ra) < names.index(rb) else (rb, ra)
                    parent[loser] = winner
                certain.setdefault(b, found)
            else:
                maybe.append(found)
    members: dict[str, list[str]] = {}
    for n in names:
        members.setdefault(find(n), []).append(n)
    uncertain: dict[str, list[Member]] = {}
    offered: set[tuple[str, str]] = set()
    for item in maybe:
        ra, rb = find(item.variant), find(item.target)
        if ra == rb:
            continue
        # Offer the less used group's canonical spelling as an alias of the more used one.
        big, small = (ra, rb) if names.index(ra) < names.index(rb) else (rb, ra)
        if (big, small) in offered:
            continue
        offered.add((big, small))
        evidence = f"{_uses(usage.tags[small].count)}; {item.reason}"
        if small != item.variant and small != item.target:
            evidence += f' (via "{item.variant}")'
        uncertain.setdefault(big, []).append(Member(small, usage.tags[small].count, evidence))
    groups = []
    for root, group in members.items():
        aliases = tuple(
            Member(n, usage.tags[n].count, f"{_uses(usage.tags[n].count)}; {certain[n].reason if n in certain else 'linked through another variant'}")
            for n in group[1:]
        )
        total = sum(usage.tags[n].count for n in group)
        groups.append(Group(root, total, aliases, tuple(uncertain.get(root, ()))))
    return Inference(len(names), tuple(groups))


def _uses(count: int) -> str:
    return f"{count} use{'s' if count != 1 else ''}"


def render(result: Inference, notes: int, source: str = "") -> str:
    """A starting ``taxonomy.yaml``: one canonical tag per group, evidence in comments."""
    from taglint.parse.tag_syntax import plain_is_safe, quote_double

    def yaml_name(name: str) -> str:
        return name if plain_is_safe(name) and ":" not in name else quote_double(name)

    lines = [
        f"# Starting taxonomy written by `taglint init`{' from ' + source if source else ''}: {notes} notes,",
        f"# {result.tags} tags, {len(result.groups)} canonical tags, {result.merged} merged groups,",
        f"# {result.uncertain} uncertain candidates (commented out below: uncomment to accept,",
        "# and delete the candidate's own entry).  Review it, add descriptions and parents,",
        "# then run `taglint check`.",
        "version: 1",
        "case_sensitive: false",
        "tags:",
    ]
    for group in sorted(result.groups, key=lambda g: g.canonical.casefold()):
        lines.append(f"  {yaml_name(group.canonical)}:  # {_uses(group.count)}")
        if group.aliases:
            lines.append("    aliases:")
            lines.extend(f"      - {yaml_name(m.name)}  # {m.evidence}" for m in group.aliases)
        elif group.uncertain:
            lines.append("    # aliases:")
        lines.extend(f"      # - {yaml_name(m.name)}  # uncertain: {m.evidence}" for m in group.uncertain)
    return "\n".join(lines) + "\n"
