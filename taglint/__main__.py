from __future__ import annotations

from taglint.cli.fast import main

raise SystemExit(main())
