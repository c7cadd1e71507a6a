"""``taglint check`` without a taxonomy: the inferred groups as variants that ``variant-tag`` reports.

The lint layer builds the setup (``load_setup_without_taxonomy``: an empty
taxonomy, the rules that need none); this module scans the checked notes,
runs the same inference as ``init`` and attaches the aliases it would write
(not its uncertain candidates) as ``Setup.variants``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from taglint.lint.setup import load_setup_without_taxonomy
from taglint.model import TagVariant
from taglint.project.config import Config
from taglint.project.setup import Setup
from taglint.tools.infer.groups import Inference, infer
from taglint.tools.usage import scan


def variants_of(result: Inference) -> dict[str, TagVariant]:
    """Every alias ``init`` would write, keyed by its spelling."""
    return {
        member.name: TagVariant(member.name, member.count, group.canonical, group.own, member.evidence)
        for group in result.groups
        for member in group.aliases
    }


def setup_without_taxonomy(config: Config, paths: Sequence[str], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Setup:
    """The setup of a check with no taxonomy file, its variants inferred from the notes under ``paths``."""
    setup = load_setup_without_taxonomy(config, select, ignore)
    if setup.severities.get("variant-tag") is None:
        return setup  # deselected: no need to read every note twice
    result = infer(scan(list(paths) or ["."], config))
    setup = replace(setup, variants=variants_of(result))
    setup.derived["inference"] = result  # for the closing lines: the candidates ``init`` would comment out
    return setup


# Which candidates the closing lines show first: the kinds whose spelling says most.
_SHOW_FIRST = ("acronym", "truncation", "accents", "close-spelling", "same-leaf", "shared-stem")
MAX_SHOWN = 8


def closing_lines(setup: Setup, paths: Sequence[str]) -> list[str]:
    """What a check without a taxonomy prints last: the uncertain pairs worth a look, and the hint to run init."""
    lines = []
    result = setup.derived.get("inference")
    if isinstance(result, Inference):
        pairs = [(g, m) for g in result.groups for m in g.uncertain]
        pairs.sort(
            key=lambda gm: (_SHOW_FIRST.index(gm[1].kind) if gm[1].kind in _SHOW_FIRST else len(_SHOW_FIRST), -gm[1].count, gm[1].name)
        )
        if pairs:
            lines.append(
                f"{len(pairs)} more pair{'s' if len(pairs) != 1 else ''} of spellings may be one tag (weaker evidence, not reported above):"
            )
            for group, member in pairs[:MAX_SHOWN]:
                lines.append(f'  "{member.name}" ({_notes(member.count)}) and "{group.canonical}" ({_notes(group.own)}): {member.evidence}')
            if len(pairs) > MAX_SHOWN:
                lines.append(f"  ... and {len(pairs) - MAX_SHOWN} more")
    target = " ".join(paths) if paths else ""
    where = os.path.relpath(setup.config.taxonomy_path)
    lines.append(
        f"No taxonomy ({where} does not exist): checked the spellings against each other. "
        f"Run `taglint init{' ' + target if target else ''}` to write a starting taxonomy from your notes "
        "(each alias with its evidence, the weaker pairs as commented-out candidates)."
    )
    return lines


def _notes(count: int) -> str:
    return f"{count} note{'s' if count != 1 else ''}"
