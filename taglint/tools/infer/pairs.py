"""Which pairs of spellings are worth comparing: found through indexes, not by comparing every pair.

A collection has thousands of spellings (2,815 in one real Obsidian vault):
comparing each pair in Python would take seconds.  Each spelling goes into
buckets by its normalized forms (singulars, short forms written out, the
name with a framework suffix, its leaf), its stems and its initials; pairs
are taken within buckets, plus every spelling that starts with another (one
pass over the sorted keys) and the close spellings rapidfuzz finds in C.
``spelling.relate`` then judges each pair.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator

from taglint.checks.didyoumean import _singular
from taglint.tools.infer.spelling import (
    FRAMEWORK_SUFFIXES,
    MAX_STEM_FANOUT,
    MIN_TRUNCATION_LEN,
    MIN_TYPO_LEN,
    american,
    initials,
    key,
    short_forms,
    singulars,
    stems,
    words,
)


def candidate_pairs(names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs worth ``relate``-ing, found through indexes instead of comparing every pair (thousands of tags)."""
    names = sorted(set(names))
    seen: set[tuple[str, str]] = set()

    def emit(a: str, b: str) -> Iterator[tuple[str, str]]:
        pair = (a, b) if a < b else (b, a)
        if a != b and pair not in seen:
            seen.add(pair)
            yield pair

    buckets: dict[str, list[str]] = {}
    for name in names:
        k = key(name)
        leaf = name.rsplit("/", 1)[-1]
        keys = singulars(k) | singulars(key(leaf)) | {american(k)} | short_forms(name)
        keys |= {x + s for x in (k, _singular(k)) for s in FRAMEWORK_SUFFIXES}  # stimulus meets stimulusjs
        for found in keys:
            buckets.setdefault("form:" + found, []).append(name)
        for stem in stems(name):
            buckets.setdefault("stem:" + stem, []).append(name)
        if len(words(name)) >= 2:
            buckets.setdefault("initials:" + initials(name).casefold(), []).append(name)
        letters = name[:-1] if name.endswith("s") and name[:-1].isupper() else name
        buckets.setdefault("initials:" + letters.casefold(), []).append(name)
    for bucket, members in buckets.items():
        if bucket.startswith("stem:") and len(members) > MAX_STEM_FANOUT:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                yield from emit(a, b)
    # Truncations: every key that starts with another sorts right after it.
    keyed = sorted((key(n), n) for n in names)
    for k, name in keyed:
        if len(k) < MIN_TRUNCATION_LEN:
            continue
        for other_key, other in keyed[bisect.bisect_right(keyed, (k, name)) :]:
            if not other_key.startswith(k):
                break
            yield from emit(name, other)
    yield from _close_spellings(names, emit)


def _close_spellings(names: list[str], emit: Callable[[str, str], Iterator[tuple[str, str]]]) -> Iterator[tuple[str, str]]:
    from rapidfuzz import fuzz, process

    long_enough = [n for n in names if len(key(n)) >= MIN_TYPO_LEN]
    keys = [key(n) for n in long_enough]
    for i, k in enumerate(keys):
        # rapidfuzz compares in C; a key only against the ones after it, so each pair once.
        for _, _, j in process.extract(k, keys[i + 1 :], scorer=fuzz.ratio, score_cutoff=80, limit=None):
            yield from emit(long_enough[i], long_enough[i + 1 + j])
