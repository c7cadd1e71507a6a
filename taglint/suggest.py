"""Did-you-mean: the canonical tag an unknown tag most likely meant.

rapidfuzz does the edit-distance scoring (C speed, no hand-written Levenshtein);
on top of it we try the variants people actually produce: case and separator
changes, truncations (``Neural`` for ``NeuralNetwork``) and plural forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from taglint.taxonomy import Taxonomy

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


@lru_cache(maxsize=8)
def _candidates(taxonomy: Taxonomy) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Normalized spellings (canonical names and aliases) and the canonical each stands for."""
    spellings: list[str] = []
    targets: list[str] = []
    for tag in taxonomy.tags.values():
        target = tag.replaced_by if tag.deprecated and tag.replaced_by else tag.name
        if tag.deprecated and not tag.replaced_by:
            continue
        for spelling in (tag.name, *tag.aliases):
            spellings.append(normalize(spelling))
            targets.append(target)
    return tuple(spellings), tuple(targets)


def suggest(name: str, taxonomy: Taxonomy) -> Suggestion | None:
    """The best canonical tag for ``name``, or None when nothing is close enough."""
    from rapidfuzz import fuzz, process

    spellings, targets = _candidates(taxonomy)
    if not spellings:
        return None
    key = normalize(name)
    if not key:
        return None
    for index, spelling in enumerate(spellings):
        if spelling == key:
            return Suggestion(targets[index], 100.0, "same letters, different case or separators")
    singular = _singular(key)
    for index, spelling in enumerate(spellings):
        if _singular(spelling) == singular:
            return Suggestion(targets[index], 95.0, "singular/plural form")
    best = process.extractOne(key, spellings, scorer=fuzz.ratio, score_cutoff=SHOW)
    prefix = _prefix_match(key, spellings)
    if prefix is not None and (best is None or best[1] < 90):
        return Suggestion(targets[prefix[0]], prefix[1], "truncated form")
    if best is None or len(key) < 3:
        return None
    _, score, index = best
    return Suggestion(targets[index], float(score), "similar spelling")


def _prefix_match(key: str, spellings: tuple[str, ...]) -> tuple[int, float] | None:
    """A spelling that ``key`` truncates, preferring the shortest (closest) one."""
    if len(key) < 4:
        return None
    found: tuple[int, float] | None = None
    for index, spelling in enumerate(spellings):
        if len(spelling) > len(key) and spelling.startswith(key):
            if found is None or len(spelling) < len(spellings[found[0]]):
                coverage = len(key) / len(spelling)
                found = (index, 80.0 + 10.0 * coverage)
    return found
