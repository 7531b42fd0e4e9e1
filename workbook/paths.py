"""Where files are: the shipped cases, and the one gate a typed file name goes through.

Authors edit the shipped cases in the repository's ``data/cases`` folder. A
checkout, or an editable install of it, reads them there; a built package
(``pip install .``) carries a copy made at build time as ``workbook/_cases``
and reads that. Set ``WORKBOOK_CASES`` to point the workbook at another folder.

The widgets can be served to people who do not hold the server (Voilà for a
class), so a file name typed into a widget is untrusted: :func:`confined` turns
it into a path inside the workbook's folder or refuses it, before anything
looks at the disk, with the same message whether or not the file exists.
Reading goes through :func:`read_at_most`, which refuses anything but a regular
file and reads at most the limit, whatever the file claims its size is; saving
replaces only what :func:`replaceable` allows. The command line is trusted and
may name any path.

These sit below the error classes, so each takes ``refuse(problem, hint)``, which
makes the caller's own error (:mod:`workbook.store` passes a ``WorkspaceError``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path, PurePath

__all__ = [
    "CASES",
    "CASE_SUFFIXES",
    "DEFAULT_CASE",
    "Refuse",
    "confined",
    "holds_a_case",
    "output_file",
    "read_at_most",
    "replace_file",
    "replaceable",
]

_PACKAGED = Path(__file__).resolve().parent / "_cases"
_CHECKOUT = Path(__file__).resolve().parent.parent / "data" / "cases"


def _cases_folder() -> Path:
    """``WORKBOOK_CASES``, else the copy shipped in the package, else the checkout's folder."""
    named = os.environ.get("WORKBOOK_CASES")
    if named:
        return Path(named)
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


CASES: Path = _cases_folder()
"""The folder holding one sub-folder per case."""

DEFAULT_CASE: Path = CASES / "legion-v-lutnick"
"""The flagship case, opened when no other is named."""

Refuse = Callable[[str, str], Exception]
"""Makes the caller's error from a problem and a hint."""

_ALLOWED = "a file name inside the workbook's folder, such as exports/brief.md"


def confined(root: str | Path, name: str | Path, refuse: Refuse) -> Path:
    """The path a typed ``name`` names inside ``root``, resolved; refuse any way out.

    Refused: an empty name, ``~``, an absolute path, a ``..`` part, a NUL
    character, and a name that a symbolic link leads out of ``root``. The disk
    is looked at only to follow links inside ``root``; the message for a name
    outside is the same whether or not the file exists.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> confined(root, "exports/brief.md", ValueError) == root.resolve() / "exports" / "brief.md"
    True
    >>> confined(root, "../x", lambda problem, hint: ValueError(problem))
    Traceback (most recent call last):
    ValueError: refused: the name goes up out of the workbook's folder ('..')

    """
    text = str(name).strip()
    why = ""
    if not text:
        why = "no file name was given"
    elif "\0" in text:
        why = "the name holds a NUL character"
    elif text.startswith("~"):
        why = "'~' (a home folder) is not allowed"
    elif PurePath(text).is_absolute() or text.startswith(("/", "\\")):
        why = "absolute paths are not allowed"
    elif ".." in PurePath(text.replace("\\", "/")).parts:
        why = "the name goes up out of the workbook's folder ('..')"
    if why:
        raise refuse(f"refused: {why}", f"give {_ALLOWED}")
    base = Path(root).resolve()
    try:
        real = (base / text).resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop, or a name too long
        real = None
    if real is None or (real != base and base not in real.parents):
        raise refuse(
            "refused: a symbolic link leads out of the workbook's folder",
            f"give {_ALLOWED} that is not reached through a link to elsewhere",
        )
    return real


