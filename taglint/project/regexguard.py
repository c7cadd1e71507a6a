"""Regular expressions from rule sets, refused when they could backtrack catastrophically.

Python's ``re`` has no time limit, and the ``regex`` module (which has one) is
not a dependency, so the guard is static plus a bound on the input:

- a quantified group that contains another unbounded quantifier (``(a+)+``,
  ``(\\w*\\s?)*``, ``(.*,){20}``) or an alternation whose branches can start
  with the same character (``(a|ab)*``) is refused: these are the shapes whose
  matching time grows exponentially with the input;
- backreferences are refused (they make matching NP-hard in general);
- patterns longer than ``MAX_PATTERN_CHARS`` are refused;
- values longer than ``MAX_SUBJECT_CHARS`` are never matched (the condition is
  false), which bounds the polynomial cases (``.*a.*b.*c``) that remain.

The check is conservative: a refused pattern can almost always be rewritten
(``(a|b)+`` is fine, ``(ab|ac)+`` can be ``(a[bc])+``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MAX_PATTERN_CHARS = 1000
MAX_SUBJECT_CHARS = 10_000
# A repeat this large counts as unbounded: (a{1,50}){1,50} backtracks like (a+)+.
_BIG = 10

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())
_ANY_START = object()  # "may start with any character" (or match empty)


class UnsafePattern(ValueError):
    pass


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not an acceptable regular expression for a rule, or None."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"regular expression is {len(pattern)} characters long, over the limit of {MAX_PATTERN_CHARS}"
    try:
        parsed = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"invalid regular expression {pattern!r}: {exc}"
    danger = _danger(list(parsed), inside_repeat=False)
    if danger:
        return f"regular expression {pattern!r} could take exponential time ({danger}); rewrite it without that shape"
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"invalid regular expression {pattern!r}: {exc}"
    return None


@lru_cache(maxsize=256)
def compile_guarded(pattern: str) -> re.Pattern[str]:
    """Compile a rule-set pattern; raise UnsafePattern for anything pattern_problem refuses."""
    problem = pattern_problem(pattern)
    if problem:
        raise UnsafePattern(problem)
    return re.compile(pattern)


def search_bounded(pattern: str, value: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``value``; over-long values never match."""
    if len(value) > MAX_SUBJECT_CHARS:
        return False
    return compile_guarded(pattern).search(value) is not None


def _danger(items: list[tuple[Any, Any]], inside_repeat: bool) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            repeated = high > _BIG
            if inside_repeat and repeated:
                return "a quantifier inside a quantified group"
            if high > 1:
                if _ambiguous_branch(list(body)):
                    return "an alternation inside a quantifier whose branches can start alike"
                found = _danger(list(body), inside_repeat=True)
            else:
                found = _danger(list(body), inside_repeat)
        elif op is _c.SUBPATTERN:
            found = _danger(list(av[-1]), inside_repeat)
        elif op is _c.BRANCH:
            found = next((d for branch in av[1] if (d := _danger(list(branch), inside_repeat))), None)
        elif op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            found = "a backreference"
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _danger(list(av[1]), inside_repeat)
        else:
            found = None
        if found:
            return found
    return None


def _ambiguous_branch(items: list[tuple[Any, Any]]) -> bool:
    """Whether a repeated body holds an alternation with two branches that may start with the same character."""
    for op, av in items:
        if op is _c.BRANCH:
            starts = [_first(list(branch)) for branch in av[1]]
            seen: set[int] = set()
            for start in starts:
                if start is _ANY_START or start & seen:
                    return True
                seen |= start
        elif op is _c.SUBPATTERN and _ambiguous_branch(list(av[-1])):
            return True
        elif op is _c.IN:
            continue
    return False


def _first(items: list[tuple[Any, Any]]) -> Any:
    """The set of characters a sequence can start with, or _ANY_START when unknown or it may be empty."""
    for op, av in items:
        if op in (_c.AT,):
            continue  # anchors match no character
        if op is _c.LITERAL:
            return {av}
        if op is _c.SUBPATTERN:
            return _first(list(av[-1]))
        if op is _c.IN and all(kind is _c.LITERAL for kind, _ in av):
            return {value for _, value in av}
        if op in _REPEATS and av[0] >= 1:
            return _first(list(av[2]))
        return _ANY_START
    return _ANY_START
