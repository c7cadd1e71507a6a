"""Counts in words that agree in number: ``1 file``, ``2 files``, ``1 tag occurrence``.

Every count taglint prints to a person goes through ``counted``, so no message
says ``1 groups`` or ``1 files``.
"""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and its noun: ``singular`` for exactly one, else ``plural`` (default: ``singular`` + "s")."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def rule_label(code: str, rule: str) -> str:
    """``TG001 unknown-tag``; a custom rule whose code is its id is named once (``venue-needs-url``)."""
    return rule if code == rule else f"{code} {rule}"
