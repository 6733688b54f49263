"""The yardstick of cyclemap's start-up (issue 26): a bare Typer app with one command that
takes paths and does nothing. `python benchmarks/bare_typer.py check FILE` costs what
any Typer command line costs to start (the interpreter, Typer, its option parsing);
cyclemap's own time is a `cyclemap check FILE` less this."""

from __future__ import annotations

from typing import List

import typer

app = typer.Typer()


@app.command()
def check(paths: List[str]) -> None:
    pass


if __name__ == "__main__":
    app()
