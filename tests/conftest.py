from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent

# A shell without job control starts background jobs with SIGINT ignored, and an ignored signal
# stays ignored across exec: the Ctrl-C tests' taglint processes would never see their SIGINT.
# A handled one is reset to the default by exec, so every process the tests start gets Ctrl-C again.
signal.signal(signal.SIGINT, signal.default_int_handler)

# taglint keeps its compiled-setup cache in the user's cache directory; tests get their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="taglint-test-cache-")

# CI runs a fixed-seed profile; `--hypothesis-profile=long` runs the release fuzzing.
settings.register_profile("ci", derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def repo() -> Path:
    return REPO
