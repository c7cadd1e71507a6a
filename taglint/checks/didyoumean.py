"""Did-you-mean: the canonical tag an unknown tag most likely meant.

rapidfuzz does the edit-distance scoring (C speed, no hand-written Levenshtein);
on top of it we try the variants people actually produce: case and separator
changes, truncations (``Neural`` for ``NeuralNetwork``) and plural forms.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from taglint.project.taxonomy import Taxonomy

_SEPARATORS = re.compile(r"[\s_\-/.]+")

# Scores are 0..100. A suggestion is shown from SHOW; the unsafe fix is offered from FIX.
SHOW = 75.0
FIX = 88.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str  # a canonical tag
    score: float
    reason: str


def normalize(name: str) -> str:
    return _SEPARATORS.sub("", name).casefold()


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


@dataclass(frozen=True)
class _Candidates:
    spellings: tuple[str, ...]  # normalized canonical names and aliases
    targets: tuple[str, ...]  # the canonical each spelling stands for
    exact: dict[str, int]  # spelling -> first index
    singular: dict[str, int]  # singular form of a spelling -> first index
    ordered: tuple[tuple[str, int], ...]  # (spelling, index), sorted: prefixes by bisection


@lru_cache(maxsize=8)
def _candidates(taxonomy: Taxonomy) -> _Candidates:
    spellings: list[str] = []
    targets: list[str] = []
    for tag in taxonomy.tags.values():
        target = tag.replaced_by if tag.deprecated and tag.replaced_by else tag.name
        if tag.deprecated and not tag.replaced_by:
            continue
        for spelling in (tag.name, *tag.aliases):
            spellings.append(normalize(spelling))
            targets.append(target)
    # Built once per taxonomy: scanning every spelling per unknown tag made each suggestion cost a millisecond.
    exact: dict[str, int] = {}
    singular: dict[str, int] = {}
    for index, spelling in enumerate(spellings):
        exact.setdefault(spelling, index)
        singular.setdefault(_singular(spelling), index)
    ordered = tuple(sorted((spelling, index) for index, spelling in enumerate(spellings)))
    return _Candidates(tuple(spellings), tuple(targets), exact, singular, ordered)


def preload(taxonomy: Taxonomy) -> None:
    """Import rapidfuzz and index ``taxonomy`` now: before worker processes fork, once, not once per worker."""
    from rapidfuzz import fuzz, process  # noqa: F401

    _candidates(taxonomy)


def suggest(name: str, taxonomy: Taxonomy) -> Suggestion | None:
    """The best canonical tag for ``name``, or None when nothing is close enough."""
    from rapidfuzz import fuzz, process

    candidates = _candidates(taxonomy)
    spellings, targets = candidates.spellings, candidates.targets
    if not spellings:
        return None
    key = normalize(name)
    if not key:
        return None
    index = candidates.exact.get(key)
    if index is not None:
        return Suggestion(targets[index], 100.0, "same letters, different case or separators")
    index = candidates.singular.get(_singular(key))
    if index is not None:
        return Suggestion(targets[index], 95.0, "singular/plural form")
    best = process.extractOne(key, spellings, scorer=fuzz.ratio, score_cutoff=SHOW)
    prefix = _prefix_match(key, candidates.ordered)
    if prefix is not None and (best is None or best[1] < 90):
        return Suggestion(targets[prefix[0]], prefix[1], "truncated form")
    if best is None or len(key) < 3:
        return None
    _, score, index = best
    return Suggestion(targets[index], float(score), "similar spelling")


def _prefix_match(key: str, ordered: tuple[tuple[str, int], ...]) -> tuple[int, float] | None:
    """A spelling that ``key`` truncates, preferring the shortest (closest), then the first written."""
    if len(key) < 4:
        return None
    found: tuple[int, str] | None = None
    # Every spelling that starts with key sorts in one run right after key itself.
    for spelling, index in ordered[bisect.bisect_left(ordered, (key, -1)) :]:
        if not spelling.startswith(key):
            break
        if len(spelling) > len(key) and (found is None or (len(spelling), index) < (len(found[1]), found[0])):
            found = (index, spelling)
    if found is None:
        return None
    return found[0], 80.0 + 10.0 * len(key) / len(found[1])
