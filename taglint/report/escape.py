"""The one place where text from the checked files is made safe to print or embed.

Paths, tags, messages and rule ids come from a pull request that may be
hostile: a tag holding ``"\\n::error ...::"`` forges a GitHub annotation, one
holding ``"\\x1b]0;...\\a"`` drives the terminal, a file name that is not
UTF-8 (a ``surrogateescape`` character once decoded) crashes a UTF-8 writer,
and a control character makes XML invalid. The GitHub runner also reads every
line a step prints: a line starting (after spaces) with ``::`` is a workflow
command, and so is ``##[name]`` anywhere in a line, its older syntax
(actions/runner ``src/Runner.Common/ActionCommand.cs``, ``TryParseV2`` and
``TryParse``). Every printer goes through here:

- ``visible``: for people (text, the text part of ``github``, JUnit, the CLI's
  own messages). Control characters, the Unicode line separators, the
  direction overrides of "Trojan source" and U+FFFE/U+FFFF become backslash
  escapes (``\\n``, ``\\x1b``, ``\\u202e``); a byte of a non-UTF-8 name shows
  as ``\\xff``, the byte it stands for; the ``[`` of ``##[`` shows as ``\\x5b``.
  A backslash already in the text is left alone, so ``a\\x1b`` can be either
  spelling: the output is safe, not reversible. ``visible_line`` also escapes
  the first colon of a line that would start with ``::``.
- ``json_text``: for JSON documents (``json``, ``json-lines``, ``sarif``,
  ``gitlab``): the JSON encoder already escapes C0 controls; DEL, C1 controls,
  separators, direction overrides and the ``[`` of ``##[`` become ``\\u``
  escapes too (the parsed value is unchanged), and a non-UTF-8 byte becomes the
  text ``\\xff``, since a lone surrogate is not valid Unicode and strict JSON
  readers reject it.
- ``xml_text``: serialized XML with ``##[`` written ``##&#91;`` (same value).
- ``workflow_data`` / ``workflow_property``: GitHub's workflow-command
  encodings, as the Actions toolkit writes them (``escapeData``: ``%``, CR,
  LF; ``escapeProperty``: also ``:`` and ``,``; actions/toolkit
  ``packages/core/src/command.ts``). GitHub decodes those, so a newline in a
  tag shows as a line break inside the annotation and a file name with a
  newline still matches its file; every other character ``visible`` escapes is
  escaped the same way first, since the toolkit's encoding leaves it raw.
- ``uri_path``: a path as a URI reference: its raw bytes percent-encoded.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

# C0 and C1 controls and DEL; ALM, LRM, RLM and the bidi embeddings, overrides and
# isolates; the line and paragraph separators; all surrogates (a lone one is what
# surrogateescape makes of a byte that is not UTF-8); the noncharacters XML forbids.
_UNSAFE = re.compile("(?<=##)\\[|[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
# The same without CR and LF, which the workflow-command encodings carry as %0D and %0A.
_UNSAFE_IN_WORKFLOW = re.compile(
    "(?<=##)\\[|[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What json.dumps leaves as it is among those: C0 controls come out of it escaped already.
_UNSAFE_IN_JSON = re.compile("(?<=##)\\[|[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _byte(char: str) -> str | None:
    """The raw byte a surrogateescape character stands for, as ``\\xNN``; None for any other character."""
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else None


def _visible_char(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char) or _byte(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _clean(text: str) -> bool:
    """True when ``text`` holds nothing to escape: the common case, decided quickly.

    Every character the patterns above match is "not printable" to Python
    (categories Cc, Cf, Cs, Cn, Zl, Zp), so a printable text without ``##[``
    needs no escape; the C loop of ``isprintable`` is several times faster
    than a regex search, and reports print one line per finding.
    """
    return text.isprintable() and "##[" not in text


def visible(text: str) -> str:
    """``text`` with every character that could act on a terminal or a log parser shown as an escape."""
    return text if _clean(text) else _UNSAFE.sub(_visible_char, text)


# A line the runner would read as a workflow command: its first colon is escaped.
_COMMAND_START = re.compile(r"\A(\s*):(?=:)")


def visible_line(text: str) -> str:
    """``visible(text)`` for text that starts a printed line: it cannot start a workflow command either."""
    shown = visible(text)
    return _COMMAND_START.sub(r"\1\\x3a", shown) if shown.lstrip().startswith("::") else shown


def _json_char(match: re.Match[str]) -> str:
    char = match.group()
    raw = _byte(char)
    # Inside a JSON string a backslash is written twice: the value holds the text \xff.
    return "\\" + raw if raw is not None else f"\\u{ord(char):04x}"


def json_text(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with the characters above escaped.

    Every character this touches can only occur inside a JSON string (the
    syntax around strings is ASCII), so a ``\\u`` escape keeps the document
    valid and its parsed value the same.
    """
    return dumped if _clean(dumped) else _UNSAFE_IN_JSON.sub(_json_char, dumped)


def xml_text(serialized: str) -> str:
    """Serialized XML (its text already ``visible``) with ``##[`` written so the runner does not see it."""
    return serialized.replace("##[", "##&#91;")


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command (after ``::``)."""
    if not _clean(text):
        text = _UNSAFE_IN_WORKFLOW.sub(_visible_char, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a GitHub workflow command (``file=``, ``title=``)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def uri_path(path: str) -> str:
    """A relative path as a URI reference: its bytes (as the file system has them) percent-encoded, ``/`` kept."""
    return quote(os.fsencode(path))
