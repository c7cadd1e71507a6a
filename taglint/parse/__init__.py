"""Reading a note: front matter, tags in every style, inline ``#tags``, suppressions; all located.

``dialects`` says how each platform (generic, jekyll, hugo, obsidian) reads
tags; ``fences`` finds the front-matter block (YAML, or for Hugo TOML and
JSON: ``toml_locate``/``json_locate`` read those with tomllib/json and
locate them as ``located_nodes``; ``other_syntax`` writes a tag back into
them); ``yaml_compose`` reads YAML with
libyaml (``yaml_types`` types its scalars as YAML 1.2, ``yaml_words`` words
its errors for people); ``yaml_values`` is the quick values-only reader of
plain front matter (the pre-commit path); ``frontmatter`` turns the YAML into
located fields; ``tag_syntax`` reads tag occurrences from a field and writes
a tag back in the same style (``tag_pieces``: how a string splits into them); ``inline_tags`` finds ``#tags`` in prose on a
CommonMark parse; ``suppressions`` reads ``taglint: ignore`` comments and
keys; ``notes`` puts it together as a ``Note``.

May import files and model only.
"""
