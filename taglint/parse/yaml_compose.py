"""Compose YAML into located nodes with libyaml, PyYAML's C parser, typing scalars as YAML 1.2.

Every note's front matter is read here, whatever its shape: nested mappings,
anchors and aliases, block scalars, flow collections. ``compose`` builds the
node tree only (no object is ever constructed from a tag, so ``!!python/...``
cannot run code); nodes carry character offsets (``start_mark.index``,
``end_mark.index``: PyYAML hands libyaml the text as UTF-8 and libyaml counts
characters) and the scalar's style (``''`` plain, ``'`` ``"`` ``|`` ``>``).

Scalars are typed by ``yaml_types``, not by PyYAML's resolver: PyYAML follows
YAML 1.1 (``yes``/``on`` are booleans, ``012`` octal, ``1:30`` sexagesimal),
while taglint has always read notes the way ruamel.yaml's YAML 1.2 resolver
does, and no finding may depend on which library is installed.
``tests/test_yaml_reader_differential.py`` holds the tags, values and marks to
ruamel.yaml's on every example note and on generated ones.

Limits that keep a hostile note cheap: libyaml refuses nesting deeper than
1,000 levels (before composing, so the C composer never recurses deeper);
``yaml_types.to_data`` bounds alias expansion ("billion laughs"); the 128 KB
front-matter limit is the caller's (``fences.locate``).

Without libyaml (a PyYAML built without it), the pure-Python parser of the
same package reads the same YAML about twenty times slower; taglint says so
once on stderr.
"""

from __future__ import annotations

import functools
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: the pre-commit path imports this module

from taglint.parse.yaml_types import MAP, SEQ, STR, TYPED_FIRST, plain_tag  # noqa: E402 - after TYPE_CHECKING, which must precede no import

if TYPE_CHECKING:
    from typing import Any


def _resolve(self: Any, kind: type, value: str | None, implicit: Any) -> str:
    """PyYAML's resolver hook, called (from C) for every node without an explicit tag.

    Collections come with ``value`` None. This runs for every scalar of every
    note: the common case (a string) is decided in the first test.
    """
    if value is None:
        return SEQ if kind.id == "sequence" else MAP  # type: ignore[attr-defined]
    if implicit[0] and (not value or value[0] in TYPED_FIRST):
        return plain_tag(value)
    return STR


class YamlError(Exception):
    """Text that is not YAML: ``problem`` in words for the user, at character ``index``."""

    def __init__(self, problem: str, index: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.index = index


class NestingError(YamlError):
    """YAML nested deeper than taglint reads."""


@functools.lru_cache(maxsize=1)
def loader_class() -> type:
    """The loader: libyaml's parser and composer, or PyYAML's pure-Python ones (with a warning)."""
    import yaml

    parser = yaml.cyaml.CParser if yaml.__with_libyaml__ else None  # type: ignore[attr-defined]
    hooks = {
        "resolve": _resolve,
        # Path resolvers are never used; these builtins accept the same arguments and do nothing
        # in C, where PyYAML's own methods would cost two Python calls per node.
        "descend_resolver": slice,
        "ascend_resolver": tuple,
    }
    if parser is not None and _libyaml_version() >= (0, 2, 5):
        return type("NoteLoader", (parser,), hooks)
    # libyaml before 0.2.5 has no nesting limit: its C composer could exhaust the stack.
    print(
        "taglint: warning: PyYAML has no usable libyaml (0.2.5 or later); reading YAML with its pure-Python parser, several times slower",
        file=sys.stderr,
    )

    def init(self: Any, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)

    bases = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer)
    return type("PureNoteLoader", bases, {**hooks, "__init__": init})


def _libyaml_version() -> tuple[int, ...]:
    try:
        from yaml import _yaml

        return tuple(_yaml.get_version())
    except (ImportError, AttributeError):
        return (0,)


def compose(text: str) -> Any:
    """The node tree of the YAML document ``text`` (None when it holds no node); raise YamlError."""
    try:
        return loader_class()(text).get_single_node()
    except Exception as exc:
        return _after_error(exc, text)


def _after_error(exc: Exception, text: str) -> Any:
    """Compose ``text`` again with re-defined anchors renamed, or raise ``exc`` as a YamlError."""
    import yaml

    if isinstance(exc, RecursionError):  # the pure-Python composer has no nesting limit of its own
        raise NestingError("nested too deeply", 0) from None
    if isinstance(exc, UnicodeEncodeError):  # a lone surrogate: text that came from no UTF-8 file
        raise YamlError("text holds a character that is not valid Unicode", exc.start) from None
    if not isinstance(exc, yaml.YAMLError):
        raise exc
    if not (isinstance(exc, yaml.composer.ComposerError) and (exc.context or "").startswith("found duplicate anchor")):
        raise _located(exc, text) from None
    try:
        return loader_class()(_unique_anchors(text)).get_single_node()
    except yaml.YAMLError as again:
        raise _located(again, text) from None


def _located(exc: Any, text: str) -> YamlError:
    """A YamlError in words for the user, at the character where ``exc`` (a PyYAML error) happened."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if loader_class().__name__ == "NoteLoader":
            # libyaml reports a byte offset into the UTF-8 text it was given.
            index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        return YamlError(f"{exc.reason} (character U+{exc.character:04X})", index)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        index = mark.index if mark is not None else 0
        if "maximum nesting depth" in (exc.problem or exc.context or ""):
            return NestingError("nested too deeply", index)
        from taglint.parse.yaml_words import plain_message

        return YamlError(plain_message(exc.problem, exc.context) or "invalid YAML", index)
    return YamlError("invalid YAML", 0)


_ANCHOR_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"


def _unique_anchors(text: str) -> str:
    """``text`` with each re-defined anchor, and the aliases that follow it, renamed in place.

    YAML lets a later ``&name`` replace an earlier one; PyYAML refuses the
    document instead. New names have the old one's length, so every offset
    stays where it was.
    """
    import itertools

    import yaml

    tokens: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=loader_class()):
            tokens.append(token)
    except yaml.YAMLError:
        pass  # a later error is reported by the composer when it gets there
    # A new name must be no name in use: neither an anchor's, nor an alias's that points nowhere.
    taken = {t.value for t in tokens if isinstance(t, (yaml.tokens.AnchorToken, yaml.tokens.AliasToken))}
    current: dict[str, str] = {}
    pieces: list[str] = []
    pos = 0
    for token in tokens:
        if isinstance(token, yaml.tokens.AnchorToken):
            name = token.value
            if name in current:
                fresh = ("".join(p) for p in itertools.product(_ANCHOR_CHARS, repeat=len(name)))
                renamed = next((n for n in fresh if n not in taken), name)
                taken.add(renamed)
            else:
                renamed = name
            current[name] = renamed
        elif isinstance(token, yaml.tokens.AliasToken):
            renamed = current.get(token.value, token.value)
        else:
            continue
        start = token.end_mark.index - len(token.value)
        pieces.append(text[pos:start] + renamed)
        pos = token.end_mark.index
    return "".join(pieces) + text[pos:]
