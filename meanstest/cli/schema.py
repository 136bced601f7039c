"""`meanstest schema`: the JSON Schema of the household input, the assessment result or
the summary record."""

from __future__ import annotations

import click

from .env import Environment
from .options import lang_option, pass_env


@click.command()
@click.argument("which", type=click.Choice(["household", "assessment", "summary"]))
@lang_option
@pass_env
def schema(env: Environment, which: str) -> None:
    """Print the JSON Schema of the household input, the assessment or the summary.

    Example:

        meanstest schema household > household.schema.json
    """
    import json  # noqa: PLC0415

    if which == "household":
        from ..model.household import Household  # noqa: PLC0415

        document = Household.model_json_schema()
        document["$id"] = "meanstest.household/1"
    elif which == "summary":
        from ..model.contract import json_schema  # noqa: PLC0415
        from ..model.contract_summary import SummaryOut  # noqa: PLC0415

        document = json_schema(SummaryOut)
        document["$id"] = "meanstest.summary/1"
    else:
        from ..model.contract import AssessmentOut, json_schema  # noqa: PLC0415

        document = json_schema(AssessmentOut)
        document["$id"] = "meanstest.assessment/1"
    from ..model.descriptions import describe  # noqa: PLC0415

    env.echo_data(json.dumps(describe(document), ensure_ascii=False, indent=2))
