"""Rename, merge, remove and split tags in ``taxonomy.yaml``, saying what changed beyond the edit asked for.

Each edit works on the round-trip document of ``taxonomy_doc`` (comments, key
order, styles and quotes survive) and is validated by loading the result as a
taxonomy before it is returned, so no edit can leave a broken file. Besides
the new text, an edit returns the changes a user would not guess from the
command alone: an exclusive group that lost a member or now holds only one,
references dropped, aliases and parents that moved in a merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from taglint.project.taxonomy import name_key
from taglint.tools.taxonomy_doc import (
    Document,
    EditError,
    add_items,
    delete_key,
    owner_of_alias,
    rename_key,
    rewrite_seq,
    spec_of,
    validated,
)

__all__ = ["EditError", "Edited", "remove", "rename", "split"]


@dataclass(frozen=True)
class Edited:
    """The taxonomy text after an edit, and what changed beyond the edit itself, one sentence each."""

    text: str
    changes: tuple[str, ...] = ()


def _names(items: Sequence[object]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _rewrite_references(doc: Document, old: str, new: Sequence[str], log: list[str]) -> None:
    """Point every reference to ``old`` at ``new`` (one tag: a rename or merge; none: a removal; several: a split)."""
    for name, spec in doc.tags.items():
        if not isinstance(spec, dict):
            continue
        if "parents" in spec:
            had = old in [str(p) for p in spec["parents"]]
            rewrite_seq(spec["parents"], old, new, {str(name)})
            if had and len(new) != 1:
                log.append(
                    f'"{name}" now has the parents {_names(spec["parents"])}' if spec["parents"] else f'"{name}" no longer has a parent'
                )
            if not spec["parents"]:
                del spec["parents"]
        if spec.get("replaced_by") == old:
            if len(new) > 1:
                raise EditError(
                    f'"{name}" is replaced_by "{old}", which cannot stand for several tags; point it at one of {_names(new)} first'
                )
            if not new or new[0] == name:
                del spec["replaced_by"]
                log.append(f'the deprecated "{name}" no longer names a replacement')
            else:
                spec["replaced_by"] = new[0]
    exclusive = doc.data.get("exclusive")
    if not isinstance(exclusive, dict):
        return
    for group in list(exclusive):
        members = [str(m) for m in exclusive[group]]
        if old not in members:
            continue
        if len(new) > 1:
            raise EditError(
                f'"{old}" is a member of the exclusive group "{group}": a note may carry only one of its members, so it cannot be split into several'
            )
        rewrite_seq(exclusive[group], old, new, set())
        if not new:
            log.append(f'exclusive group "{group}": "{old}" removed')
        elif new[0] in members:
            log.append(f'exclusive group "{group}": "{old}" merged into "{new[0]}", already a member')
        left = [str(m) for m in exclusive[group]]
        if not left:
            del exclusive[group]
            log.append(f'exclusive group "{group}" deleted: it had no other member')
        elif len(left) == 1 and len(members) > 1:
            # Kept, not deleted: rule sets may name the group ("@venue"), and a later tag can join it.
            log.append(f'exclusive group "{group}" now holds only "{left[0]}": it excludes nothing until another tag joins it')
    if not exclusive:
        del doc.data["exclusive"]


def _check_new_name(doc: Document, old: str, new: str) -> None:
    owner = owner_of_alias(doc, new)
    if owner is not None and owner != old:
        raise EditError(f'"{new}" is an alias of "{owner}"; use "{owner}" or remove the alias first')


def _canonical_or_absent(doc: Document, old: str) -> bool:
    """Whether ``old`` is a canonical tag (False: a spelling only the notes know); EditError for an alias."""
    if old in doc.tags:
        return True
    owner = owner_of_alias(doc, old)
    if owner is not None:
        raise EditError(f'"{old}" is an alias of "{owner}", not a canonical tag; `taglint fix` rewrites aliases')
    return False


def rename(text: str, old: str, new: str, keep_alias: bool = True) -> Edited:
    """Rename tag ``old`` to ``new``; merge into ``new`` when it exists. ``old`` stays as an alias if ``keep_alias``."""
    if old == new:
        raise EditError(f'"{old}" and "{new}" are the same name')
    doc = Document(text)
    tags, log = doc.tags, []
    _check_new_name(doc, old, new)
    case_only = not doc.case_sensitive and name_key(old, False) == name_key(new, False)
    if case_only and keep_alias:
        # The old spelling would be an alias differing only in case, which the taxonomy refuses: it resolves anyway.
        keep_alias = False
        log.append(f'"{old}" is not kept as an alias: with case_sensitive: false every case variant already resolves to "{new}"')
    if not _canonical_or_absent(doc, old):
        if new in tags and keep_alias:
            add_items(spec_of(doc, new), "aliases", [old], {new})
            return Edited(validated(doc), tuple(log))
        return Edited(text, tuple(log))  # a spelling only the notes know: nothing to change here
    if new in tags:
        source = tags[old] if isinstance(tags[old], dict) else {}
        target = spec_of(doc, new)
        moved = [str(a) for a in source.get("aliases") or ()]
        aliases = ([old] if keep_alias else []) + moved
        if "aliases" in target:
            rewrite_seq(target["aliases"], old, (), {new})
        before_parents = [str(p) for p in target.get("parents") or ()]
        add_items(target, "aliases", aliases, {new})
        add_items(target, "parents", [str(p) for p in source.get("parents") or ()], {new, old})
        added = [str(p) for p in target.get("parents") or () if str(p) not in before_parents]
        if not target.get("description") and source.get("description"):
            target["description"] = source["description"]
        if moved:
            log.append(f'the aliases of "{old}" ({_names(moved)}) are now aliases of "{new}"')
        if added:
            log.append(f'"{new}" gains the parents of "{old}": {_names(added)}')
        delete_key(tags, old)
    else:
        rename_key(tags, old, new)
        spec = spec_of(doc, new)
        if "aliases" in spec:
            rewrite_seq(spec["aliases"], new, (), set())
        if keep_alias:
            add_items(spec, "aliases", [old], {new})
        if "aliases" in spec and not spec["aliases"]:
            del spec["aliases"]
    _rewrite_references(doc, old, (new,), log)
    return Edited(validated(doc), tuple(log))


def remove(text: str, tag: str, replace_with: str | None = None) -> Edited:
    """Delete ``tag`` and every reference to it; with ``replace_with``, re-point the references there."""
    doc = Document(text)
    if replace_with is not None:
        if replace_with not in doc.tags:
            raise EditError(f'replacement "{replace_with}" is not a canonical tag')
        return rename(text, tag, replace_with, keep_alias=False)
    log: list[str] = []
    if tag not in doc.tags:
        owner = owner_of_alias(doc, tag)
        if owner is None:
            return Edited(text)
        rewrite_seq(doc.tags[owner]["aliases"], tag, (), set())
        if not doc.tags[owner]["aliases"]:
            del doc.tags[owner]["aliases"]
        return Edited(validated(doc))
    delete_key(doc.tags, tag)
    _rewrite_references(doc, tag, (), log)
    return Edited(validated(doc), tuple(log))


def split(text: str, old: str, new: Sequence[str]) -> Edited:
    """Replace tag ``old`` by the tags ``new``: each one missing is added with ``old``'s parents; ``old`` goes.

    Children of ``old`` get every new tag as a parent. ``old``'s aliases go with
    it (an alias names one tag), and so does its description. A tag in an
    exclusive group, or the replacement of a deprecated tag, cannot become
    several tags: those are refused.
    """
    if len(set(new)) != len(new) or old in new:
        raise EditError(f'split "{old}" into distinct tags other than itself')
    doc = Document(text)
    for name in new:
        _check_new_name(doc, old, name)
    if not _canonical_or_absent(doc, old):
        return Edited(text)  # a spelling only the notes know: nothing to change here
    tags, log = doc.tags, []
    source = tags[old] if isinstance(tags[old], dict) else {}
    parents = [str(p) for p in source.get("parents") or ()]
    position = list(tags).index(old)
    from ruamel.yaml.comments import CommentedMap

    for offset, name in enumerate(n for n in new if n not in tags):
        spec = CommentedMap()
        add_items(spec, "parents", parents, {name})
        tags.insert(position + 1 + offset, name, spec)
        log.append(f'"{name}" added' + (f' with the parents of "{old}" ({_names(parents)})' if parents else ""))
    aliases = [str(a) for a in source.get("aliases") or ()]
    if aliases:
        log.append(f'the aliases of "{old}" ({_names(aliases)}) are removed with it; notes using them are split too')
    delete_key(tags, old)
    _rewrite_references(doc, old, tuple(new), log)
    return Edited(validated(doc), tuple(log))
