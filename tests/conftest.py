"""Shared test set-up: an isolated rule cache, paths, and a console at a fixed width."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RULES = ROOT / "rules"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _isolated_rule_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the on-disk rule cache of the tests out of the user's cache directory."""
    old = os.environ.get("MEANSTEST_CACHE_DIR")
    os.environ["MEANSTEST_CACHE_DIR"] = str(tmp_path_factory.mktemp("rule-cache"))
    yield
    if old is None:
        os.environ.pop("MEANSTEST_CACHE_DIR", None)
    else:
        os.environ["MEANSTEST_CACHE_DIR"] = old


@pytest.fixture
def console_file() -> io.StringIO:
    """A file for a rich Console to render into."""
    return io.StringIO()
