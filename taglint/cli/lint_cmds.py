"""The linting commands: ``check``, ``fix``, ``rule``, ``rules``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from taglint.cli.app import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    ReportOptions,
    cli,
    project_errors,
    with_common,
)
from taglint.report.escape import visible_line

if TYPE_CHECKING:
    from taglint.api import Options
    from taglint.project.setup import Setup


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@with_common
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Show a count per rule instead of each finding.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Same as `taglint fix`: apply the safe fixes, then report what remains.")
@click.option("--add-ignore", is_flag=True, help="Write a suppression for every current finding into the notes (to adopt taglint on an existing collection).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Result cache directory [default: .taglint_cache beside the config].")
def check(paths: tuple[str, ...], options: Options, report: ReportOptions, apply_fixes: bool, add_ignore: bool) -> None:
    """Check notes for tag problems.

    PATHS are files or directories (recursed); default is the current directory.

    \b
    Example:
      taglint check examples/paper-notes
      examples/paper-notes/1089-detecting-pretraining-data.md:5:8: TG002 alias-tag [*] ...
    """
    from taglint import api
    from taglint.report import output

    ctx = click.get_current_context()
    if apply_fixes:
        # Exactly `taglint fix`, which keeps no result cache: --no-cache and --cache-dir are not its options.
        ctx.exit(run_fix(paths, replace(options, cache=True, cache_dir=None), report, diff=False, unsafe=False))
    with project_errors():
        setup = api.load_project(paths, options)
    if add_ignore:
        from taglint.rewrite.suppress import add_ignores

        targets = list(paths) or ["."]
        added = [item for item in add_ignores(targets, setup, options.force_exclude, options.jobs) if item.changes or item.error]
        for item in added:
            click.echo(visible_line(f"{item.path}: not changed: {item.error}" if item.error else f"{item.path}: added {item.changes} suppression{'s' if item.changes != 1 else ''}"), err=bool(item.error))
        click.echo(f"Added {sum(i.changes for i in added)} suppressions to {sum(1 for i in added if i.written)} files.")
        ctx.exit(EXIT_FINDINGS if any(i.error for i in added) else EXIT_CLEAN)
    run = api.check(paths, options, setup)
    reporter = report.open(setup)
    ctx.call_on_close(reporter.close)  # a run that fails leaves no half report
    for batch in run.batches():
        reporter.add_batch(batch, show=not report.statistics)
    if report.statistics and not reporter.is_document:
        reporter.write(output.statistics(run.totals))
    reporter.finish()
    if not report.quiet:
        aside = reporter.is_document or report.output_file is not None
        click.echo(output.summary(run.totals), err=aside)
        if setup.without_taxonomy:
            click.echo("\n".join(_closing_lines(setup, paths)), err=aside)
    ctx.exit(report.exit_code(run.failed(report.fail_on)))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@with_common
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing; exit 1 if anything would change.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (did-you-mean replacements, adding missing parents).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when files changed or findings remain.")
def fix(paths: tuple[str, ...], options: Options, report: ReportOptions, diff: bool, unsafe_fixes: bool) -> None:
    """Fix tag problems in place, changing only the bytes that must change.

    Applies safe fixes (alias/case variant -> canonical, deprecated -> replacement,
    repeated tag removed); with --unsafe-fixes also did-you-mean replacements and
    missing parents. Then reports what remains.

    \b
    Examples:
      taglint fix notes/
      taglint fix --diff notes/       # preview, write nothing
    """
    click.get_current_context().exit(run_fix(paths, options, report, diff, unsafe_fixes))


def run_fix(paths: Sequence[str], options: Options, report: ReportOptions, diff: bool, unsafe: bool) -> int:
    """``taglint fix`` (and ``check --fix``): fix, print what could not be fixed and what remains; the exit code."""
    from taglint import api
    from taglint.report import output

    with project_errors():
        run = api.fix(paths, options, unsafe=unsafe, write=not diff)
    reporter = report.open(run.project)
    click.get_current_context().call_on_close(reporter.close)  # a run that fails leaves no half report
    show = not diff or reporter.owned  # with -o the report does not mix with the diff
    for batch in run.batches():
        if show:
            reporter.add_batch(batch.remaining())
        for _, item in batch.found:
            if item.error:
                click.echo(visible_line(f"{item.path}: not fixed: {item.error}"), err=True)
            if diff:
                click.echo(item.diff(), nl=False)
    reporter.finish(write=show)
    if not report.quiet:
        counts = run.counts
        aside = diff or reporter.is_document or report.output_file is not None
        verb = "Would fix" if diff else "Fixed"
        click.echo(f"{verb} {counts.fixed} issue{'s' if counts.fixed != 1 else ''} in {counts.files} file{'s' if counts.files != 1 else ''}.", err=aside)
        click.echo(output.summary(run.totals, "Remaining in"), err=aside)
        if run.project.without_taxonomy:
            click.echo("\n".join(_closing_lines(run.project, paths)), err=aside)
    # --diff answers "would anything change?"; a real run also fails while errors remain (pre-commit).
    return report.exit_code(run.failed(report.fail_on))


def _closing_lines(setup: Setup, paths: Sequence[str]) -> list[str]:
    """What a run without a taxonomy prints last: the weaker pairs of spellings, and the hint to run init."""
    from taglint.tools.infer.variants import closing_lines

    return closing_lines(setup, paths)


@cli.command(name="rule")
@click.argument("name")
def rule_doc(name: str) -> None:
    """Show the documentation of a rule (by name or code), e.g. `taglint rule TG001`."""
    from taglint import checks

    rule = checks.rule_named(name)
    if rule is None:
        raise click.UsageError(f"no rule named {name!r}; see `taglint rules`")
    click.echo(f"{rule.code} {rule.name} (default severity: {rule.severity}; fix: {rule.fixable or 'none'})\n")
    click.echo(rule.doc.strip())


@cli.command(name="rules")
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
