"""`cyclemap render FILE -o OUT`: draw the cycle with Graphviz (DESIGN §5).

The format comes from the output's suffix (.svg .png .pdf .dot); `-o -` writes SVG (or
DOT with `--format dot`) to stdout. A file that does not load is not drawn: its
diagnostics are printed and the command exits 1 without writing anything. `--watch`
redraws whenever the file changes and keeps going after errors (a trainer editing the
cycle during a workshop).

Like every command module, it imports the output it makes (here the diagram builders,
~90 ms) inside the command: all commands are registered at every start-up.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from cyclemap.cli.answers import StrictOption
from cyclemap.cli.frame import Frame, app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ConfigOption, DebugOption, EngineOption, IgnoreOption, LangOption, RatingsOption,
    SegmentOption, SelectOption, UsageError, check_choice, guarded, h,
)
from cyclemap.cli.progress import progress
from cyclemap.cli.usage import say
from cyclemap.format.diagnostics import Refusal, shown
from cyclemap.format.i18n import Number, Verbatim, _, _p, join

SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


def output_format(output: str, fmt: str | None) -> str:
    from cyclemap.outputs.render import FORMATS

    if fmt is not None:
        fmt = fmt.lower().lstrip(".")
        check_choice("--format", fmt, FORMATS)
        if output == "-" and fmt not in ("svg", "dot"):
            raise UsageError(_("-o - writes SVG or DOT only; give a file name for PNG or PDF"))
        return fmt
    if output == "-":
        return "svg"
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(_("{path}: cannot tell the format from the suffix {suffix}; "
                           "use .svg, .png, .pdf or .dot (or --format)").format(
            path=output, suffix=Verbatim(suffix) if suffix else _p("no file suffix", "(none)")))
    return SUFFIXES[suffix]


def render_once(run: Frame, fmt: str, layout: str, engine: str, timeout: float, view: str = "client",
                split: str = "auto", written: list | None = None) -> int:
    """Check, draw, write; the exit code. A file that does not load is not drawn: its
    diagnostics go to stderr (exit 1). A picture too large to print at 8 pt is split
    into sheets (`outputs/render/split.py`), all written or none."""
    from cyclemap.cli.deliver import is_stream
    from cyclemap.outputs.atomic import write_all_atomic
    from cyclemap.outputs.render.split import files_for, render_split

    checked = run.loaded()
    if checked is None:
        return EXIT_FINDINGS
    if run.output.to_stdout or is_stream(run.output.path):
        split = "never"  # one stream holds one picture
    with progress(_("Drawing the diagram")):  # the built-in Graphviz compiles itself the first time
        drawing = render_split(checked, layout=layout, fmt=fmt, engine=engine, timeout=timeout, view=view,
                               split=split)
    file = run.file or "-"
    if not drawing.split:
        _say_if_too_small(file, drawing.sheets[0].printed, layout, view)
        run.output.write(drawing.sheets[0].data)
        return EXIT_OK
    files = files_for(drawing, run.output.path, fmt)
    write_all_atomic(files, inputs=run.output.inputs)
    if written is not None:
        written.extend(path for path, _data in files)
    _say_split(file, drawing, files, layout, view, split)
    return EXIT_OK


def _say_split(file: str, drawing, files: list[tuple[str, bytes]], layout: str, view: str, split: str) -> None:
    """A split picture says so, why, and names every file (and, for a PDF, its pages)."""
    from cyclemap.outputs.render import PRINT_MIN_PT, page_for

    page, _dims = page_for(layout, view)
    count = len(drawing.sheets)
    how = (_("one sheet per stage") if drawing.by_stage and all(s.sheet.stage for s in drawing.sheets)
           else _("by stage, and a stage too large in runs of consecutive moments") if drawing.by_stage
           else _("in runs of consecutive moments (the cycle has no stages)"))
    if split == "stage":
        say(_("{file}: drawn on {count} sheets as --split stage asks ({how})").format(
            file=shown(file), count=Number(count, 0), how=how))
    else:
        say(_("{file}: the picture was split into {count} sheets ({how}): on one {page} landscape page its "
              "smallest text would be {size} pt, under {minimum} pt. --split never draws one sheet").format(
            file=shown(file), count=Number(count, 0), how=how, page=Verbatim(page),
            size=Number(drawing.whole, 1), minimum=Number(PRINT_MIN_PT, 0)))
    if len(files) == 1:
        say(_("  wrote {path}: {count} pages, one per sheet").format(path=shown(files[0][0]), count=Number(count, 0)))
    for (path, _data), drawn in zip(files if len(files) == count else [], drawing.sheets):
        say(_("  wrote {path}: sheet {index} of {count}, smallest text {size} pt").format(
            path=shown(path), index=Number(drawn.sheet.index, 0), count=Number(count, 0),
            size=Number(drawn.printed, 1) if drawn.printed is not None else "?"))
    for drawn in drawing.sheets:
        if drawn.printed is not None and drawn.printed < PRINT_MIN_PT:
            say(_("  sheet {index} still prints its smallest text at {size} pt (one moment larger than a page "
                  "allows)").format(index=Number(drawn.sheet.index, 0), size=Number(drawn.printed, 1)))


def _say_if_too_small(file: str, size: float | None, layout: str, view: str) -> None:
    """Never print below 8 pt silently: when the picture fitted to its page would make its
    smallest text smaller than that, say so on stderr, with the size and what to do."""
    from cyclemap.cli.usage import say
    from cyclemap.format.diagnostics import shown
    from cyclemap.outputs.render import PRINT_MIN_PT, page_for

    if size is None or size >= PRINT_MIN_PT:
        return
    page, _dims = page_for(layout, view)
    say(_("{file}: this picture is too large to print legibly: fitted to {page} landscape its smallest text "
          "is {size} pt (under {minimum} pt). Print it larger, or draw a part of the cycle at a time "
          "(the moments of one stage in a file of their own)").format(
        file=shown(file), page=Verbatim(page), size=Number(size, 1), minimum=Number(PRINT_MIN_PT, 0)))


def _stamp(path: str):
    """What says the file changed: its identity (inode and device: an editor that saves by
    replacing the file, even with the same size and an old mtime), size, mtime and kind.
    A stat only: never opens the path, so a FIFO there cannot block the watcher."""
    try:
        st = Path(path).stat()
        return (st.st_ino, st.st_dev, st.st_mtime_ns, st.st_size, st.st_mode)
    except (OSError, ValueError):
        return None


def watch(run: Frame, fmt: str, layout: str, engine: str, timeout: float,
          max_renders: int | None, interval: float = 0.25, view: str = "client", split: str = "auto") -> int:
    """Redraw on every change of `file` (polling `_stamp`, which also sees editors that
    save by replacing the file). Errors are reported, never fatal; a path that is not a
    regular file for a moment is refused (exit-2 message) and watching goes on."""
    file, output = run.file, run.output.path
    renders = 0
    last = object()
    try:
        while max_renders is None or renders < max_renders:
            stamp = _stamp(file)
            if stamp != last:
                last = stamp
                renders += 1
                started = time.perf_counter()
                written: list[str] = []
                try:
                    code = render_once(run, fmt, layout, engine, timeout, view, split, written)
                except Refusal as exc:  # a usage error, an output refused, a drawing that failed
                    say(join(["cyclemap: ", exc.text], separator=""))
                    code = EXIT_USAGE
                ms = (time.perf_counter() - started) * 1000
                stamp_text = time.strftime("%H:%M:%S")
                if code == EXIT_OK and len(written) > 1:
                    say(_("[{time}] drew {count} sheets ({ms} ms); watching {file} (Ctrl-C stops)").format(
                        time=stamp_text, count=Number(len(written), 0), ms=Number(ms, 0), file=shown(file)))
                elif code == EXIT_OK:
                    say(_("[{time}] drew {output} ({ms} ms); watching {file} (Ctrl-C stops)").format(
                        time=stamp_text, output=shown(output), ms=Number(ms, 0), file=shown(file)))
                else:
                    say(_("[{time}] not drawn; fix {file} and save again").format(time=stamp_text, file=shown(file)))
                sys.stderr.flush()
                continue
            time.sleep(interval)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


@app.command("render", help=h(
    "Draw a cycle as a diagram: critical moments, scores and weak points at a glance, with a legend.\n\n"
    "Examples:\n\n"
    "    cyclemap render examples/banco.yaml -o banco.svg\n\n"
    "    cyclemap render examples/banco.yaml -o banco.png --layout blueprint\n\n"
    "    cyclemap render examples/banco.yaml -o - --format dot\n\n"
    "    cyclemap render examples/banco.yaml -o banco-analista.svg --view analyst\n\n"
    "    cyclemap render taller.yaml -o taller.svg --watch\n\n"
    "A picture whose smallest text would print under 8 pt on its page (A4 landscape; A3 for the "
    "blueprint and the analyst view) is split into sheets, one per stage (runs of consecutive moments when there are no stages): "
    "a .pdf gets one page per sheet; .svg and .png give numbered files NAME-1.svg, NAME-2.svg, ..., each named "
    "on stderr. All the sheets are written, or none."))
@guarded
def render(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file to draw (- for stdin)."))],
    output: Annotated[str, typer.Option("--output", "-o", metavar="OUT", show_default=False, help=h(
        "Where to write: .svg .png .pdf .dot (the suffix picks the format); - for stdout (SVG)."))],
    layout: Annotated[str, typer.Option("--layout", "-l", metavar="clock|flow|blueprint", help=h(
        "clock: Albrecht's dial; flow: left to right by stage; blueprint: swim lanes and line of visibility."))] = "clock",
    view: Annotated[str, typer.Option("--view", metavar="client|analyst", help=h(
        "client: for the client (names, critical moments, score marks, the top weak points numbered); "
        "analyst: every finding's code on its moment, and the full legend."))] = "client",
    engine: EngineOption = "auto",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="svg|png|pdf|dot", help=h(
        "Format, when the output's suffix does not say it (or with -o -)."))] = None,
    split: Annotated[str, typer.Option("--split", metavar="auto|never|stage", help=h(
        "auto: split the picture into sheets only when it would print under 8 pt; never: always one "
        "sheet (with a warning when it is too small); stage: one sheet per stage whatever the size."))] = "auto",
    watch_file: Annotated[bool, typer.Option("--watch", "-w", help=h(
        "Redraw every time the file changes; errors are reported and watching goes on."))] = False,
    watch_max: Annotated[Optional[int], typer.Option("--watch-max-renders", hidden=True)] = None,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", help=h(
        "Give up drawing after this many seconds."))] = 30.0,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """`cyclemap render`: reads one cycle, writes its diagram (SVG, PNG, PDF or DOT)."""
    from cyclemap.outputs.render import ENGINES, LAYOUTS, VIEWS

    check_choice("--layout", layout, LAYOUTS)
    check_choice("--engine", engine, ENGINES)
    check_choice("--view", view, VIEWS)
    check_choice("--split", split, ("auto", "never", "stage"))
    if not 0 < timeout < 1e9:  # also refuses inf and nan (an infinite wait crashed the engine call)
        raise UsageError(_("--timeout must be a number of seconds more than 0"))
    run = Frame.resolve(file, output, select=select, ignore=ignore, config=config, ratings=ratings, strict=strict,
                        segment=segment, lang=lang)
    fmt = output_format(output, fmt)
    if split == "stage" and (output == "-" or fmt == "dot"):
        raise UsageError(_("--split stage draws the picture on several sheets: it needs an output file (not -) "
                           "and .svg, .png or .pdf"))
    if watch_file:
        if output == "-":
            raise UsageError(_("--watch needs an output file, not -"))
        if file == "-":
            raise UsageError(_("--watch needs a cycle file to watch, not - (stdin)"))
        raise typer.Exit(watch(run, fmt, layout, engine, timeout, watch_max, view=view, split=split))
    raise typer.Exit(render_once(run, fmt, layout, engine, timeout, view, split))
