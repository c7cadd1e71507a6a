"""The project a run checks against: config, taxonomy, rule sets, schemas and the loaded ``Setup``.

``config`` (taglint.toml / pyproject.toml; paths confined to the project),
``dialects`` (which platform a collection is written for, from its markers;
a Hugo site's taxonomies), ``folding`` (the key spellings of one tag share),
``locations`` (finding the config, the user cache dir), ``taxonomy`` (the
tag model: canonical tags, aliases, parents, groups; how a written name
resolves), ``ruleset`` (rules/*.yaml), ``schema``/``schema_fast``/
``schemaguard`` (JSON Schemas with messages people understand, at C speed,
and what a note schema may not do), ``patterns`` (rule-set regexes on RE2),
``located`` (YAML data files that remember where each value was, and the
located error type), ``setup`` (the loaded project record and the one
select/ignore matcher).

May import parse, files, model.
"""
