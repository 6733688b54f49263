"""`cyclemap lsp`: the language server, over stdin/stdout (docs/editors.md).

pygls is an optional extra (`pip install 'cyclemap[lsp]'`): without it the command says
so and exits 2.
"""

from __future__ import annotations

import typer

from cyclemap.cli.frame import app
from cyclemap.cli.common import ConfigOption, DebugOption, IgnoreOption, LangOption, SelectOption, guarded, h
from cyclemap.cli.usage import UsageError
from cyclemap.format.i18n import _


@app.command("lsp", help=h(
    "A language server for editors, over stdin and stdout: the findings of `check` while you type, "
    "the rule's explanation on hover, completion of moment ids and of the format's words, "
    "go to the moment a `next` names, and quick fixes for certain corrections.\n\n"
    "Your editor starts it; see docs/editors.md for VS Code, Neovim and Helix. Needs the lsp extra:\n\n"
    "    pip install 'cyclemap[lsp]'"))
@guarded
def lsp(
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap lsp` (its help is the `help=` above, translated)."""
    from cyclemap.cli.usage import make_pipeline

    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang)
    try:
        from cyclemap.outputs.lsp import make_server
    except ImportError as exc:
        raise UsageError(_("`cyclemap lsp` needs pygls ({reason}); install it with: pip install 'cyclemap[lsp]'")
                         .format(reason=str(exc)))
    make_server(pipeline).start_io()
    raise typer.Exit(0)
