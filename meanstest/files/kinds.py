"""Which kind of file a path names, told from its name alone (no import of a reader).

`meanstest check` reads one household's JSON file, or picks a household out of a case
roll; it decides which by the suffix, before loading anything that reads rolls.
"""

from __future__ import annotations

from pathlib import Path

# Suffixes of the case-roll formats (`files.inputs` reads them); any other file is one
# household's JSON.
ROLL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv", ".tsv", ".xlsx", ".parquet"})


def is_roll(path: str) -> bool:
    """Whether a path names a case roll rather than one household's JSON file."""
    return path != "-" and Path(path).suffix.lower() in ROLL_SUFFIXES
