"""The run report (``--report RUN.json``): what a pipeline checks after a run.

A small versioned JSON document (`meanstest.run/1`): when the run started and ended,
the input (its path, format and SHA-256) and output, the records by status and by the
engine that assessed them (columnar or reference, and why households went to the
reference), the errors, the rule sets and digests used (with the dates), the total
monthly benefit and the meanstest version. Nothing in it names a household.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import IO, TYPE_CHECKING, Any, Final

from .. import __version__
from ..money import fmt

if TYPE_CHECKING:
    from ..files.inputs import Input
    from .tally import Tally

REPORT_SCHEMA: Final = "meanstest.run/1"


def run_report(
    tally: Tally,
    *,
    started: dt.datetime,
    finished: dt.datetime,
    source: dict[str, Any],
    output: dict[str, Any],
) -> dict[str, Any]:
    """The report of a run (see the module docstring)."""
    rules: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rule_set, digest, as_of in sorted(tally.rules):
        rules[(rule_set, digest)].append(as_of)
    return {
        "schema": REPORT_SCHEMA,
        "meanstest_version": __version__,
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "input": source,
        "output": output,
        "records": tally.records,
        "blank_skipped": tally.skipped,
        "errors": tally.errors,
        # What the command exits with: 3 when any record is an error record, else 0.
        "exit_status": 3 if tally.errors else 0,
        "by_status": dict(sorted(tally.by_status.items())),
        "by_path": {"columnar": tally.paths["columnar"], "reference": tally.paths["reference"]},
        "to_reference": dict(sorted(tally.routes.items())),
        "rule_sets": [
            {"id": rule_set, "digest": digest, "dates": dates}
            for (rule_set, digest), dates in rules.items()
        ],
        "benefit_monthly_total": fmt(tally.benefit),
        "support_monthly_total": fmt(tally.benefit + tally.extra_support),
    }


def write_report(
    tally: Tally,
    started: dt.datetime,
    source: Input,
    input_path: str,
    output: str | None,
    out_format: str,
    detail: str,
    path: str,
    stream: IO[str] | None = None,
) -> None:
    """Write the run report (`batch.report`) atomically to the file ``path``, or to
    ``stream`` when ``path`` names one of the process's streams (`report_stream`)."""
    import json  # noqa: PLC0415

    from ..files.placing import atomic_file  # noqa: PLC0415

    report = run_report(
        tally,
        started=started,
        finished=dt.datetime.now().astimezone(),
        source={
            "path": input_path,
            "format": source.format,
            "sha256": source.digest() if source.digest else None,
        },
        output={"path": output or "-", "format": out_format, "detail": detail},
    )
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if stream is not None:
        stream.write(text)
        stream.flush()
        return
    with atomic_file(path) as temp:
        temp.write_text(text, encoding="utf-8")


# The names of the process's own streams: a report there is written to the stream as it
# is, never replaced or removed (/dev/stdout resolves to the file the shell redirected
# standard output to, which a file's handling would remove and rename over).
_STREAMS: Final = {
    "-": "stdout",
    "/dev/stdout": "stdout",
    "/dev/fd/1": "stdout",
    "/proc/self/fd/1": "stdout",
    "/dev/stderr": "stderr",
    "/dev/fd/2": "stderr",
    "/proc/self/fd/2": "stderr",
}


def report_stream(path: str) -> str | None:
    """``"stdout"`` or ``"stderr"`` when ``path`` names that stream of the process
    (``-`` is standard output), else None: a file."""
    return _STREAMS.get(path)
