"""The taxonomy: canonical tags, aliases, parents (a DAG), deprecations, exclusive groups.

``load_taxonomy`` validates ``taxonomy.yaml`` against the shipped JSON Schema,
checks what a schema cannot (cycles, dangling names, alias clashes) with a
networkx graph, and compiles the result into a plain, picklable ``Taxonomy``
so checking a note needs neither networkx nor jsonschema.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from taglint.project.folding import folded_key, name_key
from taglint.project.located import DataFileErrors, Located, LocatedError, load_located, schema_errors
from taglint.project.schema import packaged_schema

Kind = Literal["canonical", "alias", "case", "form", "term"]
# Tag names kept in remembered closures before they are dropped (a few MB at most).
_CLOSURE_BUDGET = 1_000_000


@dataclass(frozen=True, slots=True)
class TagDef:
    name: str
    description: str = ""
    parents: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    deprecated: bool = False
    replaced_by: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a written tag relates to the taxonomy."""

    kind: Kind  # canonical: as declared; alias: a declared alias; case: differs only in case; form: only in Unicode form (NFD)
    canonical: str
    tag: TagDef


@dataclass(frozen=True, eq=False)  # identity hash: compiled once, used as a cache key
class Taxonomy:
    case_sensitive: bool
    tags: dict[str, TagDef]
    exclusive: dict[str, tuple[str, ...]]
    path: str = "taxonomy.yaml"
    # How spellings fold into one tag beyond case: "" (NFC, and lowercase unless case_sensitive), or "hugo"
    # (the key Hugo files a term under: one page for "Community Building" and "community-building").
    fold: str = ""
    # Derived indexes, built once by ``compile``.
    exact: dict[str, tuple[str, Kind]] = field(default_factory=dict, repr=False)
    folded: dict[str, tuple[str, Kind]] = field(default_factory=dict, repr=False)
    children: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    group_of: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # Resolutions already computed: a collection repeats the same few hundred spellings.
    _memo: dict[str, Resolution | None] = field(default_factory=dict, repr=False, compare=False)
    # Closures already computed, by the set of tags a note carries (notes repeat the same sets).
    _closures: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def resolve(self, name: str) -> Resolution | None:
        """Resolve a written tag, or None when the taxonomy does not know it."""
        try:
            return self._memo[name]
        except KeyError:
            pass
        if len(self._memo) > 100_000:  # bounded: hostile input can invent endless names
            self._memo.clear()
        found = self._memo[name] = self._resolve(name)
        return found

    def key(self, name: str) -> str:
        """What every spelling of one tag shares under this taxonomy's folding (``name_key``, or Hugo's term key)."""
        return folded_key(name, self.case_sensitive, self.fold)

    def _resolve(self, name: str) -> Resolution | None:
        hit = self.exact.get(name)
        if hit is not None:
            canonical, kind = hit
            return Resolution(kind, canonical, self.tags[canonical])
        folded = self.folded.get(self.key(name))
        if folded is None:
            return None
        canonical, kind = folded
        if kind != "canonical":
            return Resolution("alias", canonical, self.tags[canonical])  # any spelling of an alias is still an alias
        nfc = unicodedata.normalize("NFC", name)
        if nfc == canonical:
            return Resolution("form", canonical, self.tags[canonical])
        same_case = name_key(name, False) == name_key(canonical, False)
        return Resolution("case" if same_case else "term", canonical, self.tags[canonical])

    def with_ancestors(self, names: Iterable[str]) -> frozenset[str]:
        """``names`` and every ancestor of each, walked on demand.

        Ancestor sets are never stored per tag: a chain of 10,000 parents would
        make that 50 million entries (2.8 GB and 74 s for one check). A note's
        closure is walked once and remembered for the next note with the same
        tags; the memory bound below keeps hostile taxonomies from growing it.
        """
        key = frozenset(names)
        found = self._closures.get(key)
        if found is None:
            found = frozenset(self._walk(key, self.tags_parents))
            if sum(len(v) for v in self._closures.values()) > _CLOSURE_BUDGET:
                self._closures.clear()
            self._closures[key] = found
        return found

    def is_ancestor(self, ancestor: str, of: str) -> bool:
        """Whether ``ancestor`` lies above ``of`` (a parent, a parent's parent, ...)."""
        seen: set[str] = set()
        stack = list(self.tags_parents(of))
        while stack:
            name = stack.pop()
            if name == ancestor:
                return True
            if name not in seen:
                seen.add(name)
                stack.extend(self.tags_parents(name))
        return False

    def with_descendants(self, names: Iterable[str]) -> set[str]:
        """``names`` and every tag below any of them."""
        return self._walk(frozenset(names), lambda name: self.children.get(name, ()))

    def tags_parents(self, name: str) -> tuple[str, ...]:
        tag = self.tags.get(name)
        return tag.parents if tag is not None else ()

    @staticmethod
    def _walk(start: frozenset[str], step: Any) -> set[str]:
        found = set(start)
        stack = list(start)
        while stack:
            for nxt in step(stack.pop()):
                if nxt not in found:
                    found.add(nxt)
                    stack.append(nxt)
        return found

    def graph(self) -> Any:
        """The parent DAG as a networkx DiGraph with edges child -> parent."""
        import networkx as nx

        graph: Any = nx.DiGraph()
        for tag in self.tags.values():
            graph.add_node(tag.name, deprecated=tag.deprecated)
            for parent in tag.parents:
                graph.add_edge(tag.name, parent)
        return graph


