"""The linting commands: ``check``, ``fix``, ``rule``, ``rules``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from taglint.cli.app import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    ReportOptions,
    cache_dir_option,
    cli,
    dialect_line,
    no_cache_option,
    patch_of,
    paths_argument,
    project_errors,
    with_common,
)
from taglint.cli.progress import Progress
from taglint.report.escape import visible_line
from taglint.report.words import counted

if TYPE_CHECKING:
    from taglint.api import Options
    from taglint.project.setup import Setup


_show_fixes = click.option("--show-fixes", is_flag=True, help="After fixing, list the fixes per file and rule (as ruff does).")


@cli.command()
@paths_argument
@with_common
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Show a count per rule instead of each finding (and how many are fixable, safely or with --unsafe-fixes).",
)
@click.option("--fix", "apply_fixes", is_flag=True, help="Same as `taglint fix`: apply the safe fixes, then report what remains.")
@_show_fixes
@click.option(
    "--add-ignore",
    is_flag=True,
    help="Write a suppression for every current finding into the notes (to adopt taglint on an existing collection).",
)
@no_cache_option
@cache_dir_option
@click.option(
    "--watch", is_flag=True, help="Check again whenever a note, the taxonomy, a rule set or the config changes (needs taglint[watch])."
)
def check(
    paths: tuple[str, ...], options: Options, report: ReportOptions, apply_fixes: bool, show_fixes: bool, add_ignore: bool, watch: bool
) -> None:
    """Check notes for tag problems.

    PATHS are files or directories (recursed); default is the current directory.

    \b
    Example:
      taglint check examples/paper-notes
      examples/paper-notes/1089-detecting-pretraining-data.md:5:8: TG002 alias-tag [*] ...
    """
    ctx = click.get_current_context()
    if watch and add_ignore:
        raise click.UsageError("--watch does not go with --add-ignore")
    if apply_fixes:
        # Exactly `taglint fix`, with the same cache options.
        if watch:
            from taglint.cli.live_cmds import watch_fix

            ctx.exit(watch_fix(paths, options, report, unsafe=False, run_fix=run_fix))
        ctx.exit(run_fix(paths, options, report, diff=False, unsafe=False, show_fixes=show_fixes))
    if watch:
        from taglint.cli.live_cmds import watch_check

        ctx.exit(watch_check(paths, options, lambda: run_check(paths, options, report)))
    ctx.exit(run_check(paths, options, report, add_ignore))


def run_check(paths: Sequence[str], options: Options, report: ReportOptions, add_ignore: bool = False) -> int:
    """``taglint check``: load the project, check (or add suppressions), print; the exit code."""
    from taglint import api
    from taglint.report import output

    ctx = click.get_current_context()
    with project_errors():
        setup = api.load_project(paths, options)
    if report.verbose:
        click.echo(dialect_line(setup.config), err=True)
    if add_ignore:
        from taglint.rewrite.suppress import add_ignores

        targets = list(paths) or ["."]
        added = [item for item in add_ignores(targets, setup, options.force_exclude, options.jobs) if item.changes or item.error]
        for item in added:
            click.echo(
                visible_line(
                    f"{item.path}: not changed: {item.error}"
                    if item.error
                    else f"{item.path}: added {counted(item.changes, 'suppression')}"
                ),
                err=bool(item.error),
            )
        click.echo(
            f"Added {counted(sum(i.changes for i in added), 'suppression')} to {counted(sum(1 for i in added if i.written), 'file')}."
        )
        return EXIT_FINDINGS if any(i.error for i in added) else EXIT_CLEAN
    run = api.check(paths, options, setup)
    reporter = report.open(setup)
    ctx.call_on_close(reporter.close)  # a run that fails leaves no half report
    progress = Progress.for_run("Checking notes", report.quiet)
    ctx.call_on_close(progress.close)
    for batch in run.batches():
        progress.advance(len(batch.paths))
        if batch.found and not report.statistics:
            progress.clear()
        reporter.add_batch(batch, show=not report.statistics)
    progress.close()
    if report.statistics and not reporter.is_document:
        reporter.write(output.statistics(run.totals))
    reporter.finish()
    if not report.quiet:
        aside = reporter.is_document or report.output_file is not None
        click.echo(output.summary(run.totals), err=aside)
        if setup.without_taxonomy:
            click.echo("\n".join(_closing_lines(setup, paths)), err=aside)
    return report.exit_code(run.failed(report.fail_on))


@cli.command(short_help="Apply the fixes, changing only the bytes of tags.")
@paths_argument
@with_common
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff of the fixes (for `git apply` at the repository root) and write nothing; exit 1 if anything would change.",
)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (did-you-mean replacements, adding missing parents).")
@_show_fixes
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when files changed or findings remain.")
@click.option(
    "--allow-hardlinks",
    is_flag=True,
    help="Also fix notes that have other hard links: the fixed note gets a file of its own, the other links keep the old bytes.",
)
@no_cache_option
@cache_dir_option
@click.option(
    "--watch", is_flag=True, help="Fix again whenever a note, the taxonomy, a rule set or the config changes (needs taglint[watch])."
)
def fix(
    paths: tuple[str, ...],
    options: Options,
    report: ReportOptions,
    diff: bool,
    unsafe_fixes: bool,
    show_fixes: bool,
    allow_hardlinks: bool,
    watch: bool,
) -> None:
    """Fix tag problems in place, changing only the bytes that must change.

    Applies safe fixes (alias/case variant -> canonical, deprecated -> replacement,
    repeated tag removed); with --unsafe-fixes also did-you-mean replacements and
    missing parents. Then reports what remains.

    \b
    Examples:
      taglint fix notes/
      taglint fix --diff notes/       # preview, write nothing
      taglint fix --show-fixes notes/ # and list what was fixed in each file
    """
    if watch and not diff:
        from taglint.cli.live_cmds import watch_fix

        click.get_current_context().exit(watch_fix(paths, options, report, unsafe_fixes, run_fix))
    click.get_current_context().exit(
        run_fix(paths, options, report, diff, unsafe_fixes, show_fixes=show_fixes, allow_hardlinks=allow_hardlinks)
    )


def run_fix(
    paths: Sequence[str],
    options: Options,
    report: ReportOptions,
    diff: bool,
    unsafe: bool,
    written: list[str] | None = None,
    show_fixes: bool = False,
    allow_hardlinks: bool = False,
) -> int:
    """``taglint fix`` (and ``check --fix``): fix, print what could not be fixed and what remains; the exit code.

    ``written`` collects the paths of the files written (``--watch`` knows its own writes by them).
    """
    from taglint import api
    from taglint.report import output

    with project_errors():
        run = api.fix(paths, options, unsafe=unsafe, write=not diff, allow_hardlinks=allow_hardlinks)
    if report.verbose:
        click.echo(dialect_line(run.project.config), err=True)
    ctx = click.get_current_context()
    reporter = report.open(run.project)
    ctx.call_on_close(reporter.close)  # a run that fails leaves no half report
    progress = Progress.for_run("Fixing notes", report.quiet)
    ctx.call_on_close(progress.close)
    show = not diff or reporter.owned  # with -o the report does not mix with the diff
    fixed: list[tuple[str, Counter[tuple[str, str]]]] = []  # (path, fixes per rule) for --show-fixes
    for batch in run.batches():
        progress.advance(len(batch.paths))
        if batch.found:
            progress.clear()
        if show:
            reporter.add_batch(batch.remaining())
        for _, item in batch.found:
            if item.error:
                click.echo(visible_line(f"{item.path}: not fixed: {item.error}"), err=True)
            if item.written and written is not None:
                written.append(item.path)
            if diff and item.changed:
                click.echo(patch_of(item.path, item.before, item.after), nl=False)
            if show_fixes and item.changed:
                fixed.append((item.path, run.fixed_by_rule(item)))
    progress.close()
    reporter.finish(write=show)
    aside = diff or reporter.is_document or report.output_file is not None
    counts = run.counts
    if show_fixes:
        click.echo(fixes_listing(fixed, counts.fixed, diff), err=aside, nl=False)
    if not report.quiet:
        verb = "Would fix" if diff else "Fixed"
        click.echo(f"{verb} {counted(counts.fixed, 'issue')} in {counted(counts.files, 'file')}.", err=aside)
        click.echo(output.summary(run.totals, "Remaining in"), err=aside)
        if run.project.without_taxonomy:
            click.echo("\n".join(_closing_lines(run.project, paths)), err=aside)
    # --diff answers "would anything change?"; a real run also fails while errors remain (pre-commit).
    return report.exit_code(run.failed(report.fail_on))


def fixes_listing(fixed: Sequence[tuple[str, Counter[tuple[str, str]]]], total: int, diff: bool) -> str:
    """What ``--show-fixes`` prints, as ruff does: each changed file, and under it the fixes per rule."""
    if not fixed:
        return "No fixes would be applied.\n" if diff else "No fixes applied.\n"
    lines = [f"{'Would fix' if diff else 'Fixed'} {counted(total, 'issue')}:"]
    for path, by_rule in fixed:
        lines.append(visible_line(f"- {path}:"))
        for (code, rule), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            lines.append(visible_line(f"    {count} \u00d7 {code} ({rule})" if code != rule else f"    {count} \u00d7 {rule}"))
    return "\n".join(lines) + "\n"


def _closing_lines(setup: Setup, paths: Sequence[str]) -> list[str]:
    """What a run without a taxonomy prints last: the weaker pairs of spellings, and the hint to run init."""
    from taglint.tools.infer.variants import closing_lines

    return closing_lines(setup, paths)


@cli.command(name="rule", short_help="Show the documentation of a rule (by name or code).")
@click.argument("name")
def rule_doc(name: str) -> None:
    """Show the documentation of a rule, by name or code: what it checks, why, an example, fix safety.

    \b
    Example:
      taglint rule TG001
    """
    from taglint import checks

    rule = checks.rule_named(name)
    if rule is None:
        raise click.UsageError(f"no rule named {name!r}; see `taglint rules`")
    click.echo(f"{rule.code} {rule.name} (default severity: {rule.severity}; fix: {rule.fixable or 'none'})\n")
    click.echo(rule.doc.strip())


@cli.command(name="rules", short_help="List the built-in rules: code, severity, fix safety.")
def list_rules() -> None:
    """List every built-in rule with its code, default severity and fix safety.

    Note rules first, then the taxonomy quality rules (TG1xx) that `taglint taxonomy check` runs.
    """
    from taglint import checks
    from taglint.checks.taxonomy import RULES as TAXONOMY_RULES

    for module in checks.RULES.values():
        r = module.RULE
        click.echo(f"{r.code}  {r.name:<20} {r.severity.value:<8} fix: {(r.fixable.value if r.fixable else '-'):<7} {r.summary}")
    for lint in TAXONOMY_RULES:
        where = " (taxonomy check only: needs the notes)" if lint.needs_usage else "" if lint.in_check else " (check: only when selected)"
        click.echo(f"{lint.code}  {lint.name:<20} {'warning':<8} fix: {'-':<7} {lint.summary}{where}")
