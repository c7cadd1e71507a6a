"""Regular expressions from rule sets and note schemas, run in linear time with RE2.

A rule set may come from a stranger's pull request, and Python's ``re``
backtracks: ``^(\\w\\w?)*$`` on sixty letters and a ``!`` runs for minutes.
Guessing which patterns backtrack is a losing game, so taglint does not guess:
every pattern from a rule set (custom rules' ``matches:``, a note schema's
``pattern`` and ``patternProperties``) runs on Google's RE2, whose matching
time is linear in the input whatever the pattern. What RE2 cannot express
(backreferences, lookaround) is refused when the rule set loads, with a
located message.

RE2 differs from ``re`` in small ways worth knowing when writing rules:
``\\w``, ``\\d`` and ``\\s`` match ASCII only (use ``\\pL`` or ``[\\p{L}\\p{N}_]``
for letters of any script), and there is no lookaround or backreference.
"""

from __future__ import annotations

import re
from functools import lru_cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: the pre-commit path imports this module
if TYPE_CHECKING:
    from typing import Any, Protocol

    class CompiledPattern(Protocol):
        def search(self, text: str) -> Any: ...


# A pattern is a line in a config file, not a program: beyond this it is a mistake or an attack.
MAX_PATTERN_CHARS = 1000


class UnsupportedPattern(ValueError):
    """A pattern RE2 refuses; the message says why, in words for the user."""


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used (too long, invalid, or beyond RE2), or None."""
    try:
        compile_pattern(pattern)
    except UnsupportedPattern as exc:
        return str(exc)
    return None


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> CompiledPattern:
    """``pattern`` compiled with RE2; raise UnsupportedPattern for what RE2 refuses."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise UnsupportedPattern(f"regular expression is {len(pattern)} characters long, over the limit of {MAX_PATTERN_CHARS}")
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own complaint to stderr as well
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise UnsupportedPattern(f"regular expression {pattern!r} cannot be used: {_reason(exc)}") from None


def search(pattern: str, value: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``value`` (in time linear in ``value``)."""
    return compile_pattern(pattern).search(value) is not None


_UNSUPPORTED = re.compile(r"invalid escape sequence: \\[1-9]|invalid perl operator: \(\?<?[=!]")


def _reason(exc: Exception) -> str:
    detail = exc.args[0] if exc.args else exc
    text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
    if _UNSUPPORTED.search(text):
        return f"{text} (backreferences and lookaround are not supported: taglint runs rule-set patterns with RE2, in linear time)"
    return text
