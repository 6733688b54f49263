"""`cyclemap init`: start a cycle file from a bundled template, in any language with templates."""

from __future__ import annotations

import sys

from typing import Annotated, Optional

import typer

from cyclemap.cli.deliver import Output
from cyclemap.cli.frame import app
from cyclemap.format.diagnostics import shown
from cyclemap.cli.common import DebugOption, UsageError, check_lang, guarded, h, help_lang
from cyclemap.format.i18n import LANGUAGES, _, Verbatim, _p, decide_language

LANG_METAVAR = "|".join(LANGUAGES)


def _list(lang: str) -> str:
    """`cyclemap init --list`: every template, its name in `lang` and in the other languages."""
    from cyclemap.format.i18n import LANGUAGES, _, listing
    from cyclemap.templates import DEFAULT, TEMPLATES, language_name

    width = max(len(t.name(lang)) for t in TEMPLATES)
    lines = [_("Templates (cyclemap init --template NAME):")(lang)]
    for t in TEMPLATES:
        default = _(" (default)")(lang) if t.key == DEFAULT else ""
        lines.append(f"  {t.name(lang):<{width}}  {t.description(lang)}{default}")
        spoken: dict[str, list[str]] = {}  # another name -> the languages it is written in
        for other in LANGUAGES:
            if other != lang and other in t.names and t.name(other) != t.name(lang):
                spoken.setdefault(t.name(other), []).append(language_name(other, lang))
        others = [_("{name} ({language})").format(name=name, language=listing(langs)) for name, langs in spoken.items()]
        if others:
            lines.append(f"  {'':<{width}}  " + _("also: {names}").format(names=listing(others))(lang))
    return "\n".join(lines) + "\n"


@app.command("init", help=h(
    "Start a cycle of service from a template, in any language cyclemap speaks (English, Spanish, Portuguese).\n\n"
    "Bank branch, clinic, restaurant, cinema, call centre, help desk, internal customer;\n"
    "with comments that guide you.\n\n"
    "It never overwrites a file unless you say --force.\n\n"
    "Examples:\n\n"
    "    cyclemap init --list\n\n"
    "    cyclemap init --template clinica            (writes clinica.yaml)\n\n"
    "    cyclemap init --template cinema --lang es -o cine.yaml\n\n"
    "    cyclemap init -t help-desk -o -             (prints it)"))
@guarded
def init(
    template: Annotated[Optional[str], typer.Option("--template", "-t", metavar="NAME", help=h(
        "Which template (see --list); a name in any language, e.g. banco or bank. Default: the bank branch."))] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar=LANG_METAVAR, help=h(
        "Language of the new cycle (default: the template name's language, else your locale's)."))] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Where to write it; - prints it (default: the template's name, e.g. banco.yaml, in the current folder)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=h(
        "Overwrite the output file if it exists."))] = False,
    list_: Annotated[bool, typer.Option("--list", help=h(
        "List the templates and exit."))] = False,
    debug: DebugOption = False,
) -> None:
    """`cyclemap init` (its help is the `help=` above, translated)."""
    from cyclemap.templates import DEFAULT, TEMPLATES, find, suggestion

    lang = check_lang(lang)
    if list_:
        sys.stdout.write(_list(decide_language(lang, environment=True)))
        return
    if template is None:
        chosen = next(t for t in TEMPLATES if t.key == DEFAULT)
        name_lang = help_lang()
    else:
        found = find(template, prefer=help_lang())
        if found is None:
            guess = suggestion(template)
            extra = _(" (did you mean {name}?)").format(name=guess) if guess else Verbatim("")
            raise UsageError(_("--template: no template named {name!r}{did_you_mean}; `cyclemap init --list` shows them")
                             .format(name=template, did_you_mean=extra))
        chosen, name_lang = found
    lang = decide_language(lang, [name_lang])
    text = chosen.text(lang)

    target = output if output else f"{chosen.name(lang)}.yaml"  # a str: Path() would drop a trailing slash
    # Without --force the file is created exclusively: an existing file (or one that
    # appears meanwhile) is never replaced. A folder, device or missing folder: exit 2.
    Output(target, exclusive=not force).write(text)
    if target == "-":
        return
    target = shown(target)
    print(_("cyclemap: wrote {target} (template {name}). Next: edit it, then\n"
            "  cyclemap check {target}\n  cyclemap handout {target} -o {handout}").format(
        target=target, name=chosen.name(lang), handout=_p("file name of a workshop handout", "workshop.html"))(lang))
