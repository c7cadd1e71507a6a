"""The exit codes of every command (README "Exit codes"); a module of its own so the fast path can import it."""

from __future__ import annotations

EXIT_CLEAN = 0  # nothing found (or everything fixed)
EXIT_FINDINGS = 1  # findings remain
EXIT_CONFIG = 2  # the command, config, taxonomy or rules cannot be used as given
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C; never 2
