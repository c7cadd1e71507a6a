"""Bytes to text and back, keeping everything needed to restore the bytes exactly."""

from __future__ import annotations

import bisect
import itertools

UTF8_BOM = b"\xef\xbb\xbf"
_PLUS_ONE = (1).__add__
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class DecodeError(Exception):
    """The bytes are not a UTF-8 text note; ``offset`` is the bad byte, if known."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


class SourceText:
    """A note's text and whether a UTF-8 BOM preceded it (immutable).

    A plain class, not a dataclass: the pre-commit path imports this module,
    and ``dataclasses`` (with ``inspect``) would cost it a tenth of its start-up.
    """

    __slots__ = ("bom", "text")
    text: str
    bom: bool

    def __init__(self, text: str, bom: bool) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "bom", bom)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"SourceText is immutable; cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceText):
            return NotImplemented
        return self.text == other.text and self.bom == other.bom

    def __hash__(self) -> int:
        return hash((self.text, self.bom))

    def __repr__(self) -> str:
        return f"SourceText(text={self.text!r}, bom={self.bom!r})"

    def encode(self, text: str | None = None) -> bytes:
        body = (self.text if text is None else text).encode("utf-8")
        return UTF8_BOM + body if self.bom else body


def decode(data: bytes) -> SourceText:
    """Decode a note's bytes; a UTF-8 BOM is set aside, line endings are kept as they are."""
    bom = data.startswith(UTF8_BOM)
    return SourceText(decode_text(data), bom)


def decode_text(data: bytes) -> str:
    """The text ``decode`` gives, without the record (the quick path needs only the text)."""
    payload = data[3:] if data.startswith(UTF8_BOM) else data
    if data.startswith(_UTF16_BOMS):
        raise DecodeError("file is UTF-16 (it starts with a UTF-16 byte order mark); taglint reads UTF-8 only")
    nul = payload.find(b"\x00", 0, 8192)
    if nul != -1:
        raise DecodeError("file looks binary (it contains NUL bytes); not a text note", nul)
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        bom = len(data) - len(payload)
        raise DecodeError(f"file is not valid UTF-8 (byte 0x{payload[exc.start]:02x} at offset {exc.start + bom})", exc.start) from None


class LineIndex:
    """Maps character offsets to 1-based (line, column) pairs."""

    __slots__ = ("starts",)

    def __init__(self, text: str | None = None, starts: list[int] | None = None) -> None:
        if starts is not None:
            self.starts = starts
            return
        assert text is not None
        # Running sums of line lengths in C: a find() loop costs a bytecode round per line.
        lines = text.split("\n")
        lines.pop()
        self.starts = [0, *itertools.accumulate(map(_PLUS_ONE, map(len, lines)))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the start of 1-based ``line``."""
        return self.starts[line - 1]
