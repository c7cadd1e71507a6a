"""Which platform a collection is written for (``dialect = "auto"``), and what its site config says.

Markers, looked for from the first checked path up to the repository root
(the directory holding ``.git``) or the file system root, nearest first:

- ``.obsidian/``: an Obsidian vault (Obsidian keeps a vault's settings there);
- ``_config.yml`` / ``_config.yaml`` / ``_config.toml``: a Jekyll site
  (https://jekyllrb.com/docs/configuration/);
- ``hugo.toml`` / ``hugo.yaml`` / ``hugo.json`` (Hugo 0.110+), or ``config.toml`` /
  ``config.yaml`` / ``config.json`` holding a Hugo setting (``baseURL``,
  ``taxonomies``, ``theme``, ...), at the site root or in ``config/_default/``:
  a Hugo site (https://gohugo.io/getting-started/configuration/).

For Hugo, the tag fields are the site's taxonomies: the plural names of its
``taxonomies`` map, ``tags`` and ``categories`` when it has none (Hugo's default).
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import replace
from typing import Any

from taglint.parse import dialects
from taglint.project.config import Config

_JEKYLL = ("_config.yml", "_config.yaml", "_config.toml")
_HUGO_NAMED = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_HUGO_GENERIC = ("config.toml", "config.yaml", "config.yml", "config.json")
# Settings only a Hugo site config holds (lower-cased: Hugo's keys are case-insensitive).
_HUGO_KEYS = frozenset(
    ("baseurl", "taxonomies", "theme", "languagecode", "defaultcontentlanguage", "disablekinds", "permalinks", "paginate")
)


def resolve(config: Config, start: str) -> Config:
    """``config`` with its dialect decided (``auto``: from the markers above ``start``) and its tag fields for it."""
    chosen = config.dialect
    site: str | None = None
    if chosen == "auto":
        chosen, reason, site = detect(start)
    else:
        where = os.path.basename(config.source) if config.source else "the options"
        reason = f'dialect = "{chosen}" set in {where}'
        if chosen == dialects.HUGO:
            site = _hugo_site_config(start)
    fields = config.tag_fields
    if "tag-fields" not in config.explicit:
        fields = dialects.default_tag_fields(chosen)
        if chosen == dialects.HUGO and site is not None:
            taxonomies = hugo_taxonomies(site)
            if taxonomies:
                fields = taxonomies
                reason += f"; tag fields from its taxonomies: {', '.join(fields)}"
    return replace(config, dialect=chosen, dialect_reason=reason, dialect_source=site, tag_fields=tuple(fields))


def detect(start: str) -> tuple[str, str, str | None]:
    """``(dialect, why, Hugo site config or None)`` for the collection holding ``start``."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        found = _marker(directory)
        if found is not None:
            return found
        if os.path.exists(os.path.join(directory, ".git")):
            break  # the repository root: a marker above it belongs to something else
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return dialects.GENERIC, "no .obsidian/, _config.yml or Hugo site config found", None


def _marker(directory: str) -> tuple[str, str, str | None] | None:
    if os.path.isdir(os.path.join(directory, ".obsidian")):
        return dialects.OBSIDIAN, f"Obsidian vault ({_shown(os.path.join(directory, '.obsidian'))}/ found)", None
    site = _hugo_config_in(directory)
    if site is not None:
        return dialects.HUGO, f"Hugo site ({_shown(site)} found)", site
    for name in _JEKYLL:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            return dialects.JEKYLL, f"Jekyll site ({_shown(path)} found)", None
    return None


def _hugo_config_in(directory: str) -> str | None:
    for base in (directory, os.path.join(directory, "config", "_default")):
        for name in _HUGO_NAMED:
            path = os.path.join(base, name)
            if os.path.isfile(path):
                return path
        for name in _HUGO_GENERIC:
            path = os.path.join(base, name)
            if os.path.isfile(path) and _HUGO_KEYS & {str(key).lower() for key in _read(path)}:
                return path
    return None


def _hugo_site_config(start: str) -> str | None:
    """The Hugo site config above ``start`` (for ``dialect = "hugo"`` set by hand), if any."""
    directory = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(os.path.abspath(start)))
    while True:
        found = _hugo_config_in(directory)
        if found is not None or os.path.exists(os.path.join(directory, ".git")):
            return found
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def hugo_taxonomies(path: str) -> tuple[str, ...]:
    """The plural names of the site's taxonomies (its ``taxonomies`` map, or a ``taxonomies`` file beside it)."""
    data = _read(path)
    taxonomies = next((value for key, value in data.items() if str(key).lower() == "taxonomies"), None)
    if taxonomies is None:
        for name in ("taxonomies.toml", "taxonomies.yaml", "taxonomies.yml", "taxonomies.json"):
            beside = os.path.join(os.path.dirname(path), name)
            if os.path.isfile(beside):
                taxonomies = _read(beside)
                break
    if not isinstance(taxonomies, dict):
        return ()
    return tuple(dict.fromkeys(str(plural) for plural in taxonomies.values() if isinstance(plural, str) and plural))


def _read(path: str) -> dict[str, Any]:
    """A site config's top-level settings, or {} when it cannot be read (the check then goes on without them)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(1024 * 1024)
        if path.endswith(".toml"):
            found: Any = tomllib.loads(data.decode("utf-8"))
        elif path.endswith(".json"):
            found = json.loads(data)
        else:
            import yaml

            found = yaml.safe_load(data)
    except Exception:  # a site config taglint cannot read is the site's business, not a finding
        return {}
    return found if isinstance(found, dict) else {}


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
