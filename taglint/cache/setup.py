"""Compiled-setup entries: the taxonomy, rule sets and severities a run loaded, and the files they came from.

Loading a taxonomy validates it with jsonschema, walks it with networkx and
parses it with ruamel.yaml: more than the whole check of one note costs. The
pre-commit case checks a handful of notes per run, so the compiled result is
a record of the store (``taglint.cache.store``), by default in the per-user
cache directory (a pull request cannot plant one there), keyed on the
settings and listing the digest of every input (``setup_inputs``). It is used
only while every input digests the same.

``setup_inputs`` is also what the result cache and the pre-commit plan are
keyed on: all three kinds of entry follow the same files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from taglint.cache.fingerprint import fingerprint, fingerprints
from taglint.cache.store import Store
from taglint.model import Severity
from taglint.project.config import Config
from taglint.project.locations import user_cache_dir
from taglint.project.ruleset import CustomRule, FieldCondition, RuleSet, rule_files
from taglint.project.setup import Setup
from taglint.project.taxonomy import TagDef, Taxonomy, compile_taxonomy

KIND = "setup"
Fingerprints = list[list[str | None]]


def input_paths(config: Config) -> list[str]:
    """The files a setup is built from that the config alone names; the rule sets may name more (note schemas).

    The rules directory is one: its listing changes when a rule file appears,
    even in a project that had no rules directory yet.
    """
    paths = [config.source] if config.source else []
    if config.dialect_source:
        paths.append(config.dialect_source)  # a Hugo site config: its taxonomies are the tag fields
    paths.append(config.taxonomy_path)
    if config.rules is not None:
        rules = config.resolve(config.rules)
        paths.append(rules)
        if config.rules_path is not None:
            paths.extend(rule_files(rules))
    return paths


def setup_inputs(setup: Setup) -> Fingerprints:
    """The ``[path, digest]`` of every file ``setup`` was built from.

    Taken before the setup was loaded when it went through this cache (an edit
    made during the load then leaves a stale record, not a wrong one); else
    taken now, once per setup.
    """
    found: Fingerprints | None = setup.derived.get("inputs")
    if found is None:
        found = setup.derived["inputs"] = fingerprints([*input_paths(setup.config), *setup.ruleset.sources])
    return found


def _settings(config: Config, select: Sequence[str], ignore: Sequence[str]) -> list[Any]:
    settings = {k: v for k, v in asdict(config).items() if k != "explicit"}
    return [settings, sorted(config.explicit), list(select), list(ignore)]


def _encode(setup: Setup) -> dict[str, Any]:
    taxonomy, ruleset = setup.taxonomy, setup.ruleset
    return {
        "taxonomy": {
            "case_sensitive": taxonomy.case_sensitive,
            "path": taxonomy.path,
            "tags": [asdict(tag) for tag in taxonomy.tags.values()],
            "exclusive": {group: list(members) for group, members in taxonomy.exclusive.items()},
        },
        "ruleset": {
            "required_fields": list(ruleset.required_fields),
            "severities": [list(pair) for pair in ruleset.severities],
            "note_schema": ruleset.note_schema,
            "custom": [asdict(rule) for rule in ruleset.custom],
            "sources": list(ruleset.sources),
        },
        "severities": {name: level.value if level else None for name, level in setup.severities.items()},
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
    )
    rs = data["ruleset"]
    custom = []
    for spec in rs["custom"]:
        fields = tuple(FieldCondition(**f) for f in spec.pop("fields"))
        tuples = {k: tuple(v) for k, v in spec.items() if isinstance(v, list)}
        custom.append(CustomRule(**{**spec, **tuples, "fields": fields}))
    ruleset = RuleSet(
        tuple(rs["required_fields"]),
        tuple(tuple(pair) for pair in rs["severities"]),
        rs["note_schema"],
        tuple(custom),
        tuple(rs["sources"]),
    )
    severities = {name: Severity(level) if level else None for name, level in data["severities"].items()}
    return Setup(config, taxonomy, ruleset, severities)


def _store(directory: str | None) -> Store:
    return Store(directory if directory is not None else user_cache_dir())


def lookup(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = (), directory: str | None = None) -> Setup | None:
    """The stored setup for these settings while every file it was built from is unchanged, else None."""
    found = _store(directory).get(KIND, _settings(config, select, ignore))
    if found is None:
        return None
    data, inputs = found
    try:
        setup = _decode(config, data)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None  # another layout: load afresh, and store anew
    setup.derived["inputs"] = inputs
    return setup


def store(
    setup: Setup, select: Sequence[str] = (), ignore: Sequence[str] = (), directory: str | None = None, before: Fingerprints | None = None
) -> None:
    """Remember ``setup`` (loaded with these select/ignore options) for ``lookup``.

    ``before``: the fingerprints of ``input_paths`` taken before the load. The
    note schemas are only known after it; they are fingerprinted now.
    """
    taken = {item[0]: item for item in before or ()}
    paths = dict.fromkeys([*input_paths(setup.config), *setup.ruleset.sources])
    inputs = [taken[path] if path in taken else fingerprint(path) for path in paths]
    setup.derived["inputs"] = inputs
    _store(directory).put(KIND, _settings(setup.config, select, ignore), inputs, _encode(setup))
