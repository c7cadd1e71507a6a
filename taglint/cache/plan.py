"""Pre-commit plan entries: what the fast path needs to prove notes clean, stored by a full run.

A plan is a record of the store (``taglint.cache.store``) in the per-user
cache directory, one per project (its config file, or its root when it has
none), listing the digest of every input of the setup it came from. It is
used only while all of them are unchanged and the taglint version is the
same, so a pull request can neither plant a plan nor keep one alive by
editing the taxonomy. Imported by the fast path: it must stay light.
"""

from __future__ import annotations

from taglint.cache.store import Store
from taglint.project.locations import user_cache_dir

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see taglint.cli.fast)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

KIND = "plan"


def identity(source: str | None, root: str) -> str:
    """The project a plan is for: its config file, or its root directory when it has none."""
    return f"file:{source}" if source is not None else f"dir:{root}"


def read_plan(identity: str, decode: Callable[[dict[str, Any]], Any], inputs: list[list[str | None]] | None = None) -> Any:
    """``decode(stored)`` for the plan of ``identity`` while every input it lists is unchanged, else None.

    With ``inputs`` (fingerprints just taken), the plan must have been built
    from exactly those. A plan ``decode`` cannot read (a part missing, another
    layout) is None too: the next full run stores a new one.
    """
    found = Store(user_cache_dir()).get(KIND, identity, inputs)
    if found is None:
        return None
    try:
        return decode(found[0])
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def write_plan(identity: str, inputs: list[list[str | None]], stored: dict[str, Any]) -> None:
    """Store ``stored`` (built by ``taglint.lint.precommit.remember``) as the plan of ``identity``, built from ``inputs``."""
    Store(user_cache_dir()).put(KIND, identity, inputs, stored)
