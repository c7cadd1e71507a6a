"""The linting commands: ``check``, ``fix``, ``rule``, ``rules``."""

from __future__ import annotations

import os
import sys

import click

from taglint.cli.app import EXIT_CLEAN, EXIT_FINDINGS, _load, _split, _use_color, cli, with_common
from taglint.report.escape import visible_line


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@with_common
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Show a count per rule instead of each finding.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Same as `taglint fix`: apply the safe fixes, then report what remains.")
@click.option("--add-ignore", is_flag=True, help="Write a suppression for every current finding into the notes (to adopt taglint on an existing collection).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Result cache directory [default: .taglint_cache beside the config].")
def check(paths: tuple[str, ...], config_path: str | None, taxonomy: str | None, rules: str | None, select: tuple[str, ...], ignore: tuple[str, ...], output_format: str | None, output_file: str | None, fail_on: str, quiet: bool, force_exclude: bool, jobs: int | None, exit_zero: bool, statistics: bool, apply_fixes: bool, add_ignore: bool, no_cache: bool, cache_dir: str | None) -> None:
    """Check notes for tag problems.

    PATHS are files or directories (recursed); default is the current directory.

    \b
    Example:
      taglint check examples/paper-notes
      examples/paper-notes/1089-detecting-pretraining-data.md:5:8: TG002 alias-tag [*] ...
    """
    from taglint.report import output
    from taglint.cache.results import open_cache
    from taglint.lint.runner import run_batches

    if apply_fixes:
        ctx = click.get_current_context()
        ctx.invoke(fix, paths=paths, config_path=config_path, taxonomy=taxonomy, rules=rules, select=select, ignore=ignore, output_format=output_format, output_file=output_file, fail_on=fail_on, quiet=quiet, force_exclude=force_exclude, jobs=jobs, diff=False, unsafe_fixes=False, exit_zero=exit_zero)
    from taglint.report import formats

    # The compiled setup is reused whenever its input files are byte-identical (like .pyc files); --no-cache is about results.
    setup = _load(paths, config_path, taxonomy, rules, select, ignore, cache_dir=cache_dir, without_taxonomy=True)
    targets = list(paths) or ["."]
    if add_ignore:
        from taglint.fix.suppress import add_ignores

        added = [item for item in add_ignores(targets, setup, force_exclude) if item.added or item.error]  # type: ignore[arg-type]
        for item in added:
            click.echo(visible_line(f"{item.path}: not changed: {item.error}" if item.error else f"{item.path}: added {item.added} suppression{'s' if item.added != 1 else ''}"), err=bool(item.error))
        click.echo(f"Added {sum(i.added for i in added)} suppressions to {sum(1 for i in added if i.written)} files.")
        click.get_current_context().exit(EXIT_FINDINGS if any(i.error for i in added) else EXIT_CLEAN)
    totals = output.Totals()
    reporter = formats.Reporter.open(output_format or formats.default_format(os.environ), output_file, setup, fail_on, _use_color(sys.stdout))  # type: ignore[arg-type]
    click.get_current_context().call_on_close(reporter.close)  # a run that fails leaves no half report
    # Without a taxonomy a note's findings depend on every other note: nothing to cache per file.
    cache = None if no_cache or setup.without_taxonomy else open_cache(setup, cache_dir, (select, ignore))  # type: ignore[attr-defined,arg-type]
    for batch in run_batches(targets, setup, force_exclude, jobs, cache):  # type: ignore[arg-type]
        totals.add_batch(batch)
        reporter.add_batch(batch, show=not statistics)
    from taglint.checks.taxonomy import check_result  # taxonomy quality warnings (TG101..), reported on taxonomy.yaml

    lint = None if setup.without_taxonomy else check_result(setup, _split(select), _split(ignore))  # type: ignore[attr-defined]
    if lint is not None:
        totals.add(lint)
        reporter.add(lint, show=not statistics)
    if statistics and not reporter.is_document:
        reporter.write(output.statistics(totals))
    reporter.finish()
    if not quiet:
        click.echo(output.summary(totals), err=reporter.is_document or output_file is not None)
        if setup.without_taxonomy:  # type: ignore[attr-defined]
            from taglint.tools.infer.variants import closing_lines

            click.echo("\n".join(closing_lines(setup, paths)), err=reporter.is_document or output_file is not None)  # type: ignore[arg-type]
    ctx = click.get_current_context()
    ctx.exit(EXIT_FINDINGS if output.fails(totals, fail_on) and not exit_zero else EXIT_CLEAN)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@with_common
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing; exit 1 if anything would change.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (did-you-mean replacements, adding missing parents).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when files changed or findings remain.")
def fix(paths: tuple[str, ...], config_path: str | None, taxonomy: str | None, rules: str | None, select: tuple[str, ...], ignore: tuple[str, ...], output_format: str | None, output_file: str | None, fail_on: str, quiet: bool, force_exclude: bool, jobs: int | None, diff: bool, unsafe_fixes: bool, exit_zero: bool) -> None:
    """Fix tag problems in place, changing only the bytes that must change.

    Applies safe fixes (alias/case variant -> canonical, deprecated -> replacement,
    repeated tag removed); with --unsafe-fixes also did-you-mean replacements and
    missing parents. Then reports what remains.

    \b
    Examples:
      taglint fix notes/
      taglint fix --diff notes/       # preview, write nothing
    """
    from taglint.report import formats
    from taglint.report import output
    from taglint.fix.files import fix_batches

    setup = _load(paths, config_path, taxonomy, rules, select, ignore, without_taxonomy=True)  # no taxonomy: fixes duplicates only
    targets = list(paths) or ["."]
    totals = output.Totals()
    reporter = formats.Reporter.open(output_format or formats.default_format(os.environ), output_file, setup, fail_on, _use_color(sys.stdout))  # type: ignore[arg-type]
    click.get_current_context().call_on_close(reporter.close)  # a run that fails leaves no half report
    fixed_issues = fixed_files = not_fixed = 0
    report = not diff or reporter.owned  # with -o the report does not mix with the diff
    for batch in fix_batches(targets, setup, unsafe_fixes, write=not diff, force_exclude=force_exclude, jobs=jobs):  # type: ignore[arg-type]
        remaining = batch.remaining()
        totals.add_batch(remaining)
        if report:
            reporter.add_batch(remaining)
        for _, item in batch.found:
            fixed_issues += item.fixed
            fixed_files += 1 if item.changed else 0
            if item.error:
                not_fixed += 1
                click.echo(visible_line(f"{item.path}: not fixed: {item.error}"), err=True)
            if diff:
                click.echo(item.diff(), nl=False)
    reporter.finish(write=not diff or reporter.owned)
    if not quiet:
        verb = "Would fix" if diff else "Fixed"
        click.echo(f"{verb} {fixed_issues} issue{'s' if fixed_issues != 1 else ''} in {fixed_files} file{'s' if fixed_files != 1 else ''}.", err=diff or reporter.is_document or output_file is not None)
        click.echo(output.summary(totals, "Remaining in"), err=diff or reporter.is_document or output_file is not None)
        if setup.without_taxonomy:  # type: ignore[attr-defined]
            from taglint.tools.infer.variants import closing_lines

            click.echo("\n".join(closing_lines(setup, paths)), err=diff or reporter.is_document or output_file is not None)  # type: ignore[arg-type]
    # --diff answers "would anything change?"; a real run also fails while errors remain (pre-commit).
    failed = fixed_files > 0 or not_fixed > 0 or (output.fails(totals, fail_on) and not diff)
    click.get_current_context().exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_CLEAN)


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
