"""Weigh the evidence for one pair of spellings: an alias, an uncertain candidate, or nothing.

Precision comes first, because ``taglint fix`` applies an alias as a *safe*
fix.  The rules, in the order they are applied:

1. Same letters ignoring case and separators: always one tag (a note carrying
   both repeats it; ``duplicate-tag`` then reports the repeat).
2. **Used side by side** (at least two shared notes, and half or more of the
   rarer spelling's notes): two tags, whatever the spelling says.  Fewer shared
   notes only weaken the pair: more than one shared note in ten of the rarer
   spelling's makes a strong or misspelt pair uncertain, and a hint nothing
   (``stimulus``/``stimulusjs``, 1 shared note of 31, stays an alias).
3. **Strong spelling** (plural, curated short form, framework suffix): an alias.
4. **Misspelling** (one or two letters changed inside a word): an alias
   unless the two share a note.
5. **Hints** (truncation, acronym, shared stem) need the notes to confirm them:
   never on the same note, each spelling used on two notes or more (one use is
   not yet a convention; a shared stem needs five each), and either a
   succession (one spelling gave way to the other: 90% of pairs of uses in that
   order; 85% for a shared stem between well-used tags) or the same company
   (neighbour similarity 0.5 or more).  Otherwise the pair is at most an
   uncertain candidate, and a shared stem without either is not offered at all.

Separately, ``groups`` downgrades a hint that would attach one spelling to
two different tags (``Multi``: ``MultiModal`` or ``MultitaskLearning``?).
"""

from __future__ import annotations

from dataclasses import dataclass

from taglint.tools.infer.context import Context, Succession
from taglint.tools.infer.spelling import Spelling, relate

ALIAS, CANDIDATE = "alias", "candidate"
SIDE_BY_SIDE = 0.5  # share of the rarer spelling's notes that also carry the other: two tags
CO_USED = 0.1  # above this share a strong spelling is only a candidate
FOLLOWED = 0.9  # succession score that counts as "one gave way to the other"
STEM_FOLLOWED = 0.85
COMPANY = 0.5  # neighbour similarity that counts as "the same company"
MIN_CONVENTION = 2  # notes per spelling before a hint can be trusted
MIN_STEM_CONVENTION = 5
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

    @property
    def hint(self) -> bool:
        return self.spelling.kind in ("truncation", "acronym", "shared-stem")

    def dated(self, ctx: Context) -> bool:
        """Whether both spellings have two dated notes: one use has no "before" and "after" to speak of."""
        return len(ctx.usage.tags[self.a].dates) >= 2 and len(ctx.usage.tags[self.b].dates) >= 2

    def describe(self, name: str, ctx: Context) -> str:
        """The evidence as a comment on ``name`` (one of the pair)."""
        other = self.b if name == self.a else self.a
        parts = [self.spelling.detail]
        if self.shared:
            parts.append(f"{self.shared} of its notes also carr{'ies' if self.shared == 1 else 'y'} \"{other}\"")
        elif self.spelling.kind != "same":
            parts.append("never on the same note")
        if self.succession is not None and self.succession.score >= STEM_FOLLOWED and self.spelling.kind != "same" and self.dated(ctx):
            s = self.succession
            parts.append(f'"{s.older}" gave way to "{s.newer}" ({s.score:.0%} of pairs of uses in that order)')
        if self.similarity is not None and self.similarity >= COMPANY:
            parts.append(f"used with the same tags (similarity {self.similarity:.2f})")
        return "; ".join(parts)


def weigh(a: str, b: str, ctx: Context) -> Evidence | None:
    spelling = relate(a, b)
    if spelling is None:
        return None
    from taglint.checks.didyoumean import normalize

    if frozenset((normalize(a), normalize(b))) in KNOWN_DISTINCT:
        return None
    shared = ctx.shared(a, b)
    if spelling.kind == "same":
        return Evidence(a, b, spelling, shared, None, None, ALIAS)
    rarer = min(ctx.count(a), ctx.count(b))
    side_by_side = shared >= min(2, rarer) and shared / rarer >= SIDE_BY_SIDE
    similarity = ctx.similarity(a, b)
    succession = ctx.succession(a, b)
    verdict = _verdict(spelling, ctx.count(a), ctx.count(b), shared, side_by_side, similarity, succession)
    if verdict is None:
        return None
    return Evidence(a, b, spelling, shared, similarity, succession, verdict)


def _verdict(spelling: Spelling, count_a: int, count_b: int, shared: int, side_by_side: bool, similarity: float | None, succession: Succession | None) -> str | None:
    rarer = min(count_a, count_b)
    if spelling.strong:
        return CANDIDATE if side_by_side or shared / rarer > CO_USED else ALIAS
    if side_by_side:
        return None
    if spelling.kind == "misspelling":
        return ALIAS if shared == 0 else CANDIDATE
    if shared / rarer > CO_USED:
        return None  # a hint the notes contradict
    stem = spelling.kind == "shared-stem"
    follow = succession is not None and succession.score >= (STEM_FOLLOWED if stem else FOLLOWED)
    company = similarity is not None and similarity >= COMPANY
    convention = rarer >= (MIN_STEM_CONVENTION if stem else MIN_CONVENTION)
    if shared == 0 and convention and (follow or company):
        return ALIAS
    if stem:
        # Stems are shared by many unrelated tags (model, data, learning): offered only between well-used tags.
        return CANDIDATE if shared == 0 and (follow or company) and convention else None
    return CANDIDATE
