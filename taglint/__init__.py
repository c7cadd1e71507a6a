"""taglint: a linter and fixer for tags in Markdown notes, driven by a taxonomy."""

from __future__ import annotations

__version__ = "0.1.0"
