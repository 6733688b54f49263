"""`cyclemap overview FOLDER`: the organisation at a glance — every cycle's level and top
weak points, which internal cycles support which moments, and the leverage points."""

from __future__ import annotations

import sys
from typing import Annotated, List, Optional

import typer

from cyclemap.cli.frame import app
from cyclemap.cli.common import (
    ColorOption, ConfigOption, DebugOption, EngineOption, ExcludeOption, IgnoreOption, LangOption, SelectOption,
    guarded, h,
)
from cyclemap.format.i18n import _, decide_language

FORMATS = ("text", "markdown", "json")
PICTURES = (".svg", ".png", ".dot")


@app.command("overview", help=h(
    "The organisation at a glance: every cycle's service level and top weak points, which internal cycles "
    "support which moments (`supported_by`), and the leverage points — the internal moments behind the most "
    "weak moments.\n\n"
    "Leverage points count only weak moments whose score rests on enough answers (`min_responses`); they are "
    "ranked by customers when every such moment declares `volume`, otherwise by count, and the overview says "
    "which.\n\n"
    "Examples:\n\n"
    "    cyclemap overview cycles/\n\n"
    "    cyclemap overview cycles/ --format markdown > overview.md\n\n"
    "    cyclemap overview cycles/ --format json\n\n"
    "    cyclemap overview examples/connected/en -o overview.svg"))
@guarded
def overview(
    folders: Annotated[List[str], typer.Argument(metavar="FOLDER...", show_default=False, help=h(
        "Folders (searched for *.yaml / *.yml, subfolders included), cycle files or glob patterns."))],
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="text|markdown|json", help=h(
        "text: tables in the terminal; markdown: for a README or a report; json: as data."))] = "text",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write a picture (.svg, .png, .dot: Graphviz) or, with another suffix, the report in --format."))] = None,
    exclude: ExcludeOption = None,
    engine: EngineOption = "auto",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    color: ColorOption = "auto",
    debug: DebugOption = False,
) -> None:
    """`cyclemap overview`: reads folders of cycles, writes the overview (text, Markdown,
    JSON, or a picture when -o names one)."""
    import os

    from cyclemap.cli.deliver import Output
    from cyclemap.cli.files import collect_files, excluded_by_settings
    from cyclemap.cli.usage import UsageError, check_choice, make_pipeline
    from cyclemap.engine.overview import build_overview
    from cyclemap.format.settings import ConfigError
    from cyclemap.outputs import overview as out

    check_choice("--format", output_format, FORMATS)
    if "-" in folders:
        raise UsageError(_("overview reads folders and files, not stdin"))
    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang)
    files = collect_files(folders, exclude)
    pipeline.set_roots(folders)
    target = Output(output, [*files, config])
    target.check()  # a target that can never be written, or one of the cycles: exit 2, before any work
    try:
        files = [f for f in files if not excluded_by_settings(f, pipeline.settings_for(f))]
        o = build_overview(pipeline, files, _root(folders))
    except ConfigError as exc:
        raise UsageError(exc.text)
    shown = decide_language(pipeline.lang, [s.checked.lang for s in o.cycles if s.loaded and s.checked is not None])
    for note in out.set_aside(o):  # never silent: what was left out, on stderr
        sys.stderr.write(note(shown) + "\n")

    suffix = os.path.splitext(output or "")[1].lower()
    if output is not None and suffix in PICTURES:
        dot = out.to_dot(o, shown)
        target.write(dot if suffix == ".dot" else _draw(dot, suffix[1:], engine))
        sys.stderr.write(_("overview of {n} cycles written to {path}").format(n=len(o.cycles), path=output)(shown) + "\n")
        raise typer.Exit(0)
    target.write(_report(o, shown, output_format, color))
    raise typer.Exit(0)


def _root(folders: list[str]) -> str:
    """The folder the overview names its files from: the folders' common one (relative
    when the first was given relative)."""
    import os

    root = os.path.commonpath([os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
                               for p in folders]) if folders else "."
    return os.path.relpath(root) if not os.path.isabs(folders[0]) else root


def _report(o, lang: str, output_format: str, color: str) -> str:
    """The overview in --format: JSON, Markdown, or tables for the terminal."""
    import os

    from cyclemap.cli.usage import use_color
    from cyclemap.outputs import overview as out

    if output_format == "json":
        return out.to_json(o, lang)
    if output_format == "markdown":
        return out.to_markdown(o, lang)
    colored = use_color(color)
    unicode = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") in ("utf8", "utf8sig")
    width = int(os.environ.get("COLUMNS", "100") or 100) if os.environ.get("COLUMNS", "").isdigit() else 100
    return out.to_text(o, lang, colored, max(60, min(width, 140)), unicode)


def _draw(dot: str, fmt: str, engine: str) -> bytes:
    from cyclemap.outputs.render.engines import resolve, run_embedded_svg, run_system, svg_to_png

    which = resolve(engine)
    if which == "system":
        return run_system(dot, "dot", fmt, 60.0)
    svg = run_embedded_svg(dot, "dot", 60.0)
    return svg if fmt == "svg" else svg_to_png(svg)
