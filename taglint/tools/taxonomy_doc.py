"""The taxonomy as a ruamel.yaml round-trip document, and the small edits ``taxonomy_edit`` builds on.

The round trip keeps comments, key order, flow/block style and quotes; the
indentation is detected by trying the usual settings until the untouched file
dumps back byte for byte.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Sequence
from typing import Any

_SECTION = re.compile(r"\s*#\s*(?:-{3,}|={3,})")
_INDENTS = ((2, 2, 0), (2, 4, 2), (2, 2, 2), (4, 4, 0), (4, 6, 4), (4, 4, 2))


class EditError(Exception):
    """The requested edit does not make sense for this taxonomy."""


class Document:
    """A round-trip loaded taxonomy and the YAML instance that can dump it back alike."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML

        self.original = text
        chosen: Any = None
        for mapping, sequence, offset in _INDENTS:
            yaml = YAML(typ="rt")
            yaml.preserve_quotes = True
            yaml.width = 4096
            yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
            data = yaml.load(text)
            if chosen is None:
                chosen = (yaml, data)
            if _dump(yaml, data) == text:
                chosen = (yaml, data)
                break
        self.yaml, self.data = chosen
        if not isinstance(self.data, dict) or not isinstance(self.data.get("tags"), dict):
            raise EditError('taxonomy has no "tags:" mapping')
        # ruamel stores the comment lines above a tag as a trailing comment of the
        # previous tag's last value; edits there (adding aliases, deleting the tag)
        # would carry them off.  Re-home them as comments before the key they describe.
        _park_tails(self.tags)
        _park_tails(self.data)

    @property
    def tags(self) -> Any:
        return self.data["tags"]

    @property
    def case_sensitive(self) -> bool:
        return self.data.get("case_sensitive") is True  # the taxonomy's default: names compare lowercased

    def text(self) -> str:
        return _dump(self.yaml, self.data)


def _detach_tail(node: Any) -> str | None:
    """Remove and return the full comment lines stored after the last value inside ``node``."""
    from ruamel.yaml.tokens import CommentToken

    if not isinstance(node, dict) or not node:
        return None
    last = list(node)[-1]
    comments: Any = node.ca  # type: ignore[attr-defined]  # ruamel's CommentedMap
    entry = comments.items.get(last)
    if entry and len(entry) > 2 and entry[2] is not None:
        token = entry[2]
        inline, _, rest = token.value.partition("\n")
        # The part before the first newline is an end-of-line comment: it stays.
        entry[2] = CommentToken(inline + "\n", token.start_mark, None) if inline.strip() else None
        return rest
    return _detach_tail(node[last])


def _park_tails(mapping: Any) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    keys = list(mapping)
    for key, following in itertools.pairwise(keys):
        rest = _detach_tail(mapping[key])
        if not rest:
            continue
        # Each line keeps its own indentation, so column 0 reproduces it exactly.
        tokens = [CommentToken(line + "\n", CommentMark(0), None) for line in rest.split("\n")[:-1]]
        entry = mapping.ca.items.setdefault(following, [None, None, None, None])
        entry[1] = tokens + (entry[1] or [])


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def spec_of(doc: Document, name: str) -> Any:
    """The mapping of tag ``name``, created in place when it is empty (``Tag:`` or ``Tag: {}``)."""
    from ruamel.yaml.comments import CommentedMap

    value = doc.tags[name]
    if not isinstance(value, dict):
        value = CommentedMap()
        doc.tags[name] = value
    return value


def owner_of_alias(doc: Document, alias: str) -> str | None:
    for name, spec in doc.tags.items():
        if isinstance(spec, dict) and alias in (spec.get("aliases") or ()):
            return str(name)
    return None


def add_items(spec: Any, key: str, names: list[str], exclude: set[str]) -> None:
    from ruamel.yaml.comments import CommentedSeq

    seq = spec.get(key)
    if seq is None:
        seq = CommentedSeq()
        seq.fa.set_flow_style()
    for name in names:
        if name not in seq and name not in exclude:
            seq.append(name)
    if seq:
        spec[key] = seq


def rewrite_seq(seq: Any, old: str, new: Sequence[str], drop: set[str]) -> None:
    """Replace ``old`` by the names of ``new`` (none: delete it) in a sequence in place; no duplicates, nothing in ``drop``."""
    seen: set[str] = set()
    index = 0
    while index < len(seq):
        item = str(seq[index])
        if item == old:
            del seq[index]
            for offset, name in enumerate(new):
                seq.insert(index + offset, name)
            continue  # look at what took its place: a name already seen goes
        if item in seen or item in drop:
            del seq[index]
            continue
        seen.add(item)
        index += 1


def delete_key(mapping: Any, key: str) -> None:
    """Delete ``key`` with the comments about it; section headers (``# --- x ---``) and blank lines move on."""
    keys = list(mapping)
    following = keys[keys.index(key) + 1] if keys.index(key) + 1 < len(keys) else None
    entry = mapping.ca.items.pop(key, None)
    del mapping[key]
    kept = [t for t in (entry[1] or []) if _SECTION.match(t.value) or not t.value.strip()] if entry else []
    if kept and following is not None:
        target = mapping.ca.items.setdefault(following, [None, None, None, None])
        target[1] = kept + (target[1] or [])


def rename_key(mapping: Any, old: str, new: str) -> None:
    position = list(mapping).index(old)
    value = mapping[old]
    comment = mapping.ca.items.pop(old, None)
    del mapping[old]
    mapping.insert(position, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment


def validated(doc: Document) -> str:
    """The document's text, once it loads as a valid taxonomy; EditError (with every problem) otherwise."""
    from taglint.project.located import DataFileErrors
    from taglint.project.taxonomy import load_taxonomy

    text = doc.text()
    try:
        load_taxonomy("taxonomy.yaml", text)
    except DataFileErrors as exc:
        raise EditError(f"the edited taxonomy would be invalid:\n{exc}") from None
    return text
