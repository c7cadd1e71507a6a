"""The taxonomy as a graph (DOT, Mermaid, JSON) or an indented tree, with usage counts.

Edges go from child to parent, as in ``taxonomy.yaml``.  ``root`` restricts
the output to a tag and its descendants. Tag names come from a taxonomy a pull
request may have written: they are printed through ``taglint.report.escape``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from taglint.project.taxonomy import Taxonomy
from taglint.report.escape import json_text, visible, visible_line


class UnknownRoot(Exception):
    pass


def with_nested_parents(taxonomy: Taxonomy) -> Taxonomy:
    """``taxonomy`` with each nested tag ``a/b`` placed under its nearest prefix that is a tag (``a``), as
    Obsidian's tag pane nests them; for ``tree`` and ``graph`` in the obsidian dialect."""
    from dataclasses import replace

    from taglint.parse.dialects import prefixes
    from taglint.project.taxonomy import compile_taxonomy

    tags = dict(taxonomy.tags)
    for name, tag in taxonomy.tags.items():
        above = [found.canonical for prefix in prefixes(name) if (found := taxonomy.resolve(prefix)) is not None]
        if above and above[-1] != name and above[-1] not in tag.parents:
            tags[name] = replace(tag, parents=(*tag.parents, above[-1]))
    return compile_taxonomy(tags, taxonomy.exclusive, taxonomy.case_sensitive, taxonomy.path, taxonomy.fold)


def selection(taxonomy: Taxonomy, root: str | None) -> list[str]:
    """Tag names to show, in taxonomy order: all, or ``root`` and its descendants."""
    if root is None:
        return list(taxonomy.tags)
    resolution = taxonomy.resolve(root)
    if resolution is None:
        raise UnknownRoot(f'"{root}" is not a tag of the taxonomy')
    top = resolution.canonical
    below = taxonomy.with_descendants([top])
    return [n for n in taxonomy.tags if n in below]


def _edges(taxonomy: Taxonomy, names: list[str]) -> list[tuple[str, str]]:
    chosen = set(names)
    return [(n, p) for n in names for p in taxonomy.tags[n].parents if p in chosen]


def to_dot(taxonomy: Taxonomy, counts: dict[str, int], root: str | None = None) -> str:
    names = selection(taxonomy, root)
    q = lambda s: '"' + visible(s).replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    lines = ["digraph taxonomy {", "  rankdir=BT;", "  node [shape=box];"]
    for name in names:
        style = ", style=dashed" if taxonomy.tags[name].deprecated else ""
        lines.append(f"  {q(name)} [label={q(f'{name} ({counts.get(name, 0)})')}{style}];")
    lines += [f"  {q(child)} -> {q(parent)};" for child, parent in _edges(taxonomy, names)]
    return "\n".join([*lines, "}"]) + "\n"


def to_mermaid(taxonomy: Taxonomy, counts: dict[str, int], root: str | None = None) -> str:
    names = selection(taxonomy, root)
    ids = {name: f"t{i}" for i, name in enumerate(names)}
    lines = ["graph BT"]
    for name in names:
        label = visible(f"{name} ({counts.get(name, 0)})").replace('"', "#quot;")
        lines.append(f'  {ids[name]}["{label}"]')
    lines += [f"  {ids[child]} --> {ids[parent]}" for child, parent in _edges(taxonomy, names)]
    return "\n".join(lines) + "\n"


def to_json(taxonomy: Taxonomy, counts: dict[str, int], root: str | None = None) -> str:
    names = selection(taxonomy, root)
    nodes = [
        {"id": n, "count": counts.get(n, 0), "aliases": list(taxonomy.tags[n].aliases), "deprecated": taxonomy.tags[n].deprecated}
        for n in names
    ]
    edges = [{"source": c, "target": p} for c, p in _edges(taxonomy, names)]
    return json_text(json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, indent=2)) + "\n"


FORMATS: dict[str, Callable[[Taxonomy, dict[str, int], str | None], str]] = {"dot": to_dot, "mermaid": to_mermaid, "json": to_json}


def tree_lines(taxonomy: Taxonomy, counts: dict[str, int], root: str | None = None, dim: Callable[[str], str] = str) -> list[str]:
    """An indented tree, children under parents (a tag with two parents appears under both)."""
    names = selection(taxonomy, root)
    chosen = set(names)
    children: dict[str, list[str]] = {n: [] for n in names}
    for child, parent in _edges(taxonomy, names):
        children[parent].append(child)
    tops = [n for n in names if not any(p in chosen for p in taxonomy.tags[n].parents)]
    lines: list[str] = []

    def visit(name: str, depth: int, path: frozenset[str]) -> None:
        tag = taxonomy.tags[name]
        line = visible_line(f"{'  ' * depth}{name} ({counts.get(name, 0)})")
        if tag.deprecated:
            line += dim(visible(f" deprecated{' -> ' + tag.replaced_by if tag.replaced_by else ''}"))
        if tag.aliases:
            line += " " + dim(visible("aka " + ", ".join(tag.aliases)))
        lines.append(line)
        for child in sorted(children[name], key=str.casefold):
            if child not in path:
                visit(child, depth + 1, path | {child})

    for top in tops:
        visit(top, 0, frozenset({top}))
    return lines
