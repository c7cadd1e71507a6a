"""Weigh the evidence for one pair of spellings: an alias, an uncertain candidate, or nothing.

Precision comes first, because ``taglint fix`` applies an alias as a *safe*
fix.  The rules, in the order they are applied:

1. Same letters ignoring case, separators and accents: always one tag (a note
   carrying both repeats it; ``duplicate-tag`` then reports the repeat).
2. **Used side by side** (half or more of the rarer spelling's notes carry
   both, and at least two notes unless it has one): two tags, whatever the
   spelling says (a strong spelling is still offered as a candidate; an
   acronym written beside its expansion is rule 5).  Fewer shared notes only weaken a pair: more than one shared note
   in ten of the rarer spelling's makes a strong pair uncertain and drops a
   hint (``stimulus``/``stimulusjs``, 1 shared note of 31, stays an alias).  A
   misspelling that shares any note is only a candidate.
3. **Strong spelling** (see ``spelling``): an alias.
4. **Hints** (accents, a replaced letter, truncation, acronym, shared stem, one
   leaf under a subject) are not aliases on the strength of succession or
   neighbours alone: measured on real collections, both fire on wrong merges.
   Succession fires when a blog moves from ``package`` to ``package
   development`` or from ``Research`` to ``Research Tools`` (not renames);
   neighbour similarity fires between ``notion/moc`` and ``obsidian/moc``
   (notes made in one batch, with the same tags).  So such a hint is an
   uncertain candidate, its evidence in the comment, when it has support: one
   spelling giving way to the other (85% of pairs of dated uses in that order,
   two dated uses each) or the same company (neighbour similarity 0.3 or
   more); a shared stem also needs two notes for each spelling.  Accents, a
   replaced letter and an acronym are always candidates; the rest are dropped.
5. Hints the notes *can* confirm become aliases.  A **rename** (see
   ``renames``): a truncation or shared first word between two established
   spellings, one retired as the other took over (``Neural`` ->
   ``NeuralNetwork``), or an acronym whose every use precedes its expansion's
   (``CoT`` -> ``Chain-of-Thought``): several kinds of evidence agreeing.
   An acronym (three letters or more, the exact initials of a name of two
   words or more) used on a note with its expansion or with the same company (similarity 0.3): an
   unrelated phrase that happens to share the initials keeps other company
   (``WSL`` / ``wiki-sub-library``).  A flat tag and a subject's nested tag of
   that name (``针刺理论`` / ``黄帝内经/针刺理论``) when more than half the flat tag's
   notes carry the subject (itself or another tag filed under it): it
   is the subject's tag used without its parent (``template`` is rarely used with
   ``notion``, so it stays apart from ``notion/template``).

Separately, ``groups`` drops hints from a spelling that starts or shares too
many tags (``data``: ``data access``, ``data import``, ...) and downgrades a
hint that would attach one spelling to two different tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from taglint.tools.infer.context import Context, Succession
from taglint.tools.infer.renames import Rename, rename_of
from taglint.tools.infer.spelling import HINTS, Spelling, key, relate

ALIAS, CANDIDATE = "alias", "candidate"
SIDE_BY_SIDE = 0.5  # share of the rarer spelling's notes that also carry the other: two tags
CO_USED = 0.1  # above this share a strong spelling is only a candidate
FOLLOWED = 0.85  # succession score that counts as "one gave way to the other"
SOME_COMPANY = 0.3  # neighbour similarity that offers a hint as a candidate
IN_SUBJECT = 0.5  # a flat tag with more than half its notes inside a subject is that subject's nested tag
MIN_CONVENTION = 2  # notes (and dated notes) per spelling before its use says anything
# Pairs that look like one tag but are known to be two (Stack Overflow keeps both tags apart).
KNOWN_DISTINCT = frozenset({frozenset(("angular", "angularjs")), frozenset(("java", "javascript"))})


@dataclass(frozen=True)
class Evidence:
    """Why two spellings may be one tag, and the verdict."""

    a: str
    b: str
    spelling: Spelling
    shared: int
    similarity: float | None
    succession: Succession | None
    verdict: str  # ALIAS or CANDIDATE
    rename: Rename | None = None  # when the dates show one spelling retired in favour of the other

    @property
    def hint(self) -> bool:
        return self.spelling.kind in HINTS

    def dated(self, ctx: Context) -> bool:
        """Whether both spellings have two dated notes: one use has no "before" and "after" to speak of."""
        return len(ctx.usage.tags[self.a].dates) >= 2 and len(ctx.usage.tags[self.b].dates) >= 2

    def describe(self, name: str, ctx: Context) -> str:
        """The evidence as a comment on ``name`` (one of the pair)."""
        other = self.b if name == self.a else self.a
        parts = [self.spelling.detail]
        if self.shared:
            parts.append(f'{self.shared} of its notes also carr{"ies" if self.shared == 1 else "y"} "{other}"')
        elif self.spelling.kind != "same":
            parts.append("never on the same note")
        if self.succession is not None and self.succession.score >= FOLLOWED and self.spelling.kind != "same" and self.dated(ctx):
            s = self.succession
            parts.append(f'"{s.older}" gave way to "{s.newer}" ({s.score:.0%} of pairs of uses in that order)')
        if self.rename is not None:
            parts.append(f"a rename: {self.rename.detail}")
        if self.similarity is not None and self.similarity >= SOME_COMPANY:
            parts.append(f"used with the same tags (similarity {self.similarity:.2f})")
        return "; ".join(parts)


def weigh(a: str, b: str, ctx: Context) -> Evidence | None:
    spelling = relate(a, b, ctx.nesting)
    if spelling is None or frozenset((key(a), key(b))) in KNOWN_DISTINCT:
        return None
    shared = ctx.shared(a, b)
    if spelling.kind == "same":
        return Evidence(a, b, spelling, shared, None, None, ALIAS)
    similarity = ctx.similarity(a, b)
    succession = ctx.succession(a, b)
    dated = min(len(ctx.usage.tags[a].dates), len(ctx.usage.tags[b].dates)) >= MIN_CONVENTION
    subject = _subject_share(a, b, spelling, ctx)
    renamed = None if spelling.strong else rename_of(spelling, succession, shared, ctx, FOLLOWED)
    verdict = (
        ALIAS
        if renamed is not None
        else _verdict(spelling, ctx.count(a), ctx.count(b), shared, similarity, succession if dated else None, subject)
    )
    if verdict is None:
        return None
    return Evidence(a, b, spelling, shared, similarity, succession, verdict, renamed)


def _subject_share(a: str, b: str, spelling: Spelling, ctx: Context) -> float | None:
    """For a flat tag and a subject's nested tag of the same name: how much the flat one is used inside the subject."""
    if spelling.kind != "same-leaf" or ("/" in a) == ("/" in b):
        return None
    flat, nested = (a, b) if "/" in b else (b, a)
    return ctx.in_subject(flat, nested)


