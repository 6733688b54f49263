"""`cyclemap export FILE --to mermaid|markdown|csv|json [-o OUT]`: the cycle for other tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.common import EXIT_FINDINGS, EXIT_OK, DebugOption, LangOption, UsageError, check_lang, guarded, h, check_choice


EXPORT_HELP_ES = """Exporta un ciclo para READMEs, hojas de cálculo y otras herramientas.

    Ejemplos:

        cyclemap export examples/banco.yaml --to mermaid

        cyclemap export examples/banco.yaml --to csv -o banco.csv

        cyclemap export examples/banco.yaml --to json > banco.json
    """


@app.command("export", help=h(None, EXPORT_HELP_ES))
@guarded
def export(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file to export.", "El archivo de ciclo a exportar."))],
    to: Annotated[str, typer.Option("--to", "-t", metavar="mermaid|markdown|csv|json", help=h(
        "mermaid: a journey GitHub draws; markdown: a table; csv: for spreadsheets; json: the normalised model.",
        "mermaid: un journey que GitHub dibuja; markdown: una tabla; csv: para hojas de cálculo; json: el modelo normalizado."))],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT", help=h(
        "File to write (default: stdout).", "Archivo a escribir (por defecto: la salida estándar)."))] = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Export a cycle for READMEs, spreadsheets and other tools.

    Examples:

        cyclemap export examples/banco.yaml --to mermaid

        cyclemap export examples/banco.yaml --to csv -o banco.csv

        cyclemap export examples/banco.yaml --to json > banco.json
    """
    from cyclemap.engine.analysis import analyse_cycle, choose_lang
    from cyclemap.outputs.atomic import OutputError, check_output, write_atomic
    from cyclemap.format.diagnostics import FileResult
    from cyclemap.outputs.export import EXPORTS, export as convert
    from cyclemap.format.reader import load_path
    from cyclemap.outputs.report import render as report

    lang = check_lang(lang)
    check_choice("--to", to, EXPORTS)
    if not Path(file).is_file():
        raise UsageError(f"{file}: no such file", f"{file}: no existe el archivo")
    if output not in (None, "-"):
        try:
            check_output(output, [file])
        except OutputError as exc:
            raise UsageError(exc.text.en, exc.text.es)
    try:
        cycle, problems = load_path(file)
    except OSError as exc:
        raise UsageError(f"{file}: cannot read ({exc.strerror})", f"{file}: no se puede leer ({exc.strerror})")
    if cycle is None:
        text_lang = choose_lang(None, lang)
        sys.stderr.write(report("text", [FileResult(file, problems, None, text_lang)], text_lang))
        raise typer.Exit(EXIT_FINDINGS)
    text = convert(cycle, to, analyse_cycle(cycle), choose_lang(cycle, lang))
    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        try:
            write_atomic(output, text, inputs=[file])
        except OutputError as exc:
            raise UsageError(exc.text.en, exc.text.es)
    raise typer.Exit(EXIT_OK)
