"""The projects the open notes belong to: loaded once, loaded again when their files change.

A note belongs to the project ``taglint check`` would use for it: the config
found walking up from its directory (``taglint.api.load_config``). Each
project is loaded once (``load_project``, answered by the setup cache while
the taxonomy, rule sets and config are unchanged) and forgotten when any of
those files changes, so the next request loads what is on disk. A project
that fails to load keeps its located errors, which the server shows in the
files they point at; its notes are not checked until it loads.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from taglint import api


class TagCounts:
    """How many notes of the collection carry each canonical tag (for hover), kept current note by note.

    The first count scans the collection (``api.collection_tags``) once, in a
    thread; after that a saved or changed note updates only its own entry.
    """

    def __init__(self, project: api.Setup) -> None:
        self._project = project
        self._by_note: dict[str, frozenset[str]] = {}
        self._totals: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._built = threading.Event()

    def build(self) -> None:
        """Scan the collection (blocking; run it in a worker thread)."""
        with self._lock:
            if self._built.is_set():
                return
            for path, tags in api.collection_tags(self._project):
                self._set(os.path.abspath(path), tags)
            self._built.set()

    @property
    def built(self) -> bool:
        return self._built.is_set()

    def count(self, tag: str) -> int:
        """Notes carrying ``tag`` (call ``build`` first)."""
        return self._totals[tag]

    def update(self, path: str, tags: frozenset[str] | None) -> None:
        """A note's canonical tags changed (None: the note is gone)."""
        with self._lock:
            if not self._built.is_set():
                return  # the scan will read it
            self._set(os.path.abspath(path), tags)

    def _set(self, path: str, tags: frozenset[str] | None) -> None:
        old = self._by_note.pop(path, frozenset())
        self._totals.subtract(old)
        if tags is not None:
            self._by_note[path] = tags
            self._totals.update(tags)


@dataclass
class Project:
    """One project: its setup when it loaded, else the located errors that kept it from loading."""

    root: str
    setup: api.Setup | None
    errors: Sequence[Exception] = ()  # LocatedError: path, line, column, message
    counts: TagCounts | None = field(default=None, repr=False)

    @property
    def data_files(self) -> list[str]:
        """The project's own files that a change reloads it for, and where its taxonomy findings go."""
        if self.setup is None:
            return []
        config = self.setup.config
        found = [config.taxonomy_path]
        if config.source:
            found.append(config.source)
        return found


class Projects:
    """Projects by config, and which config each directory's notes use."""

    def __init__(self) -> None:
        self._by_config: dict[tuple[str, str | None], Project] = {}
        self._config_of: dict[str, tuple[str, str | None]] = {}  # directory -> config key

    def for_path(self, path: str) -> Project:
        """The project of the note at ``path``, loaded on first use."""
        directory = os.path.dirname(os.path.abspath(path))
        key = self._config_of.get(directory)
        if key is not None:
            return self._by_config[key]
        try:
            config = api.load_config([path])
        except api.ProjectError as exc:  # a broken taglint.toml: no root to share, the directory stands for it
            key = (directory, None)
            project = self._by_config.setdefault(key, Project(directory, None, exc.errors))
        else:
            key = (config.root, config.source)
            project = self._by_config.get(key) or self._load(config.root, key)
        self._config_of[directory] = key
        return project

    def _load(self, root: str, key: tuple[str, str | None]) -> Project:
        try:
            setup = api.load_project([root])
        except api.ProjectError as exc:
            project = Project(root, None, exc.errors)
        except api.OptionsError as exc:  # a rule name the config selects that no rule has: reported at the config
            project = Project(root, None, [ValueError(str(exc))])
        else:
            project = Project(root, setup, (), TagCounts(setup))
        self._by_config[key] = project
        return project

    def loaded(self) -> list[Project]:
        return list(self._by_config.values())

    def forget(self) -> None:
        """Drop every project: the next request loads each afresh from disk."""
        self._by_config.clear()
        self._config_of.clear()

    def is_data_file(self, path: str) -> bool:
        """Whether ``path`` is one a project is built from (taxonomy, rule sets, config, note schema), not a note."""
        name = os.path.basename(path)
        if name in ("taglint.toml", "pyproject.toml", "taxonomy.yaml"):
            return True
        if name.endswith((".yaml", ".yml", ".json")):
            return True  # a rule set or a note schema (and renamed taxonomies): reloading costs little
        return any(path in project.data_files for project in self._by_config.values())
