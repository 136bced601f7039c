"""The library API of batch: the same code as `meanstest batch`, in your own pipeline.

`assess_records` streams household records to result records (a Dask or Spark partition,
a file, a list); `assess_partition` is its list form; `read_households` reads a case roll
into validated households, for work that assesses them itself (`compare`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import ClosedStream, MeansTestError, Unreadable
from ..files.inputs import open_input
from ..files.records import Record
from ..render.errors import message
from .core import Assessor, Job

if TYPE_CHECKING:
    from ..files.inputs import Input
    from ..model.household import Household
    from ..render.labels import Lang
    from ..ruleset.model import RuleSet

Read = tuple[int, "Household | Unreadable"]


def assess_records(
    records: Iterable[Mapping[str, Any] | str | bytes],
    *,
    rules: str | Path | RuleSet | None = None,
    on: dt.date | None = None,
    today: dt.date | None = None,
    lang: Lang = "en",
    first_line: int = 1,
    show_personal_data: bool = False,
    rules_dirs: Iterable[str | Path] = (),
) -> Iterator[dict[str, Any]]:
    """Assess households one by one; yield one result or error record for each.

    Records are household objects (as decoded from JSON) or lines of JSON text;
    blank lines are skipped. Results are `meanstest.assessment/1` dicts, as
    ``check --format json`` gives; a record that cannot be assessed yields a
    `meanstest.error/1` dict with its line (counted from ``first_line``).

    Args:
        records: any iterable, consumed lazily (a file, a Dask or Spark partition).
        rules: a `RuleSet` (it pickles: load it once, ship it to workers), a rule set
            id or file, or None for each household's region.
        on: assess every household on this date.
        today: the date used when neither ``on`` nor the household gives one; pass
            it in a distributed run so that every partition agrees. Default: today.
        lang: the language of messages.
        first_line: the line number of the first record.
        show_personal_data: names and ID numbers unmasked (masked by default).
        rules_dirs: directories of your own rule files, searched by id (a region,
            ``rules``, ``extends``) before the shipped ones, as ``--rules-dir``.

    Raises:
        MeansTestError: a rule file is broken (no record could be assessed).
    """
    job = Job(
        today=today or dt.date.today(),  # noqa: DTZ011
        rules=rules,
        on=on,
        lang=lang,
        show_personal_data=show_personal_data,
        rules_dirs=tuple(Path(d) for d in rules_dirs),
    )
    assessor = Assessor(job)
    for line, payload in enumerate(records, start=first_line):
        if isinstance(payload, str | bytes) and not payload.strip():
            continue
        yield assessor.outcome(Record(line, payload)).output


def assess_partition(
    records: Iterable[Mapping[str, Any] | str | bytes], **options: Any
) -> list[dict[str, Any]]:
    """`assess_records` as a list, for a partition function that must return one.

    A persisted Dask bag reads each partition more than once, which an iterator
    would not survive. Takes the keyword options of `assess_records`.
    """
    return list(assess_records(records, **options))


def open_roll(
    path: str,
    encoding: str | None,
    *,
    stdin: IO[bytes] | None = None,
    note: Callable[[str], None] | None = None,
    lang: Lang = "en",
) -> Input:
    """Open a case roll as `meanstest batch` reads it, and tell ``note`` (in ``lang``)
    what the user should know about the reading (a roll read as GBK).

    Raises:
        MeansTestError: the roll cannot be opened (a closed standard input, a file that
            cannot be read), or its header row is wrong.
    """
    try:
        source = open_input(path, None, encoding, stdin=stdin)
    except ClosedStream as exc:
        raise MeansTestError(exc.code, path=path) from None
    except OSError as exc:
        raise MeansTestError(
            "cannot_read", params={"what": "case_roll", "reason": exc.strerror}, path=path
        ) from None
    if source.note and note is not None:
        note(message(source.note, {}, lang))
    return source


def read_households(
    path: str,
    encoding: str | None = None,
    *,
    stdin: IO[bytes] | None = None,
    note: Callable[[str], None] | None = None,
    lang: Lang = "en",
) -> Iterator[Read]:
    """Yield (line, household or the error that stops it) for each record of a case roll.

    The roll may be JSON Lines, CSV or .xlsx (``-`` reads ``stdin``), read as `meanstest
    batch` reads it; blank lines are skipped, and every other record yields exactly once,
    in order. ``note`` hears what the user should know about the reading (a roll read as
    GBK), before the first record; it, and the messages of a record that cannot be read,
    are in ``lang``.

    Raises:
        MeansTestError: the roll cannot be opened, or its header row is wrong.
    """
    source = open_roll(path, encoding, stdin=stdin, note=note, lang=lang)
    # Reading needs no date: the Job's is never used.
    reader = Assessor(
        Job(dt.date.min, lang=lang, encoding=source.encoding or "utf-8", layout=source.layout)
    )
    with source:
        for record in source.records:
            yield record.line, reader.household(record)
