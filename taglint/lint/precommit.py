"""Store the pre-commit plan after a full run, for the fast path (``taglint.cli.fast``) to use."""

from __future__ import annotations

from taglint.cache import plan as plan_store
from taglint.cache.setup import setup_inputs
from taglint.lint import clean_proof
from taglint.project.setup import Setup


def remember(setup: Setup) -> None:
    """Store the plan for ``setup`` (loaded from the config found for its paths, no overrides).

    Called by the full path. The plan lists the digests of the files the setup
    was built from (``setup_inputs``), so a stored plan built from the same
    files is left alone without reading anything again. Nothing is stored when
    the fast path could not be exact: a custom rule without a tag condition,
    inline tags, or taxonomy warnings that every check reports.
    """
    config = setup.config
    identity = plan_store.identity(config.source, config.root)
    inputs = setup_inputs(setup)
    if plan_store.read_plan(identity, clean_proof.plan_from_stored, inputs) is not None:
        return
    plan = clean_proof.plan_of(setup)
    if plan is None or any(guard is None for _, guard in plan.custom):
        return  # a custom rule without a tag condition needs the note model to test
    from taglint.checks.taxonomy import check_result
    from taglint.files.select import DEFAULT_EXCLUDE

    if check_result(setup) is not None:
        return
    plan_store.write_plan(
        identity,
        inputs,
        {
            "force_exclude": config.force_exclude,
            "exclude": list(config.exclude),
            "excluded_dirs": [pattern.rstrip("/") for pattern in DEFAULT_EXCLUDE],
            "tag_fields": list(plan.tag_fields),
            "dialect": plan.dialect,
            "canonical": sorted(plan.canonical),
            "constrained": {name: [sorted(parents), list(groups)] for name, (parents, groups) in sorted(plan.constrained.items())},
            "required": list(plan.required),
            "schema": plan.schema,
            "custom_guards": [[sorted(tags) for tags in guard or ()] for _, guard in plan.custom],
        },
    )
