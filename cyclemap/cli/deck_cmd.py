"""`cyclemap deck FILE -o OUT.pptx`: an editable slide deck for the client (docs/deck.md).

Exit codes: 0 written; 1 the file is not a cycle cyclemap can read (its diagnostics are
printed, nothing is written); 2 usage (bad option, missing file, output not .pptx or not
writable, python-pptx not installed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cyclemap.cli import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption,
    UsageError, check_choice, guarded, h,
)

DECK_HELP_ES = """Prepara una presentación editable (.pptx) para el cliente, en el idioma del ciclo.

    Título y nivel de servicio, el ciclo del servicio, la curva de expectativa y percepción,
    una diapositiva por punto débil principal (qué pasa, por qué importa, qué hacer) y una
    tabla de acciones (momento, responsable, acción). Se abre en PowerPoint y LibreOffice Impress.

    Ejemplos:

        cyclemap deck examples/banco.yaml -o banco.pptx

        cyclemap deck banco.yaml --ratings encuesta.csv -o informe.pptx
    """


@app.command("deck", help=h(None, DECK_HELP_ES))
@guarded
def deck(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file.", "El archivo del ciclo."))],
    output: Annotated[str, typer.Option("--output", "-o", metavar="OUT.pptx", show_default=False, help=h(
        "Where to write the deck (.pptx).", "Dónde escribir la presentación (.pptx)."))],
    engine: Annotated[str, typer.Option("--engine", "-e", metavar="auto|system|embedded", help=h(
        "Which Graphviz draws the diagram (see `cyclemap render --help`).",
        "Qué Graphviz dibuja el diagrama (vea `cyclemap render --help`)."))] = "auto",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Make an editable slide deck (.pptx) for the client, in the cycle's language.

    Title and service level, the cycle of service, the expectation-perception curve, one
    slide per top weak point (what happens, why it matters, what to do) and an action
    table (moment, owner, action). Opens in PowerPoint and LibreOffice Impress.

    Examples:

        cyclemap deck examples/banco.yaml -o banco.pptx

        cyclemap deck banco.yaml --ratings survey.csv -o report.pptx
    """
    from cyclemap.cli.usage import check_one, make_pipeline
    from cyclemap.outputs.atomic import check_output, write_atomic
    from cyclemap.outputs.render import ENGINES

    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings)
    check_choice("--engine", engine, ENGINES)
    if Path(file).is_dir():
        raise UsageError(f"{file} is a folder: give one cycle file", f"{file} es una carpeta: indique un archivo de ciclo")
    if not Path(file).is_file():
        raise UsageError(f"{file}: no such file", f"{file}: no existe el archivo")
    if Path(output).suffix.lower() != ".pptx":
        raise UsageError(f"-o {output}: the deck is written as .pptx; name the output OUT.pptx",
                         f"-o {output}: la presentación se escribe como .pptx; llame a la salida SALIDA.pptx")
    check_output(output, pipeline.inputs(file))
    try:
        import pptx  # noqa: F401
    except ImportError:
        raise UsageError("the deck needs the Python package python-pptx (pip install python-pptx)",
                         "la presentación necesita el paquete de Python python-pptx (pip install python-pptx)")
    checked = check_one(pipeline, file)
    if not checked.loaded:
        from cyclemap.outputs.report import render

        sys.stderr.write(render("text", [checked], checked.lang))
        raise typer.Exit(EXIT_FINDINGS)
    from cyclemap.outputs.deck import build_deck

    data = build_deck(checked, engine=engine)
    write_atomic(output, data, inputs=pipeline.inputs(file))
    print(h(f"cyclemap: wrote {output}", f"cyclemap: escrito {output}"))
    raise typer.Exit(EXIT_OK)
