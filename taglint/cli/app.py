"""The ``taglint`` click group and what its commands share: exit codes, options, loading the setup.

Exit codes: 0 no error-severity finding; 1 at least one (for ``fix``: files
changed or unfixable errors remain); 2 usage, config or taxonomy error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from taglint import __version__
from taglint.report.formats import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CONFIG = 0, 1, 2


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class ConfigProblem(click.ClickException):
    exit_code = EXIT_CONFIG

    def show(self, file: object = None) -> None:
        from taglint.report.escape import visible_line

        # Located errors quote names and values from files a pull request may have written.
        click.echo("\n".join(visible_line(line) for line in self.message.split("\n")), err=True)


def _load(
    paths: Sequence[str], config_path: str | None, taxonomy: str | None, rules: str | None, select: Sequence[str], ignore: Sequence[str], cached: bool = True, cache_dir: str | None = None,
    without_taxonomy: bool = False,
) -> object:
    from taglint.project.config import find_config, load_config_file, with_overrides
    from taglint.lint.setup import load_setup, unknown_rule_names
    from taglint.project.located import DataFileErrors
    from taglint.project.taxonomy import TaxonomyMissing

    config = None
    try:
        config = load_config_file(config_path) if config_path else find_config(paths[0] if paths else ".")
        config = with_overrides(config, taxonomy=os.path.abspath(taxonomy) if taxonomy else None, rules=os.path.abspath(rules) if rules else None)
        if cached:
            from taglint.lint.setup import load_setup_cached

            setup = load_setup_cached(config, _split(select), _split(ignore), cache_dir)
            if not (config_path or taxonomy or rules or select or ignore or cache_dir):
                from taglint.lint.precommit import remember

                remember(setup)  # the setup the pre-commit fast path would find for these paths
        else:
            setup = load_setup(config, _split(select), _split(ignore))
    except TaxonomyMissing as exc:
        # `check` with no taxonomy anywhere checks the spellings against each other; a taxonomy the config names must exist.
        if not without_taxonomy or config is None or "taxonomy" in config.explicit:
            raise ConfigProblem(str(exc)) from None
        from taglint.tools.infer.variants import setup_without_taxonomy

        try:
            setup = setup_without_taxonomy(config, list(paths), _split(select), _split(ignore))
        except DataFileErrors as problem:
            raise ConfigProblem(str(problem)) from None
    except DataFileErrors as exc:
        raise ConfigProblem(str(exc)) from None
    custom = [name for r in setup.ruleset.custom for name in (r.id, r.code)]
    bad = unknown_rule_names((*_split(select), *_split(ignore)), custom)
    if bad:
        raise click.UsageError(f"unknown rule {', '.join(repr(b) for b in bad)}; see `taglint rules`")
    return setup


def _use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


common_options = [
    click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest taglint.toml or pyproject.toml with [tool.taglint])."),
    click.option("--taxonomy", type=click.Path(dir_okay=False), help="Taxonomy file (default: taxonomy.yaml beside the config)."),
    click.option("--rules", type=click.Path(), help="Rule-set file or directory (default: rules/ beside the config)."),
    click.option("--select", multiple=True, help="Only these rules (names or codes, comma-separated; repeatable)."),
    click.option("--ignore", multiple=True, help="Skip these rules (names or codes, comma-separated; repeatable)."),
    click.option("--output-format", type=click.Choice(list(FORMATS)), default=None, help="Report format [default: github when GITHUB_ACTIONS=true, else text]."),
    click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout."),
    click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True, help="Lowest severity that makes the exit code 1."),
    click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary."),
    click.option("--force-exclude", is_flag=True, help="Apply exclude patterns to files named on the command line too (for pre-commit)."),
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes for runs of 512+ files [default: one per CPU]."),
]


def with_common(func):  # type: ignore[no-untyped-def]
    for option in reversed(common_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taglint")
def cli() -> None:
    """taglint: lint and fix the tags in Markdown notes against a taxonomy.

    \b
    Examples:
      taglint check                      # check every note under .
      taglint check notes/ --output-format json
      taglint rule unknown-tag           # what a rule checks and why
    """
