from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent

# A shell without job control starts background jobs with SIGINT ignored, and an ignored signal
# stays ignored across exec: the Ctrl-C tests' taglint processes would never see their SIGINT.
# A handled one is reset to the default by exec, so every process the tests start gets Ctrl-C again.
# A runner may also start us with SIGINT blocked, and the mask is inherited too: unblock it.
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

# taglint keeps its compiled-setup cache in the user's cache directory; tests get their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="taglint-test-cache-")

# CI runs a fixed-seed profile; `--hypothesis-profile=long` runs the release fuzzing.
settings.register_profile("ci", derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _sigint_restored() -> Iterator[None]:
    """Give Ctrl-C back after each test: the CLI ignores SIGINT after an interrupted run.

    A test that interrupts ``main`` in this process leaves SIGINT ignored, and every
    taglint process a later test starts would inherit that and never see its Ctrl-C.
    """
    yield
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@pytest.fixture
def repo() -> Path:
    return REPO
