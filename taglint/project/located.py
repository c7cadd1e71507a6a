"""YAML data files (taxonomy, rule sets) read as plain data that remembers where each value was."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from taglint.parse.yaml_types import ExpansionError, budget_for, to_data
from taglint.parse.yaml_words import plain_message


class LocatedError(Exception):
    """A problem in a data file, reported as ``path:line:col: message``."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{display_path(path)}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


def display_path(path: str) -> str:
    """``path`` as the user would type it: relative to the working directory when inside it."""
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith(os.pardir) else relative


class DataFileErrors(Exception):
    """All problems found in one data file; str() lists them one per line."""

    def __init__(self, errors: Sequence[LocatedError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)


@dataclass
class Located:
    """Parsed YAML data plus its node tree, so any JSON path can be located."""

    path: str
    data: Any
    root: Any

    def where(self, path: Sequence[Any], key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` (of its key, if ``key``)."""
        if self.root is None:
            return 1, 1
        mark = (node_at(self.root, path, key) or self.root).start_mark
        return mark.line + 1, mark.column + 1

    def error(self, path: Sequence[Any], message: str, key: bool = False) -> LocatedError:
        line, column = self.where(path, key)
        return LocatedError(self.path, line, column, message)


def node_at(root: Any, path: Sequence[Any], key: bool = False) -> Any | None:
    """The node at ``path`` in a composed tree (its key node, if ``key``), or None if not even the first step is there.

    Where a later step is missing, the deepest node found stands in for it, so an
    error about a missing key points at the mapping that should hold it.
    """
    node, found = root, None
    for step in path:
        if node.id == "mapping":
            for key_node, value_node in node.value:
                if str(key_node.value) == str(step):
                    found = key_node if key else value_node
                    node = value_node
                    break
            else:
                break
        elif node.id == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
            node = found = node.value[step]
        else:
            break
    return found


def compose(text: str) -> Any:
    """Compose a data file into a ruamel.yaml node tree (no objects are constructed).

    Data files (taxonomy, rule sets) are read with ruamel.yaml, the library that also
    edits the taxonomy in place (``tools/taxonomy_edit.py``), so the messages and marks
    of a taxonomy error are those of the parser that will rewrite it. They are read once
    per run, or not at all while the compiled setup is cached: speed is the notes' concern.
    """
    import warnings

    from ruamel.yaml import YAML

    loader = YAML(typ="safe", pure=True)
    with warnings.catch_warnings():
        # Reused anchors and the like are legal YAML; ruamel's warnings would only clutter the report.
        warnings.simplefilter("ignore")
        return loader.compose(text)


def load_located(path: str, text: str) -> Located:
    """Parse a YAML data file; raise DataFileErrors with a location if it is not valid YAML."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        root = compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise DataFileErrors([LocatedError(path, line, col, f"not valid YAML: {plain_message(exc.problem, exc.context)}")]) from None
    except YAMLError as exc:
        raise DataFileErrors([LocatedError(path, 1, 1, f"not valid YAML: {plain_message(str(exc))}")]) from None
    if root is None:
        return Located(path, None, None)
    try:
        data = to_data(root, budget_for(text))
    except ExpansionError as exc:
        raise DataFileErrors([LocatedError(path, 1, 1, str(exc))]) from None
    _check_duplicate_keys(path, root)
    return Located(path, data, root)


def _check_duplicate_keys(path: str, root: Any) -> None:
    errors: list[LocatedError] = []
    stack = [root]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if node.id == "mapping":
            keys: dict[str, int] = {}
            for key_node, value_node in node.value:
                name = str(key_node.value)
                if name in keys:
                    mark = key_node.start_mark
                    errors.append(
                        LocatedError(path, mark.line + 1, mark.column + 1, f'duplicate key "{name}" (first on line {keys[name]})')
                    )
                else:
                    keys[name] = key_node.start_mark.line + 1
                stack.append(value_node)
        elif node.id == "sequence":
            stack.extend(node.value)
    if errors:
        raise DataFileErrors(errors)


def schema_errors(doc: Located, schema: dict[str, Any]) -> list[LocatedError]:
    """Validate ``doc`` against a JSON Schema; one located, readable error per problem."""
    from taglint.project.schema import field_path, humanize, validate

    errors: list[LocatedError] = []
    for error in validate(doc.data, schema):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for extra in error.instance:
                if extra in allowed:
                    continue
                where = field_path([*path, extra])
                errors.append(doc.error([*path, extra], f'unknown key "{where}" (allowed here: {", ".join(allowed)})', key=True))
            continue
        errors.append(doc.error(path, humanize(error)))
    return errors
