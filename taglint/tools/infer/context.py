"""Evidence from the notes: how two spellings are used, beyond how they are spelled.

Three measures, all from ``Usage`` (tag sets and dates per note):

* **shared notes**: notes carrying both.  People write one variant *instead of*
  another, so variants rarely share a note; tags used side by side
  (``Attention`` with ``AttentionSinks``) are two tags.
* **neighbour similarity**: whether the two keep the same company: cosine
  similarity of the tags each is used with (the pair itself left out),
  weighted so that a tag on most notes (``MachineLearning``) counts for
  little.  Variants of one tag are used with the same other tags.
* **subject context**: for ``针刺理论`` and ``黄帝内经/针刺理论``, the share of
  the flat tag's notes that carry the subject (``黄帝内经`` or another tag
  filed under it): a flat tag used inside the subject is that subject's tag.
* **succession**: whether one spelling stopped as the other started: the share
  of (use of A, use of B) pairs in which A's note is older, by note date (a tie
  counts half).  ``Embed`` (last used 2023-04) then ``Embeddings`` (from
  2025-07) scores 1.0; two tags used in the same years score near 0.5.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field

from taglint.tools.infer.spelling import NO_NESTING, Nesting, nesting_of
from taglint.tools.usage import Usage


@dataclass(frozen=True)
class Succession:
    older: str
    newer: str
    score: float  # share of pairs of uses in which ``older``'s note comes first


@dataclass(frozen=True)
class Context:
    usage: Usage
    neighbours: dict[str, Counter[str]] = field(repr=False)
    weight: dict[str, float] = field(repr=False)  # per tag: how much sharing it says (rare tags say more)
    nesting: Nesting = NO_NESTING  # how the collection nests its tags (see spelling.relate)
    last_date: str | None = None  # the latest date of a tagged note: how long a spelling has gone unused (see renames)

    def shared(self, a: str, b: str) -> int:
        return self.usage.together(a, b)

    def count(self, name: str) -> int:
        return self.usage.tags[name].count

    def similarity(self, a: str, b: str) -> float | None:
        """Weighted cosine of the tags ``a`` and ``b`` are used with; None when one is never used with another tag."""
        na, nb = self.neighbours.get(a, Counter()), self.neighbours.get(b, Counter())
        weight = self.weight
        va = {c: n * weight[c] for c, n in na.items() if c != b}
        vb = {c: n * weight[c] for c, n in nb.items() if c != a}
        norm_a = math.sqrt(sum(v * v for v in va.values()))
        norm_b = math.sqrt(sum(v * v for v in vb.values()))
        if not norm_a or not norm_b:
            return None
        dot = sum(v * vb[c] for c, v in va.items() if c in vb)
        return dot / (norm_a * norm_b)

    def in_subject(self, flat: str, nested: str) -> float:
        """Share of ``flat``'s notes that carry the subject ``nested`` is filed under (``黄帝内经`` for
        ``黄帝内经/针刺理论``): the subject itself, or another tag filed under it."""
        from taglint.tools.infer.spelling import key

        subject = key(nested.rsplit("/", 1)[0])
        root = key(nested.split("/", 1)[0])

        def of_subject(tag: str) -> bool:
            if tag in (flat, nested):
                return False
            head = key(tag.rsplit("/", 1)[0]) if "/" in tag else ""
            return key(tag) in (subject, root) or head == subject or key(tag.split("/", 1)[0]) == root

        notes = [tags for tags in self.usage.note_tags if flat in tags]
        return sum(1 for tags in notes if any(of_subject(t) for t in tags)) / len(notes) if notes else 0.0

    def succession(self, a: str, b: str) -> Succession | None:
        """Which of ``a`` and ``b`` came first, and how cleanly; None when either has no dated note."""
        da, db = self.usage.tags[a].dates, self.usage.tags[b].dates
        if not da or not db:
            return None
        later = 0.0  # pairs with b's note after a's
        for date in da:
            after = len(db) - bisect.bisect_right(db, date)
            ties = bisect.bisect_right(db, date) - bisect.bisect_left(db, date)
            later += after + ties / 2
        score = later / (len(da) * len(db))
        return Succession(a, b, score) if score >= 0.5 else Succession(b, a, 1.0 - score)


def context_of(usage: Usage) -> Context:
    neighbours: dict[str, Counter[str]] = {}
    for (a, b), n in usage.cooccur.items():
        neighbours.setdefault(a, Counter())[b] = n
        neighbours.setdefault(b, Counter())[a] = n
    total = max(usage.notes, 1)
    weight = {name: math.log((total + 1) / (item.count + 1)) + 0.1 for name, item in usage.tags.items()}
    last_date = max((item.last for item in usage.tags.values() if item.last), default=None)
    return Context(usage, neighbours, weight, nesting_of(usage.tags), last_date)
