"""Where taglint's files are: the config that applies to a path, the per-user cache.

Path logic only, no parsing: the pre-commit fast path (``fastpath``) runs this
before it imports anything else, and ``config.find_config`` walks the same way.
"""

from __future__ import annotations

import os


def locate_config(start: str) -> tuple[str | None, str]:
    """``(config file, root)`` for ``start``: the first of taglint.toml, a pyproject.toml
    with [tool.taglint], or a directory with taxonomy.yaml (no file), walking up;
    ``(None, cwd)`` when there is none."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        candidate = os.path.join(directory, "taglint.toml")
        if os.path.isfile(candidate):
            return candidate, directory
        pyproject = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_taglint_table(pyproject):
            return pyproject, directory
        if os.path.isfile(os.path.join(directory, "taxonomy.yaml")):
            return None, directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None, os.getcwd()
        directory = parent


def _has_taglint_table(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"[tool.taglint" in handle.read()
    except OSError:
        return False


def user_cache_dir() -> str:
    """``$XDG_CACHE_HOME/taglint/setup`` (default ``~/.cache/taglint/setup``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "taglint", "setup")


def tag_model_directory(cache_dir: str) -> str:
    """Where ``taglint suggest`` stores its tag models: ``<cache-dir>/suggest``."""
    return os.path.join(cache_dir, "suggest")


TAG_MODEL_POINTER = "latest.json"  # names the newest model; the result cache fingerprints it
