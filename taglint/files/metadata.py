"""What a rewritten file keeps of the file it replaces: owner, mode, extended attributes (ACLs).

A rewrite is a new file renamed over the old one (``files.write``), so
everything the old inode carried besides its bytes must be copied onto the
temp file before the rename, in this order:

1. owner and group (``fchown``), where we may: as root, or a group we belong to;
2. extended attributes, POSIX ACLs included (``system.posix_acl_access``);
3. the mode, last: a ``chown`` clears the setuid and setgid bits (Linux does
   so even for root), and setting an ACL rewrites the group bits.

A setuid (setgid) bit means "run as the file's owner (group)": when the
owner (group) could not be kept, the file is now ours, and the bit is dropped
rather than made to mean "run as whoever fixed the note".

An extended attribute that cannot be copied makes the write fail (the caller
reports the note as not written), except where the file system has none
(ENOTSUP) and for the kernel's and the administrator's namespaces
(``security.``, ``trusted.``), which an unprivileged process may not set and
which the system gives the new file itself (an SELinux label, for one).
"""

from __future__ import annotations

import errno
import os
import stat

_FCHOWN = hasattr(os, "fchown")
_XATTRS = hasattr(os, "listxattr")  # Linux; not macOS or Windows
_NONE_HERE = {errno.ENOTSUP, errno.EOPNOTSUPP}
_SYSTEMS_OWN = ("security.", "trusted.")


class MetadataNotKept(Exception):
    """An attribute of the old file that the new one could not be given; the message says which."""


def keep(fd: int, source: str, info: os.stat_result) -> int:
    """Give the open temp file ``fd`` the owner and extended attributes of ``source`` (stat ``info``).

    Returns the mode to set last (``os.fchmod``), after which nothing may change the owner.
    """
    mode = stat.S_IMODE(info.st_mode)
    if _FCHOWN and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        mode = _keep_owner(fd, info, mode)
    if _XATTRS:
        _keep_xattrs(fd, source)
    return mode


def _keep_owner(fd: int, info: os.stat_result, mode: int) -> int:
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
        return mode
    except OSError:
        pass
    try:
        os.fchown(fd, -1, info.st_gid)  # the group alone, when we belong to it
    except OSError:
        pass  # not permitted: the file becomes ours, as with any editor that saves by rename
    now = os.fstat(fd)
    if now.st_uid != info.st_uid:
        mode &= ~stat.S_ISUID
    if now.st_gid != info.st_gid:
        mode &= ~stat.S_ISGID
    return mode


def _keep_xattrs(fd: int, source: str) -> None:
    try:
        names = os.listxattr(source)
    except OSError as exc:
        if exc.errno in _NONE_HERE:
            return
        raise MetadataNotKept(f"cannot read its extended attributes ({exc.strerror}); not written") from None
    for name in names:
        try:
            value = os.getxattr(source, name)
            try:
                if os.getxattr(fd, name) == value:
                    continue  # given by the system already (an SELinux label, an inherited default ACL)
            except OSError:
                pass
            os.setxattr(fd, name, value)
        except OSError as exc:
            if exc.errno in _NONE_HERE or exc.errno == errno.ENODATA:
                continue  # no such attributes here, or removed from the old file meanwhile
            if exc.errno in (errno.EPERM, errno.EACCES) and name.startswith(_SYSTEMS_OWN):
                continue
            raise MetadataNotKept(f"cannot keep its extended attribute {name} ({exc.strerror}); not written") from None
