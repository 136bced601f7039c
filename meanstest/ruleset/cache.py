"""An on-disk cache of resolved rule sets, so `meanstest check` starts fast.

Parsing YAML and validating a chain of rule files costs more than the whole
assessment. A resolved `RuleSet` is therefore pickled under the user's cache
directory, keyed by the requested file, the rule directories that ids are looked up
in (a user's ``--rules-dir`` directories, then the shipped rules), and the code that
resolves it. It is used only while everything that decided the resolution is
unchanged: the content hash of every file in its chain, and the file each `extends` id
is found in now (a new file that the lookup would prefer, in any directory it
searches, makes the entry stale; the caller checks the lookups, see
`RuleLibrary.load_file`). The cache holds only what meanstest itself wrote: its
directory is private to the user (0700) and a file that anyone else could have
written is ignored. The directory is the user's cache directory of the platform
(`platformdirs`), ``meanstest`` in it; set ``MEANSTEST_NO_CACHE=1`` to bypass it,
``MEANSTEST_CACHE_DIR`` to move it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:
    from .model import RuleSet

# The code that resolves rule sets: a change to any of it makes every cached set stale.
_CODE = (
    "ruleset/load.py",
    "ruleset/model.py",
    "ruleset/rulefile.py",
    "ruleset/keys.py",
    "ruleset/blocks.py",
    "ruleset/yamlfile.py",
    "ruleset/checks.py",
    "money.py",
    "model/vocabulary.py",
    "ruleset/resolve.py",
    "ruleset/across.py",
    "ruleset/value_types.py",
)
# What an entry holds besides the rule set; a change of layout makes old entries misses.
_FORMAT = "rule-set+lookups/2"
# A rule file is at most 1 MB (rulefile.MAX_FILE_BYTES); a file now larger is stale.
_MAX_INPUT = 1_000_000

# (an `extends` id, the directory of the file that names it, the file it was found in)
Lookup = tuple[str, str, str]


def _directory() -> Path | None:
    if os.environ.get("MEANSTEST_NO_CACHE"):
        return None
    explicit = os.environ.get("MEANSTEST_CACHE_DIR")
    if explicit:
        return Path(explicit)
    # The user's cache directory as each platform has it ($XDG_CACHE_HOME or ~/.cache on
    # Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows).
    import platformdirs  # noqa: PLC0415 - not needed when MEANSTEST_CACHE_DIR is set

    return Path(platformdirs.user_cache_dir("meanstest", appauthor=False))


def _key(path: Path, library: Sequence[Path]) -> str:
    here = Path(__file__).parent.parent
    parts = [__version__, _FORMAT, str(path.resolve()), *(str(d.resolve()) for d in library)]
    for name in _CODE:
        info = (here / name).stat()
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:40]


def _private(file: Path) -> bool:
    info = file.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _unchanged(name: str, digest: str) -> bool:
    with Path(name).open("rb") as stream:
        content = stream.read(_MAX_INPUT + 1)
    return hashlib.sha256(content).hexdigest() == digest


def get(path: Path, library: Sequence[Path]) -> tuple[RuleSet, tuple[Lookup, ...]] | None:
    """Return the cached rule set for ``path`` (with ids looked up in the directories of
    ``library``, in order) and the lookups that resolved it, if every file in its chain
    is unchanged.

    The caller must check that each lookup still finds the same file.
    """
    directory = _directory()
    if directory is None:
        return None
    try:
        file = directory / f"{_key(path, library)}.pickle"
        if not file.is_file() or not _private(file) or not _private(directory):
            return None
        entry = pickle.loads(file.read_bytes())  # noqa: S301 - our own private file
        rule_set, lookups = entry
        if not all(_unchanged(name, digest) for name, digest in rule_set.inputs):
            return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None
    return rule_set, lookups


def put(
    path: Path, library: Sequence[Path], rule_set: RuleSet, lookups: tuple[Lookup, ...]
) -> None:
    """Store a resolved rule set and its lookups; a cache that cannot be written is skipped."""
    directory = _directory()
    if directory is None:
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(directory):
            return
        blob = pickle.dumps((rule_set, lookups), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
        os.replace(tmp, directory / f"{_key(path, library)}.pickle")
    except OSError:
        return
