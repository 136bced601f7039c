"""Shared test set-up: an isolated rule cache, paths, a console at a fixed width, and the
hypothesis profile.

Two hypothesis profiles: ``fast`` (the default, for a developer's inner loop: a tenth of
the examples) and ``thorough`` (every example; the README's test command and CI select
it with ``MEANSTEST_TEST_PROFILE=thorough``). Tests size their runs with `examples`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RULES = ROOT / "rules"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PROFILE = os.environ.get("MEANSTEST_TEST_PROFILE", "fast")
if PROFILE not in ("fast", "thorough"):
    raise pytest.UsageError(f"MEANSTEST_TEST_PROFILE={PROFILE!r}: expected fast or thorough")
settings.register_profile("fast", max_examples=20)
settings.register_profile("thorough", max_examples=100)
settings.load_profile(PROFILE)


def examples(thorough: int) -> int:
    """The number of hypothesis examples for a test: all of them in the thorough profile,
    a tenth (at least 10) in the fast one."""
    return thorough if PROFILE == "thorough" else max(10, thorough // 10)


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
