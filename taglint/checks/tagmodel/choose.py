"""From ranked tags to suggestions the taxonomy allows.

- Only canonical, non-deprecated tags of the taxonomy are suggested (the model
  knows no other), never one the note already carries (by any spelling).
- At most one member of an exclusive group: none when the note already has
  one, else the best-scored member only.
- A tag whose parents the note lacks brings them along, right after it,
  marked ``parent_of`` (they do not count towards ``k``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from taglint.project.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class Suggestion:
    tag: str
    score: float
    evidence: tuple[str, ...]
    parent_of: str | None = None  # set when the tag is suggested because a suggested tag needs it


@dataclass(frozen=True, slots=True)
class Candidate:
    tag: str
    score: float
    evidence: tuple[str, ...]


def choose(candidates: Iterable[Candidate], taxonomy: Taxonomy, present: set[str], k: int, min_score: float = 0.0) -> list[Suggestion]:
    """At most ``k`` suggestions (plus the parents they need), best first."""
    have = set(taxonomy.with_ancestors(present))
    taken_groups = {group for name in have for group in taxonomy.group_of.get(name, ())}
    chosen: list[Suggestion] = []
    named: set[str] = set()
    scores: dict[str, float] = {}
    ordered = list(candidates)
    for candidate in ordered:
        scores.setdefault(candidate.tag, candidate.score)
    main = 0
    for candidate in ordered:
        if main >= k or candidate.score < min_score:
            break
        tag = taxonomy.tags.get(candidate.tag)
        if tag is None or tag.deprecated or candidate.tag in have or candidate.tag in named:
            continue
        groups = taxonomy.group_of.get(candidate.tag, ())
        if any(group in taken_groups for group in groups):
            continue
        taken_groups.update(groups)
        chosen.append(Suggestion(candidate.tag, candidate.score, candidate.evidence))
        named.add(candidate.tag)
        main += 1
        for parent in _missing_ancestors(candidate.tag, taxonomy, have | named):
            chosen.append(
                Suggestion(parent, scores.get(parent, 0.0), (f'required by "{candidate.tag}" (its parent in the taxonomy)',), candidate.tag)
            )
            named.add(parent)
    return chosen


def _missing_ancestors(name: str, taxonomy: Taxonomy, have: set[str]) -> Sequence[str]:
    """Ancestors of ``name`` not in ``have``, nearest first (parents before grandparents)."""
    found: list[str] = []
    frontier = list(taxonomy.tags[name].parents)
    while frontier:
        parent = frontier.pop(0)
        if parent in have or parent in found or parent not in taxonomy.tags or taxonomy.tags[parent].deprecated:
            continue
        found.append(parent)
        frontier.extend(taxonomy.tags[parent].parents)
    return found


def ranked_tags(suggestions: Sequence[Suggestion]) -> list[str]:
    """The suggested names in order, parents in place: what an evaluation scores at k."""
    return [s.tag for s in suggestions]
