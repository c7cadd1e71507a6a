"""Values-only reading of front matter; for the plainest, a regex reader: the one second path beside libyaml, measured to pay.

Proving a note clean (``lint.clean_proof``) needs only the front matter's
values. For the plainest front matter (title, date, url, tags) a string search
finds the fences, one regex search refuses odd characters, and one ``findall``
splits every line in C; Python only turns a few captured strings into values.
Measured in one process on the flat bench corpus (20,000 notes of title, date,
url and tags), a whole check costs 19 µs a note with this reader and 28 µs
with libyaml alone (``composed_values``: 14 µs against 5 µs for the reading
itself). Anything richer (nesting, anchors, block scalars, flow mappings,
floats, datetimes) is refused by the first regex search, for about 3 µs a
note, and read by libyaml: ``read_values`` takes any front matter.

The accepted language: top-level ``key: value`` lines with plain, quoted, date
or small-integer scalars, one-line flow lists of strings (no commas inside
quotes), block lists of strings at one indent, blank and comment lines.
Anything else ``plain_values`` refuses (None) and libyaml reads, so a refusal
costs time, never a finding. A differential test holds both readings to the
full reader's values (tests/test_quickread.py).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see fastpath)

from taglint.files.read import MAX_FRONT_MATTER_CHARS  # noqa: E402 - after TYPE_CHECKING, which must precede no import

if TYPE_CHECKING:
    from typing import Any

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"---[ \t]*(?:\r?\n|\r|\Z)")
# Characters YAML refuses (non-printable) or takes as line breaks (CR alone, NEL, LS, PS),
# plus tab and the BOM. Searched once over the block, so the line pattern can stay simple.
# Also what marks front matter this reader cannot take, so refusing it costs one search, not
# the line-by-line match (10 µs a note of the realistic bench corpus): block scalars (">",
# "|"), flow mappings ("{"), and indented lines other than list items and comments (nesting,
# continued scalars).
_BAD = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff>|{]|\n[ ]+[^ \n#-]")

# A plain scalar may not start with an indicator, a space, a digit or a sign (numbers,
# dates and the like take the long way); inside, ": " and " #" would end it.
_START = r"""[^\s#'"\[\]{}&*!|>%@`,?:~\-+.0-9]"""
_PLAIN = _START + r"[^ \n:]*+(?:(?::(?=[^ \n])|[ ]++(?=[^ \n#]))[^ \n:]*+)*+"
# Flow items: no ':' '#' or ',' in plain items and no ',' in quoted ones, so splitting on ',' is exact.
_FLOW_PLAIN = _START + r"[^ \n:#,\[\]{}]*+(?:[ ]++(?=[^ \n:#,\[\]{}])[^ \n:#,\[\]{}]*+)*+"
_FLOW_ITEM = rf"""(?:"[^"\\\n,]*+"|'[^'\n,]*+'|{_FLOW_PLAIN})"""
_QUOTED = r""""[^"\\\n]*+"|'[^'\n]*+'"""
_TAIL = r"(?:[ ]++\#[^\n]*+)?[ ]*+\n"  # optional comment, trailing spaces, end of line

# Every line matches exactly one alternative; the last catches what the others refuse.
_LINE = re.compile(
    r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*+):(?:[ ]++(?:"
    rf"(?P<quoted>{_QUOTED})"
    rf"|(?P<flow>\[[ ]*+(?:{_FLOW_ITEM}(?:[ ]*+,[ ]*+{_FLOW_ITEM})*+[ ]*+)?\])"
    r"|(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?=[ \n])"
    r"|(?P<int>0|[1-9][0-9]{0,17})(?=[ \n])"
    rf"|(?P<plain>{_PLAIN})"
    rf"))?{_TAIL}"
    rf"|(?P<indent>[ ]*+)-[ ]++(?:(?P<item_quoted>{_QUOTED})|(?P<item_plain>{_PLAIN})){_TAIL}"
    r"|[ ]*+(?:\#[^\n]*+)?\n"  # blank or comment line
    r"|(?P<other>[^\n]++)\n"
)

_SPECIAL = {
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}


def block_text(text: str) -> str | None:
    """The front matter between the fences, CRLF read as LF, or None when it is not plain enough."""
    opening = _OPEN.match(text)
    if opening is None:
        return None
    start = opening.end()
    close = text.find("\n---", start - 1) + 1
    if close == 0 or _CLOSE.match(text, close) is None or close - start > MAX_FRONT_MATTER_CHARS:
        return None  # no fence, a line such as "----", or over the size limit the full reader reports
    yaml_text = text[start:close]
    if "\r" in yaml_text:
        yaml_text = yaml_text.replace("\r\n", "\n")  # values never span lines, so line breaks do not matter
    if _BAD.search(yaml_text) is not None:
        return None
    return yaml_text


def read_values(text: str) -> dict[str, Any] | None:
    """The top-level front-matter values of a note's ``text`` (BOM removed), or None unless the full
    reader (``frontmatter.read_fields``) would read them without a problem.

    The note may still have findings: only ``clean_proof`` and the full check tell.
    """
    values = plain_values(text)
    return values if values is not None else composed_values(text)


def composed_values(text: str) -> dict[str, Any] | None:
    """``read_values`` through libyaml: the values ``frontmatter.read_fields`` gives (a test holds
    the two together), without building located fields, for front matter of any shape."""
    from taglint.parse.fences import yaml_text_of
    from taglint.parse.yaml_compose import YamlError, compose
    from taglint.parse.yaml_types import ExpansionError, budget_for, to_data

    yaml_text = yaml_text_of(text)
    if yaml_text is None:
        return None
    try:
        root = compose(yaml_text)
    except YamlError:
        return None
    if root is None:
        return {}
    if root.id != "mapping":
        return None
    values: dict[str, Any] = {}
    budget = budget_for(yaml_text)
    try:
        for key_node, value_node in root.value:
            if key_node.id != "scalar":
                return None
            key = str(key_node.value)
            if key in values:
                return None
            values[key] = to_data(value_node, budget)
    except (ExpansionError, RecursionError):
        return None
    return values


def plain_values(text: str) -> dict[str, Any] | None:
    """Top-level front-matter values of ``text`` (BOM already removed), or None when not this plain."""
    yaml_text = block_text(text)
    if yaml_text is None:
        return None
    values: dict[str, Any] = {}
    items: list[str] | None = None  # the block list that may follow a key without a value
    key = indent = ""
    for name, quoted, flow, date, number, plain, item_indent, item_quoted, item_plain, other in _LINE.findall(yaml_text):
        if name:
            if name in values:
                return None  # duplicate keys: the full reader reports them
            key = name
            items = None
            if plain:
                values[key] = _SPECIAL.get(plain, plain)
            elif quoted or date:
                values[key] = quoted[1:-1] if quoted else date
            elif number:
                values[key] = int(number)
            elif flow:
                listed = _flow_items(flow[1:-1])
                if listed is None:
                    return None
                values[key] = listed
            else:
                values[key] = None
                items = []
        elif item_plain or item_quoted:
            if items is None:
                return None  # an item with no key to belong to
            if not items:
                indent = item_indent
                values[key] = items
            elif item_indent != indent:
                return None
            if item_plain:
                if item_plain in _SPECIAL:
                    return None  # a bool or null item is no tag name
                items.append(item_plain)
            elif len(item_quoted) > 2:
                items.append(item_quoted[1:-1])
            else:
                return None  # an empty quoted item
        elif other:
            return None
    return values


def _flow_items(flow: str) -> list[str] | None:
    if not flow.strip(" "):
        return []
    out: list[str] = []
    for raw in flow.split(","):
        item = raw.strip(" ")
        if item[0] == '"' or item[0] == "'":
            item = item[1:-1]
            if not item:
                return None
        elif item in _SPECIAL:
            return None
        out.append(item)
    return out
