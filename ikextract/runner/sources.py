"""The files under each SRC: every path that is not a folder becomes a Source to read or a
Failure saying why it cannot be, so nothing under SRC is dropped without a row.

File names are bytes on POSIX and need not be UTF-8 (names unpacked from old zip archives
carry Latin-1 å/ä/ö). Paths are kept as Python str with surrogate escapes for reading, and
stored (source_path) as UTF-8 where each byte that is not UTF-8 is written `\\xNN`
(Python's "backslashreplace"): `stored_path` and `os_path` convert.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ikextract.model import Failure


@dataclass
class Source:
    path: str                       # the OS path to read (str, surrogate-escaped bytes)
    source_path: str                # the path as found under its SRC, as stored
    size: int = 0
    mtime_ns: int = 0
    # Other paths under SRC that are the same file (hard or symbolic links): one report.
    aliases: list[str] = field(default_factory=list)


def stored_path(path: str | bytes | os.PathLike) -> str:
    """A path as stored in the datasets: valid UTF-8, undecodable bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def os_path(source_path: str) -> str:
    """Back from a stored source_path to the path the OS knows (inverse of stored_path for
    names without a literal backslash before 'x')."""
    import re
    raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                 source_path.encode("utf-8"))
    return os.fsdecode(raw)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


class _Walk:
    def __init__(self, exclude: Optional[Path]):
        self.sources: list[Source] = []
        self.failures: list[Failure] = []
        self.by_inode: dict[tuple[int, int], Source] = {}
        self.exclude = _dir_id(exclude) if exclude is not None else None

    def fail(self, path: str, error_type: str, message: str) -> None:
        shown = stored_path(path)
        self.failures.append(Failure(shown, None, "find", error_type, f"{shown}: {message}"))

    def file(self, path: str, st: os.stat_result) -> None:
        key = (st.st_dev, st.st_ino)
        known = self.by_inode.get(key)
        if known is not None:           # the same file reached twice (links, or named twice)
            shown = stored_path(path)
            if shown != known.source_path and shown not in known.aliases:
                known.aliases.append(shown)
            return
        src = Source(path, stored_path(path), st.st_size, st.st_mtime_ns)
        self.by_inode[key] = src
        self.sources.append(src)

    def entry(self, path: str, ancestors: tuple) -> None:
        try:
            lst = os.lstat(path)
        except OSError as exc:
            self.fail(path, type(exc).__name__, f"cannot be examined: {exc.strerror}")
            return
        link = stat.S_ISLNK(lst.st_mode)
        try:
            st = os.stat(path) if link else lst
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.fail(path, "SymlinkLoop", "symbolic link loop (the link resolves to itself)")
            elif exc.errno == errno.ENOENT:
                target = os.readlink(path)
                self.fail(path, "DanglingLink", f"symbolic link to {stored_path(target)}, "
                          "which does not exist")
            else:
                self.fail(path, type(exc).__name__, f"cannot be examined: {exc.strerror}")
            return
        if stat.S_ISDIR(st.st_mode):
            self.folder(path, st, ancestors, link)
        elif stat.S_ISREG(st.st_mode):
            self.file(path, st)
        else:
            what = _kind(st.st_mode)
            self.fail(path, "NotAFile", f"{'symbolic link to ' if link else ''}{what}: "
                      "only regular files are read")

    def folder(self, path: str, st: os.stat_result, ancestors: tuple, via_link: bool) -> None:
        ident = (st.st_dev, st.st_ino)
        if ident == self.exclude:
            return                      # the output folder inside SRC is not input
        if ident in ancestors:
            self.fail(path, "SymlinkLoop", "symbolic link to a folder it is inside of: "
                      "not followed")
            return
        try:
            with os.scandir(path) as it:
                names = sorted(e.name for e in it)
        except OSError as exc:
            self.fail(path, type(exc).__name__, f"folder cannot be listed: {exc.strerror}; "
                      "files inside it are not ingested")
            return
        for name in names:
            self.entry(os.path.join(path, name), ancestors + (ident,))


def _dir_id(path: Path) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def find_sources(srcs: Iterable[str | os.PathLike], exclude: Optional[Path] = None
                 ) -> tuple[list[Source], list[Failure]]:
    """Files under each SRC (folders searched recursively, links followed, loops refused),
    in a stable order, and a Failure for every path that cannot be read as a file.
    `exclude` is the output folder: never read as input."""
    walk = _Walk(exclude)
    for src in srcs:
        path = os.fspath(src)
        if not os.path.lexists(path):
            walk.fail(path, "FileNotFound", "no such file or folder")
            continue
        walk.entry(path, ())
    return walk.sources, walk.failures
