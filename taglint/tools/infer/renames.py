"""Renames: one spelling retired in favour of another, read from the note dates.

Succession alone is no rename.  Measured on real collections, "A gave way to
B" also fires between two tags: a blog moves from ``package`` to ``package
development``, writes about ``Research`` in 2016 and ``Research Tools`` in 2018,
or keeps ``Community Building`` beside a newer ``Community Discussions``.  A
rename is accepted as an alias only when independent kinds of evidence agree,
each one there for a reason a reader can check:

**An established spelling renamed** (``Neural`` -> ``NeuralNetwork``,
``Efficiency/SpeedUp`` -> ``EfficiencyImprovement``):

1. *Spelling*: the newer name keeps the older one's first word (a truncation by
   whole words, or a shared first word).  Names that share only a later word
   are often siblings (``Pilot Workshops`` / ``Carpentries Workshops``,
   ``Carpentries Lessons`` / ``Lesson Infrastructure``).
2. *Never on the same note*: a replacement is written instead of the old name.
3. *Both established*: 10 dated notes each, so that the succession rests on
   100 pairs of uses or more.  Below that, an occasional topic's rhythm reads
   as succession (``Research``, 7 notes in 2016, and ``Research Tools``, 6
   notes in 2018, are two tags; so are ``software`` and ``software-peer-review``,
   5 notes).
4. *One gave way to the other*: 85% of pairs of dated uses in that order (``decide.FOLLOWED``).
5. *A handover, not two episodes*: the newer name was first used before the
   older one's last use (one stopped as the other started).
6. *The newer took over*: half or more of its dated notes come after the
   older one's last use.  Two names used side by side for years are two tags
   even if one stops later (``Community Building`` / ``Community Discussions``).
7. *The older one retired*: unused for the last year or more of the
   collection's dates (notes imported in one batch, days apart, show no
   change of convention), and at the rate it was used before, it would have
   appeared 3 or more times since: were it still in use, such a silence would
   have a chance of about e^-3 = 5%.

**An acronym spelled out, or an expansion abbreviated** (``CoT`` ->
``Chain-of-Thought``): the acronym relation (exact initials of a name of two
words or more, three letters or more: see ``spelling``) is specific enough
that time only has to agree.  Never on the same note, every dated use of one
before every dated use of the other, and the older one unused for the last
year or more of the collection's dates while the newer one is used after it.
An unrelated phrase that shares the initials is used whenever its topic comes
up, among the acronym's uses (``wsl`` / ``wiki-sub-library``), not after them.

Measured on the five labelled real collections (``scripts/eval_init.py``):
as written, neither kind accepts a pair there, and loosening a rule accepts
wrong ones.  With 3 notes instead of 10, ``survey`` / ``survey data`` and
``text`` / ``text analysis`` (rOpenSci blog); with 5 notes and without rule 1,
``Inclusion`` / ``Equity and Inclusion`` (Carpentries blog).  ``groups``
already drops hints from a spelling with many partners; without that filter,
dropping rule 6 accepts ``Community Building`` / ``Community Discussions`` and
dropping rule 7's year accepts ``digital`` / ``digital-twin`` (an Obsidian
vault whose notes were made within weeks).  The rate test of rule 7 changes
nothing there; it stays because a spelling used once a year says nothing by a
year's silence.  On the bundled example the two kinds accept ``Neural``,
``Efficiency/SpeedUp`` and ``CoT``; ``Embed`` (3 notes), ``LLMAgent`` (1 note)
and ``AudioProcessing`` (1 note, no succession) have too few notes for any of
this and stay for the user to decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from taglint.tools.infer.context import Context, Succession
from taglint.tools.infer.spelling import Spelling, words

ESTABLISHED = 10  # dated notes per spelling before a rename can rest on their dates (rule 3)
RETIRED_DAYS = 365  # the older spelling unused this long before the collection's last date (rule 7)
EXPECTED_SINCE = 3.0  # uses the older spelling's own rate predicts since its last use (rule 7)
TOOK_OVER = 0.5  # share of the newer spelling's notes after the older one's last use (rule 6)


@dataclass(frozen=True)
class Rename:
    older: str
    newer: str
    detail: str  # the evidence, for the alias comment


def rename_of(spelling: Spelling, succession: Succession | None, shared: int, ctx: Context, followed: float) -> Rename | None:
    """The rename that a pair's spelling and dates support, or None (see the module docstring)."""
    if succession is None or shared or ctx.last_date is None:
        return None
    older, newer = ctx.usage.tags[succession.older].dates, ctx.usage.tags[succession.newer].dates
    silence = _days(older[-1], ctx.last_date)
    if silence is None or silence < RETIRED_DAYS:
        return None
    after = sum(1 for d in newer if d > older[-1])
    since = f'"{succession.older}" unused since {older[-1][:7]}'
    if spelling.kind == "acronym":
        if succession.score < 1.0 or after < 1:
            return None
        return Rename(succession.older, succession.newer, f'{since}; every use of "{succession.newer}" comes after it')
    if spelling.kind not in ("truncation", "shared-stem") or not _same_first_word(succession.older, succession.newer):
        return None
    if min(len(older), len(newer)) < ESTABLISHED or succession.score < followed:
        return None
    if newer[0] > older[-1] or after < TOOK_OVER * len(newer):
        return None
    span = _days(older[0], older[-1])
    if span is None:
        return None
    # Uses per day over the spelling's own span (from its first to its last use), times the days since.
    expected = (len(older) - 1) / max(span, 1) * silence
    if expected < EXPECTED_SINCE:
        return None
    return Rename(
        succession.older,
        succession.newer,
        f"{since} ({len(older)} notes from {older[0][:7]}; at that rate about {expected:.0f} more by now); "
        f'{after} of the {len(newer)} notes of "{succession.newer}" come after it',
    )


def _same_first_word(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    return bool(wa) and bool(wb) and wa[0].casefold() == wb[0].casefold()


def _days(start: str, end: str) -> int | None:
    """Days from ``start`` to ``end`` (YYYY-MM-DD); None for a date the calendar lacks (2023-02-30)."""
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days
    except ValueError:
        return None
