"""LSP positions and taglint offsets, both ways.

taglint locates everything by ``Span``: code-point offsets into a note's
text after its BOM. LSP locates by ``(line, character)``: lines end at
``\\r\\n``, ``\\r`` or ``\\n`` (the protocol's three line endings only:
``str.splitlines`` would also cut at U+2028, ``\\x0c`` or ``\\x85``, and put
every later position on the wrong line), and ``character`` counts code
units of the negotiated encoding: UTF-16 unless the client offered UTF-8 or
UTF-32 first (pygls negotiates it). A buffer that starts with U+FEFF holds
the BOM as a character of its first line; taglint's offsets start after it.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

from taglint.model import Span

_EOL = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"


class TextMap:
    """Converts between taglint offsets and LSP positions for one buffer text."""

    __slots__ = ("encoding", "shift", "starts", "text")

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.shift = 1 if text.startswith(BOM) else 0  # taglint offset 0 is buffer index ``shift``
        self.starts = [0, *(m.end() for m in _EOL.finditer(text))]
        self.encoding = getattr(encoding, "value", encoding)  # str() of the enum would be its name

    def _units(self, chars: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf32 or chars.isascii():
            return len(chars)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def _line_end(self, line: int) -> int:
        """Buffer index where ``line``'s content ends (before its line ending)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        return end - 2 if self.text.startswith("\r\n", end - 2) else end - 1

    def position(self, offset: int) -> types.Position:
        """The LSP position of taglint ``offset``."""
        index = min(offset + self.shift, len(self.text))
        line = bisect.bisect_right(self.starts, index) - 1
        return types.Position(line=line, character=self._units(self.text[self.starts[line] : index]))

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.start), end=self.position(span.end))

    def offset(self, position: types.Position) -> int:
        """The taglint offset of an LSP position (clamped to its line, as the protocol asks; a BOM maps to 0).

        A position inside a character (the second UTF-16 unit of an emoji) falls back to that character's start.
        """
        if position.line >= len(self.starts):
            return len(self.text) - self.shift
        start, end = self.starts[position.line], self._line_end(position.line)
        line = self.text[start:end]
        wanted = position.character
        if self.encoding == types.PositionEncodingKind.Utf32 or line.isascii():
            index = start + min(wanted, len(line))
        else:
            index, units = start, 0
            for char in line:
                units += self._units(char)
                if units > wanted:
                    break
                index += 1
        return max(index - self.shift, 0)

    def line_col(self, line: int, column: int) -> types.Position:
        """The LSP position of 1-based ``line`` and code-point ``column`` (how data-file errors are located)."""
        if line - 1 >= len(self.starts):
            return types.Position(line=max(len(self.starts) - 1, 0), character=0)
        start, end = self.starts[line - 1], self._line_end(line - 1)
        index = min(start + max(column, 1) - 1, end)
        return types.Position(line=line - 1, character=self._units(self.text[start:index]))

    def line_end(self, line: int) -> types.Position:
        """The LSP position at the end of 0-based ``line``'s content."""
        line = min(line, len(self.starts) - 1)
        return types.Position(line=line, character=self._units(self.text[self.starts[line] : self._line_end(line)]))
