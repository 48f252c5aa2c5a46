"""`python -m builder.evaluate NAME ...`: one sub-command per evaluation module."""

from __future__ import annotations

import importlib
import importlib.util

import click

# name -> module holding a click command called `command`; imported only when used.
EVALUATIONS = {
    "timex": "builder.evaluate.timex",
    "places": "builder.evaluate.places",
    "incidents": "builder.evaluate.incidents",
}


class _Evaluations(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in EVALUATIONS if importlib.util.find_spec(EVALUATIONS[name]))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in EVALUATIONS or importlib.util.find_spec(EVALUATIONS[name]) is None:
            return None
        return importlib.import_module(EVALUATIONS[name]).command


@click.group(cls=_Evaluations)
def evaluate() -> None:
    """Score the extractors against annotated data and print precision, recall and F1."""


if __name__ == "__main__":
    evaluate(prog_name="python -m builder.evaluate")
