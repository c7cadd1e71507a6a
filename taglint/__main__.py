from __future__ import annotations

from taglint.fastpath import main

raise SystemExit(main())
