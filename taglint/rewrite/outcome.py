"""What the rewrite pipeline reports per file, and how it crosses from a worker to the parent.

One record for every rewriting command (``fix``, ``check --add-ignore``,
``rename``, ``remove``): ``Outcome`` once a file is settled, ``Pending`` while
its new bytes still wait for the parent to write them, ``RewriteBatch`` for a
run of consecutive files.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from taglint.files.write import Replacement
from taglint.model import Batch, FileResult

_LINES = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True)
class Outcome:
    """One file after the pipeline: what changed, whether it was written, why not, and what remains."""

    path: str
    changes: int  # what changed (or would, without writing), counted the command's way: findings fixed, suppressions added, tags retagged
    changed: bool  # the file was (or would be) rewritten
    written: bool
    result: FileResult  # what remains to report (fix: the findings left; the other commands report none)
    before: str = ""
    after: str = ""
    error: str | None = None  # why the file was not rewritten

    @property
    def fixed(self) -> int:
        """``changes``, in fix's words: the findings a fix resolved (the library API's name)."""
        return self.changes

    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after)

    def untouched(self) -> bool:
        """Nothing to report: not changed, no error, no finding (most notes of a run)."""
        return not (self.changed or self.written or self.changes or self.error or self.result.diagnostics or self.before != self.after)


def unified_diff(path: str, before: str, after: str) -> str:
    """``diff -u`` of two texts of ``path``; empty when they are equal."""
    if before == after:
        return ""
    # Split on "\n" only: str.splitlines would also cut at \r, \x0b, \x1c, U+2028 and friends.
    lines = difflib.unified_diff(_LINES.findall(before), _LINES.findall(after), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@dataclass(frozen=True)
class Pending:
    """A rewritten note whose new bytes are still to be written: plain data, so a worker can hand it to the parent."""

    replacement: Replacement  # path, the bytes read, the new bytes (the texts are derived from them)
    changes: int
    result: FileResult  # what remains once it is written


@dataclass(frozen=True)
class RewriteBatch:
    """Consecutive files of a run: ``found`` holds the files that were rewritten, failed or keep findings."""

    paths: Sequence[str]
    found: tuple[tuple[int, Outcome], ...]  # (index into paths, outcome), in order

    def remaining(self) -> Batch:
        """What remains to report, as a check batch."""
        return Batch(self.paths, tuple((index, item.result) for index, item in self.found if item.result.diagnostics))

    def items(self) -> Iterator[Outcome]:
        """Every file's outcome, untouched clean files included, in order."""
        found = dict(self.found)
        for index, path in enumerate(self.paths):
            yield found.get(index) or Outcome(path, 0, False, False, FileResult(path, ()))


Packed = list[tuple[int, bool, tuple[object, ...]]]


def pack(found: list[tuple[int, Outcome | Pending]]) -> Packed:
    """(index, is pending, fields) per item: plain tuples cross from a worker several times cheaper than pickled dataclasses."""
    from taglint.cache.results import encode_result

    packed: Packed = []
    for index, item in found:
        if isinstance(item, Pending):
            r = item.replacement
            packed.append((index, True, (r.path, r.expected, r.data, item.changes, encode_result(item.result))))
        else:
            packed.append(
                (
                    index,
                    False,
                    (item.path, item.changes, item.changed, item.written, encode_result(item.result), item.before, item.after, item.error),
                )
            )
    return packed


def unpack(paths: list[str], packed: Packed) -> list[tuple[int, Outcome | Pending]]:
    from taglint.cache.results import decode_result

    found: list[tuple[int, Outcome | Pending]] = []
    for index, pending, fields in packed:
        if pending:
            path, expected, data, changes, remaining = fields
            found.append((index, Pending(Replacement(path, expected, data), changes, decode_result(path, remaining))))  # type: ignore[arg-type]
        else:
            path, changes, changed, written, result, before, after, error = fields
            found.append((index, Outcome(path, changes, changed, written, decode_result(path, result), before, after, error)))  # type: ignore[arg-type]
    return found
