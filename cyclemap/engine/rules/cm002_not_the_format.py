"""CM002 not-the-format: the YAML is not a format-1 cycle file.

What it checks
    The keys and types of the file against the format: `cyclemap: 1`, `title` and
    `moments` are required, each moment needs `id`, `name` and `kind`; a key the program
    does not know is an error (with a did-you-mean, so a typo never passes silently);
    values must have the right type (a score is a number, not quoted text; `kind` is
    `routine` or `critical`); duplicate keys, non-standard tags and unknown rule codes in
    `ignore` are refused.

Why it matters
    The file is a contract between the people who write cycles and every tool that reads
    them. A misspelt `standard:` that was silently dropped would make a critical moment
    look as if it had no service standard — or worse, hide that it has none.

How to fix
    Read the message: it names the key and where it is. Use the suggested spelling,
    remove quotes around numbers, and write `kind: critical` or `kind: routine` (the
    Spanish `crítico` and `rutina` are accepted too).
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import rule_from_module

RULE = rule_from_module(
    __name__,
    code="CM002",
    name="not-the-format",
    severity=Severity.ERROR,
    summary=_("The file is not a format-1 cycle (unknown key, wrong type, missing key)"),
    hint=_("see the format in the README"),
    fails="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: a, name: A, kind: critical, standrad: Greet in 10 s}\n  - {id: b, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: a, name: A, kind: critical, standard: Greet in 10 s}\n  - {id: b, name: B, kind: routine}\n",
    check=lambda ctx: (),
    reported_by_loader=True,
)
