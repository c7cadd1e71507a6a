"""One store for everything taglint remembers between runs; it may import project, parse, files, model.

Layout::

    .taglint_cache/                  beside the config (--cache-dir), never committed
      .gitignore
      results-<key>/                 results of one version + settings + input digests (newest 4 kept)
        <dir>-<n>.json               a directory's note entries, in 16 shards
        dirs/<dir>.json              a directory's listing
    ~/.cache/taglint/setup/          per user ($XDG_CACHE_HOME): a pull request cannot plant these
      setup-<key>.json               a compiled setup, keyed on the settings, listing its inputs' digests
      plan-<key>.json                a pre-commit plan, keyed on the project, listing the same

Modules, each one concern:

- ``fingerprint``: the BLAKE2b digest that input files are known by, the stat
  stamp for notes and directories, and the racy rule (``RACY_NS``).
- ``store``: entry names (``key``), records and the one invalidation rule
  (same version, settings and input digests), the atomic JSON writer.
- ``results``, ``listings``, ``setup``, ``plan``: the four kinds of entries.

No module here imports another on package import: the pre-commit fast path
imports ``plan`` alone, and must stay light.
"""