def compile_taxonomy(
    tags: dict[str, TagDef], exclusive: dict[str, tuple[str, ...]], case_sensitive: bool, path: str, fold: str = ""
) -> Taxonomy:
    exact: dict[str, tuple[str, Kind]] = {}
    folded: dict[str, tuple[str, Kind]] = {}
    for tag in tags.values():
        exact[tag.name] = (tag.name, "canonical")
        folded.setdefault(folded_key(tag.name, case_sensitive, fold), (tag.name, "canonical"))
    for tag in tags.values():
        for alias in tag.aliases:
            exact.setdefault(alias, (tag.name, "alias"))
            folded.setdefault(folded_key(alias, case_sensitive, fold), (tag.name, "alias"))
    children: dict[str, list[str]] = {}
    for tag in tags.values():
        for parent in tag.parents:
            children.setdefault(parent, []).append(tag.name)
    group_of: dict[str, list[str]] = {}
    for group, members in exclusive.items():
        for member in members:
            group_of.setdefault(member, []).append(group)
    return Taxonomy(
        case_sensitive=case_sensitive,
        tags=tags,
        exclusive=exclusive,
        path=path,
        fold=fold,
        exact=exact,
        folded=folded,
        children={k: tuple(v) for k, v in children.items()},
        group_of={k: tuple(v) for k, v in group_of.items()},
    )


def for_dialect(taxonomy: Taxonomy, dialect: str) -> Taxonomy:
    """``taxonomy`` as a dialect's platform compares spellings: Obsidian folds case (``#NLP`` and ``#nlp``
    are one tag in its tag pane and search), Hugo files terms under one key (``hugo_term_key``)."""
    if dialect == "hugo" and taxonomy.fold != "hugo":
        return compile_taxonomy(taxonomy.tags, taxonomy.exclusive, False, taxonomy.path, "hugo")
    if dialect == "obsidian" and taxonomy.case_sensitive:
        return compile_taxonomy(taxonomy.tags, taxonomy.exclusive, False, taxonomy.path, taxonomy.fold)
    return taxonomy


class TaxonomyMissing(DataFileErrors):
    """The taxonomy file does not exist (``taglint check`` then checks the spellings against each other)."""


def empty_taxonomy(path: str) -> Taxonomy:
    """A taxonomy without tags, for a run without a taxonomy file."""
    return compile_taxonomy({}, {}, False, path)


def load_taxonomy(path: str, text: str | None = None) -> Taxonomy:
    """Read, validate and compile a taxonomy file; raise DataFileErrors listing every problem."""
    if text is None:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            raise TaxonomyMissing(
                [LocatedError(path, 1, 1, "no taxonomy here; write a starting one from your notes with `taglint init`")]
            ) from None
        except OSError as exc:
            raise DataFileErrors([LocatedError(path, 1, 1, f"cannot read taxonomy: {exc.strerror}")]) from None
        except UnicodeDecodeError:
            raise DataFileErrors([LocatedError(path, 1, 1, "taxonomy is not valid UTF-8")]) from None
    doc = load_located(path, text)
    if doc.data is None:
        raise DataFileErrors([LocatedError(path, 1, 1, 'taxonomy is empty; it needs at least a "tags:" mapping')])
    errors = schema_errors(doc, packaged_schema("taxonomy.schema.json"))
    if errors:
        raise DataFileErrors(errors)
    return _build(doc)


