"""Remember the compiled setup (taxonomy, rule sets, severities) between runs.

Loading a taxonomy validates it with jsonschema, walks it with networkx and
parses it with ruamel.yaml: more than the whole check of one note costs. The
pre-commit case checks a handful of notes per run, so the compiled result is
stored as JSON (never pickle: a cache file in a repository must not run code)
next to the result cache, with the SHA-256 of every file it was built from.
A stored setup is used only while all of those files still hash the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from taglint._version import __version__
from taglint.project.config import Config
from taglint.project.locations import user_cache_dir
from taglint.model import Severity
from taglint.project.ruleset import CustomRule, FieldCondition, RuleSet, rule_files
from taglint.project.setup import Setup
from taglint.project.taxonomy import TagDef, Taxonomy, compile_taxonomy

FORMAT = 1


def _digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return "missing"


def _inputs(config: Config) -> list[str]:
    """Files that can change the setup before it is loaded (the rule set may name more)."""
    files = [config.taxonomy_path]
    if config.source:
        files.append(config.source)
    rules = config.rules_path
    if rules:
        files.extend(rule_files(rules))
    return files


def _key(config: Config, select: Sequence[str], ignore: Sequence[str]) -> str:
    settings = {k: v for k, v in asdict(config).items() if k != "explicit"}
    material = json.dumps([FORMAT, __version__, settings, sorted(config.explicit), list(select), list(ignore)], default=str, sort_keys=True)
    digest = hashlib.sha256(material.encode())
    for path in _inputs(config):
        digest.update(path.encode() + b"\0" + _digest(path).encode())
    return digest.hexdigest()[:32]


def _encode(setup: Setup) -> dict[str, Any]:
    taxonomy, ruleset = setup.taxonomy, setup.ruleset
    return {
        "taxonomy": {
            "case_sensitive": taxonomy.case_sensitive,
            "path": taxonomy.path,
            "tags": [asdict(tag) for tag in taxonomy.tags.values()],
            "exclusive": {group: list(members) for group, members in taxonomy.exclusive.items()},
            "ancestors": {name: sorted(found) for name, found in taxonomy.ancestors.items()},
        },
        "ruleset": {
            "required_fields": list(ruleset.required_fields),
            "severities": [list(pair) for pair in ruleset.severities],
            "note_schema": ruleset.note_schema,
            "custom": [asdict(rule) for rule in ruleset.custom],
            "sources": list(ruleset.sources),
        },
        "severities": {name: level.value if level else None for name, level in setup.severities.items()},
        "depends": {path: _digest(path) for path in ruleset.sources},
    }


def _decode(config: Config, data: dict[str, Any]) -> Setup:
    tax = data["taxonomy"]
    tags = {}
    for spec in tax["tags"]:
        spec = dict(spec, parents=tuple(spec["parents"]), aliases=tuple(spec["aliases"]))
        tags[spec["name"]] = TagDef(**spec)
    taxonomy: Taxonomy = compile_taxonomy(
        tags,
        {group: tuple(members) for group, members in tax["exclusive"].items()},
        tax["case_sensitive"],
        tax["path"],
        {name: frozenset(found) for name, found in tax["ancestors"].items()},
    )
    rs = data["ruleset"]
    custom = []
    for spec in rs["custom"]:
        fields = tuple(FieldCondition(**f) for f in spec.pop("fields"))
        tuples = {k: tuple(v) for k, v in spec.items() if isinstance(v, list)}
        custom.append(CustomRule(**{**spec, **tuples, "fields": fields}))
    ruleset = RuleSet(
        tuple(rs["required_fields"]), tuple(tuple(pair) for pair in rs["severities"]), rs["note_schema"], tuple(custom), tuple(rs["sources"])
    )
    severities = {name: Severity(level) if level else None for name, level in data["severities"].items()}
    return Setup(config, taxonomy, ruleset, severities)


def _path(config: Config, select: Sequence[str], ignore: Sequence[str], directory: str | None) -> str:
    where = directory if directory is not None else user_cache_dir()
    return os.path.join(where, f"setup-{_key(config, select, ignore)}.json")


def lookup(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = (), directory: str | None = None) -> Setup | None:
    """The stored setup for these settings while every file it was built from is unchanged, else None."""
    try:
        with open(_path(config, select, ignore, directory), encoding="utf-8") as handle:
            data = json.load(handle)
        if all(_digest(dep) == digest for dep, digest in data["depends"].items()):
            return _decode(config, data)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no usable entry
    return None


def store(setup: Setup, select: Sequence[str] = (), ignore: Sequence[str] = (), directory: str | None = None) -> None:
    """Remember ``setup`` (loaded with these select/ignore options) for ``lookup``."""
    store_json(_path(setup.config, select, ignore, directory), _encode(setup))


def store_json(path: str, data: dict[str, Any]) -> None:
    """Write ``data`` to ``path`` in the cache directory atomically; a failure only costs time."""
    import tempfile  # only here: a run that finds its setup stored writes nothing, and the import costs ~2 ms

    where = os.path.dirname(path)
    try:
        os.makedirs(where, exist_ok=True)
        ignore = os.path.join(where, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# Created by taglint: the cache is never worth committing.\n*\n")
        fd, temp = tempfile.mkstemp(prefix=".setup-", suffix=".tmp", dir=where)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(temp, path)
    except OSError:
        pass  # an unwritable cache only costs time
