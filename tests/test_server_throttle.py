"""When the server checks a changed buffer (``taglint.server.diagnostics.Throttle``): at once after a pause, once per window in a burst."""

from __future__ import annotations

import asyncio
import time

import pytest

from taglint.server.diagnostics import Throttle

pytestmark = pytest.mark.asyncio


async def test_a_change_after_a_pause_is_checked_at_once() -> None:
    runs: list[float] = []
    throttle = Throttle(0.2, lambda key: runs.append(time.monotonic()))
    started = time.monotonic()
    throttle.touch("a")
    await asyncio.sleep(0.01)
    assert len(runs) == 1 and runs[0] - started < 0.01


async def test_a_burst_of_changes_is_checked_once_per_window() -> None:
    runs: list[str] = []
    throttle = Throttle(0.1, runs.append)
    throttle.touch("a")
    await asyncio.sleep(0)  # the first change runs at once
    for _ in range(20):  # keystrokes within the window
        throttle.touch("a")
        await asyncio.sleep(0.002)
    assert runs == ["a"]
    await asyncio.sleep(0.15)
    assert runs == ["a", "a"]  # the burst's last change, once, at the window's end


async def test_closing_a_document_cancels_its_pending_check() -> None:
    runs: list[str] = []
    throttle = Throttle(0.05, runs.append)
    throttle.touch("a")
    await asyncio.sleep(0)
    throttle.touch("a")
    throttle.cancel("a")
    await asyncio.sleep(0.1)
    assert runs == ["a"]