def _build(doc: Located) -> Taxonomy:
    data = doc.data
    case_sensitive = bool(data.get("case_sensitive", False))
    raw_tags: dict[str, Any] = {str(k): (v or {}) for k, v in (data.get("tags") or {}).items()}
    tags = {
        name: TagDef(
            name=name,
            description=str(spec.get("description", "")),
            parents=tuple(spec.get("parents", ())),
            aliases=tuple(spec.get("aliases", ())),
            deprecated=bool(spec.get("deprecated", False)),
            replaced_by=spec.get("replaced_by"),
        )
        for name, spec in raw_tags.items()
    }
    exclusive = {str(g): tuple(m) for g, m in (data.get("exclusive") or {}).items()}
    errors = list(_semantic_errors(doc, tags, exclusive, case_sensitive))
    graph = _graph(tags)
    errors.extend(_cycle_errors(doc, graph))
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise DataFileErrors(errors)
    return compile_taxonomy(tags, exclusive, case_sensitive, doc.path)


def _graph(tags: dict[str, TagDef]) -> Any:
    import networkx as nx

    graph: Any = nx.DiGraph()
    graph.add_nodes_from(tags)
    for tag in tags.values():
        graph.add_edges_from((tag.name, p) for p in tag.parents if p in tags)
    return graph


def _semantic_errors(
    doc: Located, tags: dict[str, TagDef], exclusive: dict[str, tuple[str, ...]], case_sensitive: bool
) -> Iterable[LocatedError]:
    def key(name: str) -> str:
        return name_key(name, case_sensitive)

    canonical_by_key: dict[str, str] = {}
    for name in tags:
        other = canonical_by_key.get(key(name))
        if other is not None and name_key(name, True) == name_key(other, True):
            yield doc.error(
                ["tags", name], f'tag "{name}" is tag "{other}" written in another Unicode form (NFC/NFD); declare it once', key=True
            )
        elif other is not None:
            yield doc.error(
                ["tags", name],
                f'tag "{name}" differs from tag "{other}" only in case; with case_sensitive: false they are the same tag',
                key=True,
            )
        else:
            canonical_by_key[key(name)] = name
    alias_owner: dict[str, tuple[str, str]] = {}
    for tag in tags.values():
        for index, parent in enumerate(tag.parents):
            if parent not in tags:
                yield doc.error(
                    ["tags", tag.name, "parents", index],
                    f'parent "{parent}" of "{tag.name}" is not a canonical tag{_hint(parent, tags, key)}',
                )
            elif parent == tag.name:
                yield doc.error(["tags", tag.name, "parents", index], f'"{tag.name}" lists itself as a parent')
        for index, alias in enumerate(tag.aliases):
            where = ["tags", tag.name, "aliases", index]
            if key(alias) in canonical_by_key:
                target = canonical_by_key[key(alias)]
                what = "is itself" if target == alias else f'is the same as canonical tag "{target}" ignoring case; it is'
                if target == tag.name and alias != tag.name and not case_sensitive:
                    # A case variant of its own tag is harmless: it already resolves there.
                    continue
                yield doc.error(where, f'alias "{alias}" of "{tag.name}" {what} a canonical tag')
            elif key(alias) in alias_owner and alias_owner[key(alias)][0] != tag.name:
                owner, _spelled = alias_owner[key(alias)]
                yield doc.error(where, f'alias "{alias}" of "{tag.name}" is already an alias of "{owner}"')
            else:
                alias_owner[key(alias)] = (tag.name, alias)
        if tag.replaced_by is not None:
            where = ["tags", tag.name, "replaced_by"]
            if tag.replaced_by not in tags:
                yield doc.error(
                    where, f'replaced_by "{tag.replaced_by}" of "{tag.name}" is not a canonical tag{_hint(tag.replaced_by, tags, key)}'
                )
            elif tags[tag.replaced_by].deprecated:
                yield doc.error(where, f'replaced_by "{tag.replaced_by}" of "{tag.name}" is itself deprecated; point at its replacement')
            if not tag.deprecated:
                yield doc.error(where, f'"{tag.name}" has replaced_by but is not marked deprecated: true')
    for group, members in exclusive.items():
        for index, member in enumerate(members):
            if member not in tags:
                yield doc.error(
                    ["exclusive", group, index],
                    f'exclusive group "{group}" member "{member}" is not a canonical tag{_hint(member, tags, key)}',
                )


def _hint(name: str, tags: dict[str, TagDef], key: Any) -> str:
    for tag in tags.values():
        if key(name) == key(tag.name) or name in tag.aliases:
            return f' (did you mean "{tag.name}"?)'
    return ""


def _cycle_errors(doc: Located, graph: Any) -> Iterable[LocatedError]:
    import networkx as nx

    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        cycle = nx.find_cycle(graph.subgraph(component))
        names = [edge[0] for edge in cycle] + [cycle[0][0]]
        first = cycle[0][0]
        yield doc.error(["tags", first, "parents"], "parent cycle: " + " -> ".join(f'"{n}"' for n in names))
