"""Taxonomy loading shared by the corpus generator and the naive checker.

The bench reads ``taxonomy.yaml`` with PyYAML ``safe_load``. Its shape::

    tags:
      <canonical>:
        description: str
        parents: [<canonical>, ...]
        aliases: [str, ...]
        deprecated: bool
        replaced_by: <canonical>
    exclusive:
      <group>: [<canonical>, ...]
    case_sensitive: false

Until the project's own ``taxonomy.yaml`` exists, :data:`FALLBACK_TAXONOMY` (same shape)
is used. The switch is automatic: :func:`find_taxonomy` prefers the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent


def _t(desc: str, parents=(), aliases=(), deprecated=False, replaced_by=None) -> dict:
    d: dict[str, Any] = {"description": desc, "parents": list(parents), "aliases": list(aliases)}
    if deprecated:
        d["deprecated"] = True
    if replaced_by:
        d["replaced_by"] = replaced_by
    return d


FALLBACK_TAXONOMY: dict[str, Any] = {
    "case_sensitive": False,
    "tags": {
        "programming": _t("Software development", aliases=["coding", "dev"]),
        "python": _t("The Python language", ["programming"], ["py", "python3"]),
        "rust": _t("The Rust language", ["programming"], ["rustlang"]),
        "javascript": _t("JavaScript", ["programming"], ["js", "ecmascript"]),
        "typescript": _t("TypeScript", ["javascript"], ["ts"]),
        "go": _t("The Go language", ["programming"], ["golang"]),
        "testing": _t("Software testing", ["programming"], ["tests"]),
        "databases": _t("Databases", ["programming"], ["db", "database"]),
        "postgres": _t("PostgreSQL", ["databases"], ["postgresql", "pg"]),
        "sqlite": _t("SQLite", ["databases"]),
        "science": _t("Science", aliases=["sci"]),
        "physics": _t("Physics", ["science"]),
        "biology": _t("Biology", ["science"], ["bio"]),
        "chemistry": _t("Chemistry", ["science"], ["chem"]),
        "astronomy": _t("Astronomy", ["physics"], ["astro"]),
        "machine-learning": _t("Machine learning", ["science", "programming"], ["ml"]),
        "deep-learning": _t("Deep learning", ["machine-learning"], ["dl"]),
        "cooking": _t("Cooking", aliases=["food"]),
        "baking": _t("Baking", ["cooking"]),
        "recipes": _t("Recipes", ["cooking"], ["recipe"]),
        "travel": _t("Travel", aliases=["trips"]),
        "europe": _t("Europe", ["travel"]),
        "asia": _t("Asia", ["travel"]),
        "books": _t("Books", aliases=["reading"]),
        "fiction": _t("Fiction", ["books"], ["novels"]),
        "non-fiction": _t("Non-fiction", ["books"], ["nonfiction"]),
        "music": _t("Music"),
        "jazz": _t("Jazz", ["music"]),
        "health": _t("Health", aliases=["wellness"]),
        "running": _t("Running", ["health"], ["jogging"]),
        "finance": _t("Personal finance", aliases=["money"]),
        "investing": _t("Investing", ["finance"]),
        "draft": _t("Work in progress", aliases=["wip"]),
        "published": _t("Published"),
        "archived": _t("No longer maintained"),
        "idea": _t("An idea"),
        "todo": _t("Something to do", aliases=["to-do"]),
        "done": _t("Done"),
        "js-frameworks": _t("Old name", ["javascript"], deprecated=True, replaced_by="javascript"),
        "py2": _t("Python 2", ["python"], deprecated=True, replaced_by="python"),
        "ai": _t("Old umbrella", deprecated=True, replaced_by="machine-learning"),
        "nosql": _t("Old name", ["databases"], deprecated=True, replaced_by="databases"),
        "cookery": _t("Old name", deprecated=True, replaced_by="cooking"),
    },
    "exclusive": {
        "status": ["draft", "published", "archived"],
        "task": ["idea", "todo", "done"],
    },
}


def find_taxonomy(taxonomy_path: str | Path = "taxonomy.yaml") -> Path | None:
    """The taxonomy file to use, or None for the built-in fallback."""
    p = Path(taxonomy_path)
    candidates = [p] if p.is_absolute() else [Path.cwd() / p, REPO_ROOT / p]
    for c in candidates:
        if c.is_file():
            return c
    return None


def load_raw(taxonomy_path: str | Path = "taxonomy.yaml") -> tuple[dict, str]:
    """(raw taxonomy dict, source description)."""
    path = find_taxonomy(taxonomy_path)
    if path is None:
        return FALLBACK_TAXONOMY, "builtin-fallback"
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    return raw, str(path)


def raw_sha256(raw: dict) -> str:
    return hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Taxonomy:
    """A normalised view of a raw taxonomy dict."""

    raw: dict
    case_sensitive: bool = False
    tags: dict[str, dict] = field(default_factory=dict)
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    deprecated: dict[str, str | None] = field(default_factory=dict)  # name -> replaced_by
    aliases: dict[str, str] = field(default_factory=dict)  # key(alias) -> canonical
    canon_by_key: dict[str, str] = field(default_factory=dict)  # key(name) -> canonical
    exclusive: dict[str, frozenset[str]] = field(default_factory=dict)
    group_of: dict[str, list[str]] = field(default_factory=dict)  # tag -> groups

    @classmethod
    def from_raw(cls, raw: dict) -> Taxonomy:
        tx = cls(raw=raw)
        tx.case_sensitive = bool(raw.get("case_sensitive", False))
        for name, info in (raw.get("tags") or {}).items():
            name = str(name)
            info = info or {}
            tx.tags[name] = info
            tx.parents[name] = tuple(str(p) for p in (info.get("parents") or []))
            if info.get("deprecated"):
                rb = info.get("replaced_by")
                tx.deprecated[name] = str(rb) if rb else None
            tx.canon_by_key[tx.key(name)] = name
        for name, info in tx.tags.items():
            for a in info.get("aliases") or []:
                a = str(a)
                if tx.key(a) not in tx.canon_by_key:
                    tx.aliases.setdefault(tx.key(a), name)
        for name in tx.tags:
            tx.ancestors[name] = frozenset(tx._walk_up(name))
        for g, members in (raw.get("exclusive") or {}).items():
            ms = frozenset(str(m) for m in members or [])
            tx.exclusive[str(g)] = ms
            for m in ms:
                tx.group_of.setdefault(m, []).append(str(g))
        return tx

    def key(self, s: str) -> str:
        return s if self.case_sensitive else s.lower()

    def _walk_up(self, name: str) -> set[str]:
        seen: set[str] = set()
        stack = list(self.parents.get(name, ()))
        while stack:
            p = stack.pop()
            if p in seen or p == name or p not in self.tags:
                continue
            seen.add(p)
            stack.extend(self.parents.get(p, ()))
        return seen

    def resolve(self, tag: str) -> tuple[str, str | None]:
        """(rule or "ok", resolved canonical name or None for unknown)."""
        if tag in self.tags:
            return ("deprecated-tag" if tag in self.deprecated else "ok"), tag
        k = self.key(tag)
        name = self.canon_by_key.get(k) or self.aliases.get(k)  # case variant, or alias
        if name is None:
            return "unknown-tag", None
        # An alias (or case variant) of a deprecated tag is reported as deprecated-tag.
        return ("deprecated-tag" if name in self.deprecated else "alias-tag"), name


def load(taxonomy_path: str | Path = "taxonomy.yaml") -> tuple[Taxonomy, str]:
    raw, source = load_raw(taxonomy_path)
    return Taxonomy.from_raw(raw), source
