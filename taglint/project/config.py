"""Configuration: ``taglint.toml`` or ``[tool.taglint]`` in ``pyproject.toml``, found by walking up."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from taglint.project.located import DataFileErrors, LocatedError
from taglint.project.locations import locate_config
from taglint.project.schema import humanize, packaged_schema, validate
from taglint.project.schema_fast import certainly_valid

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx")
# Never descend into these: version control, dependencies, caches.


@dataclass(frozen=True)
class Config:
    root: str  # paths in the config are relative to this directory
    source: str | None = None  # the file the settings came from
    taxonomy: str = "taxonomy.yaml"
    rules: str | None = "rules"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    tag_fields: tuple[str, ...] = ("tags", "tag")
    inline_tags: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    cache_dir: str = ".taglint_cache"
    force_exclude: bool = False
    respect_gitignore: bool = True  # skip what git ignores when walking directories (inside a git work tree)
    # How notes are read (``parse.dialects``): "auto" until ``project.dialects.resolve`` decides it.
    dialect: str = "auto"
    dialect_reason: str = ""  # why that dialect (printed by --verbose and in init's header)
    dialect_source: str | None = None  # the Hugo site config its tag fields came from (a setup input)
    front_matter_hash: str = "auto"  # obsidian: "without" reports a "#" in a tag field, "with" accepts it, "auto" follows the notes
    explicit: frozenset[str] = field(default_factory=frozenset)  # keys the user set
    from_command_line: frozenset[str] = field(default_factory=frozenset)  # keys given as options, not in a file

    def resolve(self, path: str) -> str:
        return path if os.path.isabs(path) else os.path.normpath(os.path.join(self.root, path))

    @property
    def taxonomy_path(self) -> str:
        return self.resolve(self.taxonomy)

    @property
    def rules_path(self) -> str | None:
        if self.rules is None:
            return None
        path = self.resolve(self.rules)
        # The default rules/ is optional; one the user named must exist.
        if not os.path.exists(path) and "rules" not in self.explicit:
            return None
        return path


def _key_line(text: str, key: str, table: Sequence[str] = ()) -> int:
    start = 0
    if table:
        # In pyproject.toml the same key may appear in another tool's table first.
        header = re.search(r"^[ \t]*\[[ \t]*" + r"\s*\.\s*".join(map(re.escape, table)) + r"\s*\]", text, re.MULTILINE)
        start = header.end() if header else 0
    match = re.compile(rf'^[ \t]*"?{re.escape(key)}"?[ \t]*=', re.MULTILINE).search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def parse_config(path: str, text: str, table: Sequence[str] = ()) -> Config:
    """Read settings from a TOML file; ``table`` is the key path (``tool.taglint`` in pyproject)."""
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        raise DataFileErrors([LocatedError(path, line, col, f"not valid TOML: {exc}")]) from None
    for step in table:
        data = data.get(step, {})
    errors: list[LocatedError] = []
    schema = packaged_schema("config.schema.json")
    # jsonschema (and its import) only when the config is not plainly valid.
    for error in () if certainly_valid(data, schema) else validate(data, schema):
        steps = list(error.absolute_path)
        if error.validator == "additionalProperties":
            for extra in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                errors.append(LocatedError(path, _key_line(text, str(extra), table), 1, f'unknown setting "{extra}"'))
            continue
        key = str(steps[0]) if steps else ""
        errors.append(LocatedError(path, _key_line(text, key, table) if key else 1, 1, humanize(error)))
    if errors:
        raise DataFileErrors(errors)
    return Config(
        root=os.path.dirname(os.path.abspath(path)),
        source=path,
        taxonomy=data.get("taxonomy", "taxonomy.yaml"),
        rules=data.get("rules", "rules"),
        include=tuple(data.get("include", DEFAULT_INCLUDE)),
        exclude=tuple(data.get("exclude", ())) + tuple(data.get("extend-exclude", ())),
        tag_fields=tuple(data.get("tag-fields", ("tags", "tag"))),
        inline_tags=bool(data.get("inline-tags", False)),
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        per_file_ignores=tuple((k, tuple(v)) for k, v in data.get("per-file-ignores", {}).items()),
        cache_dir=data.get("cache-dir", ".taglint_cache"),
        force_exclude=bool(data.get("force-exclude", False)),
        respect_gitignore=bool(data.get("respect-gitignore", True)),
        dialect=data.get("dialect", "auto"),
        front_matter_hash=data.get("front-matter-hash", "auto"),
        explicit=frozenset(data),
    )


def rule_name_errors(config: Config, unknown: Callable[[Sequence[str]], list[str]]) -> list[LocatedError]:
    """Located errors for rule names in select/ignore/per-file-ignores that ``unknown`` rejects."""
    if config.source is None:
        return []
    entries = [("select", config.select), ("ignore", config.ignore)]
    entries += [("per-file-ignores", rules) for _, rules in config.per_file_ignores]
    bad = [(key, name) for key, names in entries for name in unknown(names)]
    if not bad:
        return []
    try:
        with open(config.source, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        text = ""
    table = ("tool", "taglint") if os.path.basename(config.source) == "pyproject.toml" else ()
    found = [
        LocatedError(config.source, _key_line(text, key, table), 1, f'{key}: unknown rule "{name}"; see `taglint rules`')
        for key, name in bad
    ]
    return sorted(found, key=lambda e: e.line)


def load_config_file(path: str) -> Config:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise DataFileErrors([LocatedError(path, 1, 1, f"cannot read config: {exc.strerror}")]) from None
    if os.path.basename(path) == "pyproject.toml":
        return parse_config(path, text, ("tool", "taglint"))
    return parse_config(path, text)


def find_config(start: str) -> Config:
    """Walk up from ``start`` to the first taglint.toml, pyproject.toml with [tool.taglint], or taxonomy.yaml."""
    source, root = locate_config(start)
    return load_config_file(source) if source is not None else Config(root=root)


def with_overrides(config: Config, **changes: Any) -> Config:
    """``config`` with command-line values applied (None means "not given")."""
    given = {k: v for k, v in changes.items() if v is not None}
    keys = frozenset(k.replace("_", "-") if k != "rules" else k for k in given)
    return replace(config, explicit=config.explicit | keys, from_command_line=config.from_command_line | keys, **given)


# Settings naming a path: a config file (or a default) may only point inside the project.
_PATH_SETTINGS = (("taxonomy", "taxonomy"), ("rules", "rules"), ("cache-dir", "cache_dir"))


def confinement_errors(config: Config) -> list[LocatedError]:
    """Located errors for each path a config file (or a default) names that resolves outside the project root.

    A pull request can change the config and commit symlinks, so without this a
    CI run could read ``/abs/secret.yaml`` as the taxonomy, or write its cache
    anywhere. A path given on the command line is the user's own choice.
    """
    from taglint.files.read import inside

    root = os.path.realpath(config.root)
    errors: list[LocatedError] = []
    text: str | None = None
    for key, attr in _PATH_SETTINGS:
        value = getattr(config, attr)
        if value is None or key in config.from_command_line:
            continue
        real = os.path.realpath(config.resolve(value))
        if inside(real, [root]):
            continue
        how = "is a symlink that leads" if real != os.path.abspath(config.resolve(value)) else "lies"
        message = f'{key}: "{value}" {how} outside the project ({config.root}); a config file may only name paths inside it (give --{key} on the command line to use another)'
        if key in config.explicit and config.source is not None:
            if text is None:
                text = _read_quietly(config.source)
            table = ("tool", "taglint") if os.path.basename(config.source) == "pyproject.toml" else ()
            errors.append(LocatedError(config.source, _key_line(text, key, table), 1, message))
        else:  # a default (taxonomy.yaml, rules/) that is a symlink out of the project
            errors.append(LocatedError(config.resolve(value), 1, 1, message))
    return errors


def require_confined(config: Config) -> Config:
    """``config`` itself when every path it names stays inside the project; else raise DataFileErrors."""
    errors = confinement_errors(config)
    if errors:
        raise DataFileErrors(errors)
    return config


def _read_quietly(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return ""
