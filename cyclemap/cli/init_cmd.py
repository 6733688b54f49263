"""`cyclemap init`: start a cycle file from a bundled template (es or en)."""

from __future__ import annotations

import sys

from typing import Annotated, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.common import DebugOption, UsageError, check_lang, guarded, h, help_lang

def _list(lang: str) -> str:
    from cyclemap.templates import DEFAULT, TEMPLATES

    other = "en" if lang == "es" else "es"
    width = max(len(t.name(lang)) for t in TEMPLATES)
    lines = ["Plantillas (cyclemap init --template NOMBRE):" if lang == "es" else "Templates (cyclemap init --template NAME):"]
    for t in TEMPLATES:
        default = (" (por defecto)" if lang == "es" else " (default)") if t.key == DEFAULT else ""
        lines.append(f"  {t.name(lang):<{width}}  {t.description(lang)}{default}")
        alt = f"también: {t.name(other)} (en inglés)" if lang == "es" else f"also: {t.name(other)} (in Spanish)"
        lines.append(f"  {'':<{width}}  {alt}")
    return "\n".join(lines) + "\n"

INIT_HELP_ES = """Empieza un ciclo de servicio a partir de una plantilla, en español o inglés.

    Sucursal bancaria, clínica, restaurante, cine, centro de llamadas, mesa de ayuda,
    cliente interno; con comentarios que lo guían.

    Nunca sobrescribe un archivo salvo con --force.

    Ejemplos:

        cyclemap init --list

        cyclemap init --template clinica            (escribe clinica.yaml)

        cyclemap init --template cinema --lang es -o cine.yaml

        cyclemap init -t mesa-ayuda -o -            (lo imprime)
    """

@app.command("init", help=h(None, INIT_HELP_ES))
@guarded
def init(
    template: Annotated[Optional[str], typer.Option("--template", "-t", metavar="NAME", help=h(
        "Which template (see --list); a name in either language, e.g. banco or bank. Default: the bank branch.",
        "Qué plantilla (vea --list); un nombre en cualquier idioma, p. ej. banco o bank. Por defecto: la sucursal bancaria."))] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="es|en", help=h(
        "Language of the new cycle (default: the template name's language, else your locale's).",
        "Idioma del nuevo ciclo (por defecto: el del nombre de la plantilla, si no, el de su configuración regional)."))] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Where to write it; - prints it (default: the template's name, e.g. banco.yaml, in the current folder).",
        "Dónde escribirlo; - lo imprime (por defecto: el nombre de la plantilla, p. ej. banco.yaml, en la carpeta actual)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=h(
        "Overwrite the output file if it exists.", "Sobrescribe el archivo de salida si existe."))] = False,
    list_: Annotated[bool, typer.Option("--list", help=h(
        "List the templates and exit.", "Lista las plantillas y termina."))] = False,
    debug: DebugOption = False,
) -> None:
    """Start a cycle of service from a template, in Spanish or English.

    Bank branch, clinic, restaurant, cinema, call centre, help desk, internal customer;
    with comments that guide you.

    It never overwrites a file unless you say --force.

    Examples:

        cyclemap init --list

        cyclemap init --template clinica            (writes clinica.yaml)

        cyclemap init --template cinema --lang es -o cine.yaml

        cyclemap init -t help-desk -o -             (prints it)
    """
    from cyclemap.templates import DEFAULT, TEMPLATES, find, suggestion

    lang = check_lang(lang)
    if list_:
        sys.stdout.write(_list(lang or help_lang()))
        return
    if template is None:
        chosen = next(t for t in TEMPLATES if t.key == DEFAULT)
        name_lang = help_lang()
    else:
        found = find(template)
        if found is None:
            guess = suggestion(template)
            extra_en = f" (did you mean {guess}?)" if guess else ""
            extra_es = f" (¿quiso decir {guess}?)" if guess else ""
            raise UsageError(f"--template: no template named {template!r}{extra_en}; `cyclemap init --list` shows them",
                             f"--template: no hay una plantilla llamada {template!r}{extra_es}; `cyclemap init --list` las muestra")
        chosen, name_lang = found
    lang = lang or name_lang
    text = chosen.text(lang)

    if output == "-":
        sys.stdout.write(text)
        return
    from cyclemap.format.diagnostics import shown
    from cyclemap.outputs.atomic import write_atomic

    target = output if output else f"{chosen.name(lang)}.yaml"  # a str: Path() would drop a trailing slash
    # Without --force the file is created exclusively: an existing file (or one that
    # appears meanwhile) is never replaced. A folder, device or missing folder: exit 2.
    write_atomic(target, text, exclusive=not force)
    target = shown(target)
    if lang == "es":
        print(f"cyclemap: escrito {target} (plantilla {chosen.name(lang)}). Siguiente paso: edítelo y luego\n"
              f"  cyclemap check {target}\n  cyclemap handout {target} -o taller.html")
    else:
        print(f"cyclemap: wrote {target} (template {chosen.name(lang)}). Next: edit it, then\n"
              f"  cyclemap check {target}\n  cyclemap handout {target} -o workshop.html")
