"""taglint: a linter and fixer for tags in Markdown notes, driven by a taxonomy.

The library API lives in ``taglint.api`` and is re-exported here:
``taglint.load_project``, ``taglint.check``, ``taglint.fix``, ``taglint.Options``
(and the run and error types). It is imported on first use: the pre-commit
fast path imports this package for ``__version__`` alone, and must not pay
for click, ruamel.yaml or the linter.
"""

from __future__ import annotations

from taglint._version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on the fast path

if TYPE_CHECKING:
    from taglint.api import (
        CheckRun,
        FixRun,
        Options,
        OptionsError,
        ProjectError,
        Setup,
        check,
        fix,
        load_config,
        load_project,
        load_taxonomy,
    )

__all__ = [
    "CheckRun",
    "FixRun",
    "Options",
    "OptionsError",
    "ProjectError",
    "Setup",
    "__version__",
    "check",
    "fix",
    "load_config",
    "load_project",
    "load_taxonomy",
]
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> object:
    """The API's names, imported when first asked for (PEP 562)."""
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from taglint import api

    value = getattr(api, name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value
