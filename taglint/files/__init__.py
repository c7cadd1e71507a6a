"""Files on disk: the one way to read a note, the one way to write one, and which files to check.

``read`` (regular files only, bounded, no symlink out of the checked tree),
``text`` (bytes to text and back: BOM, line index), ``write`` (atomic,
compare-before-replace; ``metadata`` keeps owner, xattrs and mode; ``flush``
batches the syncs; ``staletemps`` cleans a killed run's temp files),
``select`` (the walk: include/exclude), ``globs`` (gitignore-style globs,
matched in linear time with RE2).

The bottom layer above ``model``: imports nothing else of taglint.
"""
