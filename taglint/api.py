"""The library API (filled in by the architecture work)."""