def read_at_most(
    path: str | Path, limit: int, refuse: Refuse, what: str = "file", big_hint: str = ""
) -> bytes:
    """The bytes of the regular file ``path``, refusing more than ``limit`` of them.

    The size is found by reading (at most ``limit + 1`` bytes), never from
    ``st_size``, which is 0 for ``/dev/zero`` and a pipe. A FIFO, a device, a
    socket or a folder is refused without blocking: the file is opened
    non-blocking and checked on the open descriptor, so a swap between check
    and read cannot slip one in. ``refuse(problem, hint)`` makes the error for
    a refusal; problems opening or reading raise :class:`OSError`.
    """
    flags = os.O_RDONLY
    for extra in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC"):
        flags |= getattr(os, extra, 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise refuse(f"it is a folder, not a {what}", f"give the name of a {what}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "special file")
            raise refuse(
                f"it is a {kind}, not a regular file; only regular files are read",
                f"give the name of a {what}",
            )
        chunks, got = [], 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    finally:
        os.close(fd)
    if got > limit:
        raise refuse(
            f"the {what} is more than {limit:,} bytes, the most a {what} may have",
            big_hint or f"open the right file; a {what} is far smaller",
        )
    return b"".join(chunks)


_KINDS = {
    stat.S_IFLNK: "symbolic link",
    stat.S_IFDIR: "folder",
    stat.S_IFIFO: "pipe (FIFO)",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFSOCK: "socket",
}


def replaceable(path: str | Path, refuse: Refuse, *, force: bool = False) -> bool:
    """True when ``path`` is a regular file that may be replaced, False when there is none.

    Refused (through ``refuse``): a link, a folder, a pipe, a device, a socket,
    or a read-only file (unless ``force``); renaming over one would destroy what it is.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    kind = stat.S_IFMT(st.st_mode)
    if kind != stat.S_IFREG:
        raise refuse(
            f"cannot save: it is a {_KINDS.get(kind, 'special file')}, not a regular file, "
            "and the workbook replaces only regular files; nothing was written",
            "choose a new file name, or remove what is there first",
        )
    if not force and (not st.st_mode & 0o222 or not os.access(path, os.W_OK)):
        raise refuse(
            "cannot save: the file is read-only; nothing was written",
            "choose another file name, make the file writable first, or pass --force",
        )
    return True


def holds_a_case(folder: Path) -> bool:
    """Whether ``folder`` holds a case file (``.yaml``, ``.yml``)."""
    try:
        return any(p.suffix.lower() in CASE_SUFFIXES for p in folder.iterdir())
    except OSError:  # no such folder, or not readable: the write reports it
        return False


CASE_SUFFIXES = (".yaml", ".yml")
"""What a case file's name ends with (in any case); nothing the workbook writes does."""


def output_file(
    name: str | Path,
    refuse: Refuse,
    *,
    resolved: Path | None = None,
    suffixes: tuple[str, ...] = (),
    default: str | None = None,
) -> Path:
    """The file an export, a save or the schema is written to, once ``name`` is known to be one.

    A name that ends with a slash or names a folder means ``default`` inside that
    folder (refused when no ``default`` is given, or the folder does not exist).
    Refused: an empty name, a case file's name (``.yaml``, ``.yml``), which an
    export would overwrite with something else, and, when ``suffixes`` is given,
    any other suffix. ``resolved`` is where ``name`` leads when it is not to be
    taken as given; messages show ``name`` as typed.
    """
    text = str(name)
    if not text.strip():
        raise refuse("no output file was given", "give a file name such as brief.md")
    path = resolved or Path(text)
    try:
        folder = text.endswith(("/", os.sep)) or path.is_dir()
    except OSError as exc:  # a name too long for the system
        raise refuse(f"cannot use it ({exc.strerror or exc})", "give a shorter file name") from None
    if folder and default is None:
        raise refuse(
            "the output names a folder, not a file",
            f"give a file name inside it, such as {text.rstrip('/' + os.sep)}/brief.md",
        )
    if folder:
        if not path.is_dir():
            raise refuse("there is no such folder", "create the folder first, or give a file name")
        path = path / str(default)
    suffix = path.suffix.lower()
    if suffix in CASE_SUFFIXES:
        raise refuse(
            "the output would overwrite a case file (.yaml / .yml); exports are never YAML",
            "give a name ending in .md, .docx, .json or .argdown, outside the case folder",
        )
    if suffixes and suffix not in suffixes:
        raise refuse(
            f"only {', '.join(suffixes)} files are written here; "
            + (f"not {path.suffix}" if path.suffix else "the name has no suffix"),
            f"give a name ending in one of: {', '.join(suffixes)}",
        )
    return path


# --------------------------------------------------------------------------- saving

Error = Callable[..., Exception]
"""An error type called as ``error(problem, path=..., hint=...)``, such as ``WorkspaceError``."""


def _refusal(path: Path, error: Error) -> Refuse:
    def refuse(problem: str, hint: str) -> Exception:
        return error(problem, path=path, hint=hint)

    return refuse


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """The permissions the saved file should have: the old file's, else the umask's default."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# A temporary file is ".<name>.<8 random characters>.tmp" (".<name>.bak.<…>.tmp" for the
# backup's); one older than this was left by a killed save and is removed by the next one.
_STALE_SECONDS = 15 * 60


def _remove_stale(path: Path) -> None:
    """Remove the temporary files an interrupted save of ``path`` left behind."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:bak\.)?[a-z0-9_]{{8}}\.tmp")
    now = time.time()
    try:
        names = [n for n in os.listdir(path.parent) if pattern.fullmatch(n)]
    except OSError:
        return
    for name in names:
        old = path.parent / name
        with contextlib.suppress(OSError):
            st = os.lstat(old)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > _STALE_SECONDS:
                old.unlink()


def _temp_for(path: Path) -> tuple[int, Path]:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    return fd, Path(name)


def _keep_backup(path: Path, error: Error) -> None:
    """Make ``<name>.bak`` the current contents of ``path``, atomically."""
    bak = path.with_name(path.name + ".bak")
    if replaceable(bak, _refusal(bak, error)) and os.path.samestat(os.lstat(bak), os.lstat(path)):
        return  # already a second name for the same file; rename(2) would do nothing
    fd, tmp = _temp_for(bak)
    os.close(fd)
    try:
        tmp.unlink()
        try:
            os.link(path, tmp)  # a second name for the old file: nothing is copied
        except OSError:
            shutil.copy2(path, tmp)
        os.replace(tmp, bak)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()  # only there when the rename did not happen


def replace_file(
    path: Path, payload: bytes, error: Error, *, backup: bool = False, force: bool = False
) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old file or the new.

    The bytes go to a temporary file in the same folder, are flushed and fsynced;
    with ``backup`` the old file (if any) is kept as ``<name>.bak``; the temporary
    file is renamed over ``path`` and the folder fsynced. The temporary file is gone
    afterwards whatever happens, and ones left by a killed save are removed. Only a
    regular, writable file is ever replaced (``force``: a read-only one too, never a
    link, folder or device); anything else is refused with ``error``.

    Raises:
        OSError: the file could not be written; the caller says so in its own words.

    """
    tmp: Path | None = None
    try:
        replaceable(path, _refusal(path, error), force=force)
        _remove_stale(path)
        fd, tmp = _temp_for(path)
        with os.fdopen(fd, "wb") as handle:
            os.chmod(tmp, _mode_for(path))
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if replaceable(path, _refusal(path, error), force=force) and backup:
            _keep_backup(path, error)
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _fsync_dir(path.parent)
