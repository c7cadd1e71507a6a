"""Load the stored tag model for a lint run: once, and only when a rule would use it.

``missing-field`` (when a tag field is required) and ``under-tagged`` name
suggestions when ``taglint suggest`` has stored a model for this taxonomy and
numpy is installed. Otherwise this costs one failed ``open`` of the model
pointer per run: the linter never builds a model, and without the
``suggest`` extra it never imports numpy.
"""

from __future__ import annotations

from typing import Any

from taglint.project.setup import Setup

KEY = "tag-model"


def wanted(setup: Setup) -> bool:
    severities = setup.severities
    if severities.get("under-tagged") is not None:
        return True
    required = setup.ruleset.required_fields
    return severities.get("missing-field") is not None and any(f in required for f in setup.config.tag_fields)


def tag_model_of(setup: Setup) -> Any:
    """The run's tag model, or None; memoised in ``setup.derived``."""
    derived = setup.derived
    if KEY not in derived:
        derived[KEY] = _load(setup) if wanted(setup) else None
    return derived[KEY]


def _load(setup: Setup) -> Any:
    from taglint.checks.tagmodel import pointer

    config = setup.config
    path = pointer.latest(config.resolve(config.cache_dir), config.taxonomy_path)
    if path is None:
        return None
    try:
        from taglint.checks.tagmodel import stored
    except ImportError:  # the suggest extra is not installed
        return None
    try:
        return stored.load(path)
    except stored.ModelError:
        return None
