"""The one exception the spec pipeline raises for a problem in its input (an upstream spec it cannot use).

`regen.main` catches it and prints its one line: where the run stopped (a step, `trim`, `fetch`...) and what
that place expected. Nothing else is meant to escape as a traceback.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Input the pipeline cannot use: `where` names the step or stage, `message` says what it expected."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = " ".join(message.split())  # always one line
        super().__init__(f"{where}: {self.message}")


class Expected(Exception):
    """Raised inside a normalise step: something the step relies on is missing; `normalise` names the step."""
