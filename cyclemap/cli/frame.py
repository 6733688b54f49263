"""The command frame: the application every command registers on, and the resolved options
of one run (`Frame`: what it reads, how it judges, where it writes), so that every command
is a short description of what it reads and what it writes.

From the command line to the exit code, each step has one place:

- options: declared in `cli.common` (the same option means the same thing everywhere);
- a bad option, input or output: `UsageError` (`cli.usage`), exit 2, before any work;
- judging: `judging` (`usage.make_pipeline`), the one way to the engine's pipeline;
- a cycle file that does not load: `Frame.load`, exit 1;
- delivery: `cli.deliver.Output` (stdout, a file, a device, a pipe);
- exit codes and any failure: `common.guarded` -> `usage.failure_exit`.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from cyclemap import __version__
from cyclemap.cli.common import CyclemapApp, CyclemapGroup, h
from cyclemap.cli.answers import attach_progress
from cyclemap.cli.deliver import Output
from cyclemap.cli.usage import EXIT_FINDINGS, STDIN, UsageError, check_input, check_one, make_pipeline
from cyclemap.format.diagnostics import shown
from cyclemap.format.i18n import _
from cyclemap.outputs.report import render as report

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle, Pipeline

app = CyclemapApp(
    name="cyclemap",
    help=h(
        "Map a cycle of service (its moments of truth) as a YAML file, then check it, "
        "criticise it, draw it and hand it out.\n\n"
        "Start with:  cyclemap check examples/  ·  cyclemap critique examples/banco.yaml"
    ),
    cls=CyclemapGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and errors in one style (common.CyclemapCommand)
    add_completion=True,  # --install-completion / --show-completion (Typer's own)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"cyclemap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help=h("Show the version and exit.")),
) -> None:
    pass



# -- the resolved options of one run: input, judging, output ---------------------------

@dataclass
class Frame:
    """What a command reads, how it judges and where it writes, resolved once from the
    command line and checked before any work (a bad option, input or output: exit 2).

    - input: `file`, one cycle file (`-`: stdin), or None for a command that reads none;
    - judging: `pipeline` (settings, --select/--ignore, --ratings/--segment, --lang);
    - output: `output`, where the product goes (`Output`: stdout, a file, a device, a pipe).
    """

    pipeline: "Pipeline"
    file: str | None
    output: Output

    @classmethod
    def resolve(cls, file: str | None = None, output: str | None = None, *, select=None, ignore=None,
                config: str | None = None, ratings: str | None = None, segment: str | None = None,
                lang: str | None = None, report: bool = False, also_reads: tuple = (), strict: bool = False) -> "Frame":
        """`report`: the product is a text report, which a file that does not load is
        replaced by (its diagnostics on stdout, not stderr) when it goes to stdout.
        `also_reads`: more files the command reads, which the output must never replace."""
        pipeline = judging(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings,
                                 segment=segment)
        pipeline.strict = strict  # --strict: any survey answer set aside is an error (cli.answers)
        if file is not None and file != STDIN:
            check_cycle_file(file)
        inputs = (pipeline.inputs(file) if file not in (None, STDIN) else [ratings]) + [config, *also_reads]
        target = Output(output, inputs, report=report)
        target.check()
        return cls(pipeline, file, target)

    def load(self) -> "CheckedCycle":
        """The cycle, checked; a file that does not load ends the command here (exit 1),
        after `loaded` reported it."""
        checked = self.loaded()
        if checked is None:
            raise typer.Exit(EXIT_FINDINGS)
        return checked

    def loaded(self) -> "CheckedCycle | None":
        """The cycle, checked, or None when the file does not load (not read, not valid):
        its diagnostics are then the report on stdout when the report goes there, else
        they go to stderr, and nothing is written."""
        checked = check_one(self.pipeline, self.file)
        if checked.loaded:
            from cyclemap.cli.answers import report_answers

            try:  # what --ratings read and set aside, on stderr; answers that cannot be used stop here
                report_answers(checked, pipeline=self.pipeline)
            except typer.Exit:
                return None
            return checked
        stream = sys.stdout if self.output.report and self.output.to_stdout else sys.stderr
        stream.write(report("text", [checked], checked.lang))
        stream.flush()
        return None


def judging(**options) -> "Pipeline":
    """The pipeline for these options (`usage.make_pipeline`: exit 2 for a bad language,
    ratings or settings file), with a progress line on the terminal while it reads a
    ratings file (`cli.answers`)."""
    pipeline = make_pipeline(**options)
    attach_progress(pipeline)
    return pipeline


def check_cycle_file(path: str) -> str:
    """A cycle file named on the command line: an existing regular file (a folder, a
    missing file, a device or a FIFO: exit 2, in one wording for every command)."""
    if os.path.isdir(path):
        raise UsageError(_("{path} is a folder; give one cycle file").format(path=shown(path)))
    return check_input(path)


def need(module: str, extra: str, command: str) -> None:
    """A part only one command uses comes with an extra (`pip install 'cyclemap[deck]'`):
    when it is missing, a usage error (exit 2) that names the extra, before any work."""
    if importlib.util.find_spec(module) is None:
        raise UsageError(_("`cyclemap {command}` needs the Python package {package}, which comes with the extra "
                           "{extra}: pip install 'cyclemap[{extra}]'").format(
            command=command, package=module, extra=extra))
