"""The library API: load a project, check notes, fix notes. The CLI only parses options into these calls and prints.

    import taglint

    run = taglint.check(["notes/"], taglint.Options(select=("alias-tag",)))
    for result in run.results():
        for d in result.diagnostics:
            print(result.path, *result.position(d.span.start), d.code, d.message)
    print(run.totals.errors, "errors")

A run streams: ``batches()`` and ``results()`` yield in walk order while the
notes are checked (by worker processes on large collections) and fill
``run.totals`` as they go, so memory stays flat however many notes there are.
A run is iterated once. Loading errors are raised by the call itself, before
any note is read: ``ProjectError`` (every located problem of the config,
taxonomy or rule sets, one ``path:line:col: message`` per line) or
``OptionsError`` (a rule name in ``select``/``ignore`` that names no rule).

For text that is not (yet) a file, an editor's unsaved buffer, the same
engine answers per text (``taglint.tools.buffer``): ``check_text``,
``fix_text`` and ``apply_fix`` (one finding's fix, verified as ``fix``
verifies it), ``tag_occurrences``, ``render_tag``, ``did_you_mean``,
``selects``, ``tag_counts``/``collection_tags``, ``rename_tag`` (``taglint
rename`` without the CLI) and ``retag_text``, ``taxonomy_findings``, and
``suggested_tags`` (a stored ``taglint suggest`` model's ranking, when there is one).

May import every layer below it (tools, fix, lint, report, checks, cache,
project, parse, files, model); nothing below imports it, and it never imports click.
"""

from __future__ import annotations

from taglint.api.project import Options, OptionsError, ProjectError, Setup, load_config, load_project, load_taxonomy
from taglint.api.runs import CheckRun, FixRun, check, fix
from taglint.tools.buffer import (
    RenameError,
    TextFix,
    apply_fix,
    canonical_tags,
    check_text,
    collection_tags,
    did_you_mean,
    fix_text,
    rename_tag,
    render_tag,
    retag_text,
    selects,
    suggested_tags,
    tag_counts,
    tag_occurrences,
    taxonomy_findings,
)

__all__ = [
    "CheckRun",
    "FixRun",
    "Options",
    "OptionsError",
    "ProjectError",
    # one text at a time (an editor's buffer): taglint.tools.buffer
    "RenameError",
    "Setup",
    "TextFix",
    "apply_fix",
    "canonical_tags",
    "check",
    "check_text",
    "collection_tags",
    "did_you_mean",
    "fix",
    "fix_text",
    "load_config",
    "load_project",
    "load_taxonomy",
    "rename_tag",
    "render_tag",
    "retag_text",
    "selects",
    "suggested_tags",
    "tag_counts",
    "tag_occurrences",
    "taxonomy_findings",
]
