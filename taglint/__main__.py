from __future__ import annotations

from taglint.cli import main

raise SystemExit(main())
