"""The data every layer shares: spans, edits, fixes, diagnostics, tag occurrences, file results.

All positions are half-open character offsets into the note's decoded text (after a
UTF-8 BOM has been set aside). Line and column are computed only when reporting.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Applicability(str, enum.Enum):
    SAFE = "safe"  # applied by `taglint fix`
    UNSAFE = "unsafe"  # applied only with `--unsafe-fixes`

    def __str__(self) -> str:
        return self.value


class Span(tuple[int, int]):
    """Half-open ``[start, end)`` character range.

    A tuple subclass rather than a dataclass: notes make millions of these, and
    tuple construction is several times cheaper; it still refuses bad ranges.
    """

    __slots__ = ()

    def __new__(cls, start: int, end: int) -> Span:
        if not 0 <= start <= end:
            raise ValueError(f"bad span {start}..{end}")
        return tuple.__new__(cls, (start, end))

    @property
    def start(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]

    def __repr__(self) -> str:
        return f"Span(start={self[0]}, end={self[1]})"

    def __getnewargs__(self) -> tuple[int, int]:  # pickling to worker processes
        return (self[0], self[1])

    def overlaps(self, other: Span) -> bool:
        """True when two edits at these spans cannot both be applied."""
        if self.start < other.end and other.start < self.end:
            return True
        # Two insertions at one point would race for the order of their text.
        return self.start == self.end == other.start == other.end


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``span`` with ``content``: empty content deletes, an empty span inserts."""

    span: Span
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    rule: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class TagVariant:
    """A written tag that looks like another spelling of a tag in use (inferred when there is no taxonomy)."""

    name: str
    count: int  # notes carrying ``name``
    canonical: str  # the spelling it looks like a variant of
    canonical_count: int
    evidence: str  # why, in words


class TagStyle(str, enum.Enum):
    FLOW = "flow"  # tags: [a, b]
    BLOCK = "block"  # tags:\n  - a
    STRING = "string"  # tags: a, b   /  tags: a b   /  tags: a
    INLINE = "inline"  # #tag in the body

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class TagOccurrence:
    """One tag as written in a note.

    ``span`` covers the raw token, quotes included; ``name`` is its value.
    ``removal`` is what to delete to drop this occurrence cleanly (item plus
    separator, or the whole ``- item`` line); ``None`` when it cannot be removed
    without rewriting more than the token.  ``editable`` is false when the raw
    token does not map one-to-one onto the value (escapes, folded scalars), so
    it must not be rewritten in place.
    """

    name: str
    span: Span
    field: str | None
    style: TagStyle
    quote: str = ""
    removal: Span | None = None
    editable: bool = True
    syntax: str = "yaml"  # the front matter's format (yaml, toml, json): how a replacement is written


@dataclass(frozen=True)
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...]
    line_starts: tuple[int, ...] = (0,)

    def position(self, offset: int) -> tuple[int, int]:
        # bisect on the tuple itself: copying it per finding made 100,000 findings quadratic.
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


@dataclass(frozen=True)
class Batch:
    """Consecutive files of a run, checked: ``found`` holds the results with findings.

    A clean file is known by its absence from ``found``; large runs hand
    batches on so that a clean note never becomes an object of its own.
    """

    paths: Sequence[str]
    found: tuple[tuple[int, FileResult], ...]  # (index into paths, result), in order

    def results(self) -> Iterator[FileResult]:
        """Every file's result, clean ones included, in order."""
        found = iter(self.found)
        upcoming = next(found, None)
        for index, path in enumerate(self.paths):
            if upcoming is not None and upcoming[0] == index:
                yield upcoming[1]
                upcoming = next(found, None)
            else:
                yield FileResult(path, ())
