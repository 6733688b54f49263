"""`cyclemap handout FILE -o OUT.html`: a printable workshop handout (and `--pdf`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption, UsageError,
    guarded, h,
)

HTML_SUFFIXES = (".html", ".htm")
PAPERS = ("a4", "letter")


def _targets(file: str, output: str | None, pdf: bool) -> tuple[str | None, str | None]:
    """(html path or "-" or None, pdf path or None) from -o and --pdf."""
    if output is None:
        output = f"{Path(file).stem}-handout.html"
    if output == "-":
        if pdf:
            raise UsageError("--pdf cannot write to standard output; give -o OUT.html or -o OUT.pdf",
                             "--pdf no puede escribir en la salida estándar; indique -o SALIDA.html o -o SALIDA.pdf")
        return "-", None
    suffix = Path(output).suffix.lower()
    if suffix == ".pdf":
        return None, output
    if suffix not in HTML_SUFFIXES:
        raise UsageError(f"-o {output}: the handout is written as .html (or .pdf); name the output OUT.html",
                         f"-o {output}: el material se escribe como .html (o .pdf); llame a la salida SALIDA.html")
    return output, (str(Path(output).with_suffix(".pdf")) if pdf else None)


HANDOUT_HELP_ES = """Prepara un material de taller imprimible de un ciclo (HTML autónomo, o PDF).

    Diagrama, curva de expectativa y percepción, tabla de momentos con columna para notas,
    puntos débiles, preguntas para la discusión y glosario, en el idioma del ciclo.

    Se imprime en A4 y Carta; no carga nada de la red.

    Ejemplos:

        cyclemap handout examples/banco.yaml -o taller.html

        cyclemap handout cine.yaml -o taller.html --pdf --paper letter

        cyclemap handout banco.yaml -o sala.html --edition participant

        cyclemap handout banco.yaml --ratings encuesta.csv -o taller.pdf
    """


@app.command("handout", help=h(None, HANDOUT_HELP_ES))
@guarded
def handout(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file.", "El archivo del ciclo."))],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT.html", help=h(
        "Where to write the handout: OUT.html, OUT.pdf, or - for standard output "
        "(default: FILE's name with -handout.html, in the current folder).",
        "Dónde escribir el material: SALIDA.html, SALIDA.pdf, o - para la salida estándar "
        "(por defecto: el nombre de ARCHIVO con -handout.html, en la carpeta actual)."))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=h(
        "Also print it to PDF beside the HTML (needs playwright and a Chromium browser).",
        "Imprímalo también en PDF junto al HTML (necesita playwright y un navegador Chromium)."))] = False,
    edition: Annotated[str, typer.Option("--edition", metavar="facilitator|participant", help=h(
        "facilitator: everything, weak points with why and what to do; participant: two pages for the room "
        "(the diagram, the moments with room to write, the questions), no codes.",
        "facilitator: todo, los puntos débiles con su porqué y qué hacer; participant: dos páginas para la sala "
        "(el diagrama, los momentos con espacio para escribir, las preguntas), sin códigos."))] = "facilitator",
    paper: Annotated[str, typer.Option("--paper", metavar="a4|letter", help=h(
        "Paper size of the PDF. The HTML prints on either.",
        "Tamaño de papel del PDF. El HTML se imprime en ambos."))] = "a4",
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", help=h(
        "With --pdf: stop the browser and give up after this many seconds.",
        "Con --pdf: detiene el navegador y abandona tras estos segundos."))] = 60.0,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Make a printable workshop handout of a cycle (self-contained HTML, or PDF).

    Diagram, expectation-versus-perception curve, moments table with a notes column,
    weak points, discussion questions and glossary, in the cycle's language.

    It prints on A4 and Letter and loads nothing from the network.

    Examples:

        cyclemap handout examples/banco.yaml -o taller.html

        cyclemap handout cine.yaml -o taller.html --pdf --paper letter

        cyclemap handout banco.yaml -o sala.html --edition participant

        cyclemap handout banco.yaml --ratings encuesta.csv -o taller.pdf
    """
    from cyclemap.cli.usage import check_one, make_pipeline
    from cyclemap.outputs.atomic import check_output, write_atomic
    from cyclemap.format.diagnostics import Severity, shown

    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings, segment=segment)
    if not 0 < timeout < 1e6:  # also refuses inf and nan
        raise UsageError("--timeout must be a number of seconds more than 0",
                         "--timeout debe ser un número de segundos mayor que 0")
    from cyclemap.cli.common import check_choice
    from cyclemap.outputs.handout import EDITIONS

    check_choice("--edition", edition, EDITIONS)
    paper = paper.strip().lower()
    if paper not in PAPERS:
        raise UsageError(f"--paper must be a4 or letter, not {paper!r}", f"--paper debe ser a4 o letter, no {paper!r}")
    if Path(file).is_dir():
        raise UsageError(f"{file} is a folder: give one cycle file", f"{file} es una carpeta: indique un archivo de ciclo")
    from cyclemap.cli.usage import check_input

    check_input(file)  # missing, a device, a FIFO: exit 2
    html_path, pdf_path = _targets(file, output, pdf)
    inputs = pipeline.inputs(file) + ([config] if config else [])
    for target in (html_path, pdf_path):
        if target not in (None, "-"):
            check_output(target, inputs)
    if pdf_path is not None:
        from cyclemap.outputs.handout.pdf import missing

        lacking = missing()
        if lacking is not None:
            raise UsageError(lacking.en, lacking.es)

    result = check_one(pipeline, file)
    if result.cycle is None:
        from cyclemap.outputs.report import render

        sys.stderr.write(render("text", [result], result.lang))
        sys.stderr.write(h("cyclemap: no handout: the file is not a cycle cyclemap can read (see above)\n",
                           "cyclemap: sin material: el archivo no es un ciclo que cyclemap pueda leer (vea arriba)\n"))
        raise typer.Exit(EXIT_FINDINGS)

    from cyclemap.outputs.handout import build_handout

    out_lang = result.lang
    html = build_handout(result, shown(Path(file).name), edition=edition)
    pdf_bytes = None
    if pdf_path is not None:
        from cyclemap.outputs.handout.pdf import html_to_pdf

        pdf_bytes = html_to_pdf(html, paper, timeout)
    # Both are made before either is written: a failure leaves no partial output.
    if html_path == "-":
        sys.stdout.write(html)
        sys.stdout.flush()
    elif html_path is not None:
        write_atomic(html_path, html, inputs=inputs)
    if pdf_path is not None and pdf_bytes is not None:
        write_atomic(pdf_path, pdf_bytes, inputs=inputs)

    written = [p for p in (html_path, pdf_path) if p not in (None, "-")]
    if written:
        es = out_lang == "es"
        names = " y ".join(map(shown, written)) if es else " and ".join(map(shown, written))
        print(f"cyclemap: {'escrito' if es else 'wrote'} {names}")
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    if errors:
        command = f"cyclemap check {shown(file)}" + (f" --ratings {shown(ratings)}" if ratings else "")
        sys.stderr.write(h(
            f"cyclemap: note: {errors} error(s) found (in the cycle or its ratings), listed among the weak points; "
            f"`{command}` shows where\n",
            f"cyclemap: aviso: se encontraron {errors} error(es) (en el ciclo o sus calificaciones), listados entre "
            f"los puntos débiles; `{command}` muestra dónde\n"))
