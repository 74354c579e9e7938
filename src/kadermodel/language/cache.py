"""What kadermodel builds once and keeps between processes, in the user's cache directory.

Two things are kept there: lark's parser tables (:mod:`kadermodel.language.syntax`) and the
checked bundled kaders (:mod:`kadermodel.language.bundled`), so ``kadermodel assess`` does not
import lark or parse the VNG kader in every process. Both are pickles that only kadermodel
writes, in the user's own cache directory. A file's name holds a hash of everything its
content follows from, so a stale file is never loaded: the text it was built from, the Python
version, and the size and modification time of every source file of the installed package
(:func:`code_fingerprint`). A cache that cannot be read or written (read-only, full, damaged)
is simply not used; writes are atomic, as another process may be reading.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT_GRAMMAR = _PACKAGE.parents[1] / "grammar"
_CODE_SUFFIXES = (".py", ".lark", ".yaml")


def cache_dir() -> Path | None:
    """Where built values are kept between processes: ``$XDG_CACHE_HOME/kadermodel`` or
    ``~/.cache/kadermodel``; None when there is no home directory to put it in."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "kadermodel"
    try:
        return Path.home() / ".cache" / "kadermodel"
    except (RuntimeError, KeyError, OSError):
        return None


@functools.cache
def code_fingerprint() -> str:
    """A hash of the path, size and modification time of every source file of kadermodel
    (and of ``grammar/`` in a source checkout): it changes whenever the code does."""
    digest = hashlib.sha256(sys.version.encode())
    for folder in (_PACKAGE, _CHECKOUT_GRAMMAR):
        for root, directories, files in os.walk(folder):
            directories[:] = sorted(d for d in directories if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(_CODE_SUFFIXES):
                    path = os.path.join(root, name)
                    with contextlib.suppress(OSError):
                        status = os.stat(path)
                        digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def cache_path(directory: Path | None, kind: str, *parts: str) -> Path | None:
    """The file for a value of ``kind`` built from ``parts`` (None without a directory)."""
    if directory is None:
        return None
    key = hashlib.sha256("\0".join((code_fingerprint(), *parts)).encode()).hexdigest()[:24]
    return directory / f"{kind}-{key}-py{sys.version_info[0]}{sys.version_info[1]}.pickle"


def load_value(path: Path | None) -> object | None:
    """The value kept at ``path``, or None when there is none or it cannot be read."""
    if path is None:
        return None
    try:
        with path.open("rb") as stream:
            value: object = pickle.load(stream)
    except Exception:  # absent or unusable: the caller builds it instead
        return None
    return value


def save_value(path: Path | None, value: object) -> None:
    """Keep ``value`` at ``path``, atomically; never fails (an unwritable cache is not used)."""
    if path is None:
        return
    write_atomically(path, lambda stream: pickle.dump(value, stream, pickle.HIGHEST_PROTOCOL))


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file through ``write(stream)`` to a temporary name, then rename it into place;
    never fails."""
    import tempfile  # only when writing: most processes only read the cache

    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
        temporary = None
    except Exception:  # a cache that cannot be written is not used
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
