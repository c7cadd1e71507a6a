from __future__ import annotations

from taglint.cli.fast import entry

raise SystemExit(entry())
