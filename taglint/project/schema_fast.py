"""A fast "certainly valid" test against a JSON Schema: jsonschema-rs (Rust), checked to agree with jsonschema.

Nearly every note is valid, and validating it with jsonschema costs more than
reading it (~50 µs a note on the example collection; jsonschema-rs ~0.3 µs; the
hand-written subset this replaces ~11 µs). So the hot path asks jsonschema-rs
one question: is the instance valid? "No" (or any doubt) sends the caller to
jsonschema, which alone produces the messages and has the last word, so a
wrong "no" costs time only. A "yes" is trusted only where jsonschema would say
the same:

* every ``format`` is ``date`` (jsonschema checks other formats only when their
  optional packages are installed; jsonschema-rs always does, differently);
* every ``$ref`` is local (jsonschema-rs would otherwise fetch it; ``offline``);
* ``pattern`` semantics: jsonschema-rs follows ECMA-262; jsonschema runs
  patterns on RE2 here (``patterns``). They agree on ``\\d \\D \\w \\W \\B``
  (ASCII in both) and on ``.``, ``^`` and ``$``, but not on ``\\s``/``\\S``
  (ECMA's whitespace adds U+000B, U+00A0, U+1680, U+2000-U+200A, U+2028,
  U+2029, U+202F, U+205F, U+3000 and U+FEFF to RE2's ``[\\t\\n\\f\\r ]``) nor
  on ``\\b`` (a Unicode word boundary in jsonschema-rs). A schema whose patterns
  use ``\\s``/``\\S`` is trusted when the source text has none of those
  characters (and no ``\\`` escape that could write one); a schema with any
  other letter escape (``\\b``, ``\\p{L}``, ...) or inline flags, only when the
  source text is ASCII without escapes; a schema with a look-around (RE2
  refuses those when the rule set loads), never.

``source`` is the YAML text the instance was read from (None: unknown, then
only schemas without such patterns are trusted). tests/test_quickschema.py
holds "jsonschema-rs says valid" to jsonschema's verdict on generated notes.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see cli.fast)

if TYPE_CHECKING:
    from typing import Any

_ANY, _NO_ODD_SPACE, _ASCII, _NEVER = range(4)
_ODD_SPACE = re.compile(r"[\\\x0b\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]")
_LETTER_ESCAPE = re.compile(r"\\([A-Za-z])")
_INLINE_FLAGS = re.compile(r"\(\?[A-Za-z]")
_EXACT_ESCAPES = frozenset("dDwWBntrfv")  # the same in ECMA-262 and RE2: ASCII classes, or one character


class _Compiled:
    __slots__ = ("schema", "trust", "validator")

    def __init__(self, schema: Any, validator: Any, trust: int) -> None:
        self.schema, self.validator, self.trust = schema, validator, trust


# One compiled validator per schema object of the run (a rule set's, the config schema): keyed by
# id(), with the schema kept so the id cannot be reused. Compiling costs far more than validating.
_COMPILED: dict[int, _Compiled] = {}


def _compiled(schema: Any) -> _Compiled:
    found = _COMPILED.get(id(schema))
    if found is not None and found.schema is schema:
        return found
    if len(_COMPILED) > 32:
        _COMPILED.clear()
    trust = _trust(schema)
    validator = None
    if trust != _NEVER:
        import jsonschema_rs  # here: a run without a note schema never loads it

        try:
            validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True, offline=True)
        except Exception:
            trust = _NEVER
    found = _COMPILED[id(schema)] = _Compiled(schema, validator, trust)
    return found


def _trust(schema: Any) -> int:
    """When a "valid" from jsonschema-rs is also jsonschema's verdict, for this schema."""
    trust = _ANY
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key == "format" and isinstance(value, str) and value != "date":
                return _NEVER
            if key in ("$ref", "$dynamicRef") and isinstance(value, str) and not value.startswith("#"):
                return _NEVER
            patterns = (
                [value]
                if key == "pattern" and isinstance(value, str)
                else list(value)
                if key == "patternProperties" and isinstance(value, dict)
                else []
            )
            for pattern in patterns:
                trust = max(trust, _pattern_trust(pattern))
            stack.append(value)
    return trust


def _pattern_trust(pattern: str) -> int:
    if "(?=" in pattern or "(?!" in pattern or "(?<" in pattern:
        return _NEVER  # look-arounds: RE2 has none, jsonschema-rs would run them
    letters = set(_LETTER_ESCAPE.findall(pattern))
    if letters - _EXACT_ESCAPES - {"s", "S"} or _INLINE_FLAGS.search(pattern):
        return _ASCII
    return _NO_ODD_SPACE if letters & {"s", "S"} else _ANY


def certainly_valid(instance: Any, schema: Any, source: str | None = None) -> bool:
    """True only when ``instance`` is valid against ``schema``; False means "ask jsonschema"."""
    compiled = _compiled(schema)
    trust = compiled.trust
    if trust != _ANY:
        if trust == _NEVER or source is None:
            return False
        if trust == _NO_ODD_SPACE and _ODD_SPACE.search(source) is not None:
            return False
        if trust == _ASCII and (not source.isascii() or "\\" in source):
            return False
    try:
        return bool(compiled.validator.is_valid(instance))
    except Exception:
        return False