def side_by_side(shared: int, count_a: int, count_b: int) -> bool:
    rarer = min(count_a, count_b)
    return shared >= min(2, rarer) and shared / rarer >= SIDE_BY_SIDE


def _verdict(
    spelling: Spelling,
    count_a: int,
    count_b: int,
    shared: int,
    similarity: float | None,
    succession: Succession | None,
    subject: float | None = None,
) -> str | None:
    rarer = min(count_a, count_b)
    apart = side_by_side(shared, count_a, count_b)
    if spelling.strong:
        if spelling.kind == "misspelling":
            return CANDIDATE if shared else ALIAS
        return CANDIDATE if apart or shared / rarer > CO_USED else ALIAS
    if spelling.kind == "acronym" and (shared or (similarity is not None and similarity >= SOME_COMPANY)):
        return ALIAS  # the one hint the company confirms: see rule 5
    if apart:
        return None
    if shared / rarer > CO_USED:
        return None  # a hint the notes contradict
    if subject is not None and subject > IN_SUBJECT:
        return ALIAS
    if spelling.kind in ("accents", "close-spelling", "acronym"):
        return CANDIDATE
    follow = succession is not None and succession.score >= FOLLOWED
    company = similarity is not None and similarity >= SOME_COMPANY
    if spelling.kind == "shared-stem" and rarer < MIN_CONVENTION:
        return None  # one note sharing a word with another tag is no evidence at all
    return CANDIDATE if follow or company else None
