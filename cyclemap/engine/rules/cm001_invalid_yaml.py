"""CM001 invalid-yaml: the file cannot be read as YAML.

What it checks
    That the file is UTF-8 text (a byte-order mark is fine), no larger than the limit,
    and valid YAML holding a single document.

Why it matters
    Nothing else can be checked, drawn or criticised until the file reads. A cycle that
    lives in git is only useful if every version of it can be opened by the tools.

How to fix
    Go to the line and column shown. Common causes: a tab used for indentation (YAML
    allows only spaces), an unclosed quote or bracket, a `:` inside an unquoted text,
    or a file saved as Latin-1 instead of UTF-8.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import rule_from_module

RULE = rule_from_module(
    __name__,
    code="CM001",
    name="invalid-yaml",
    severity=Severity.ERROR,
    summary=_("The file is not valid YAML"),
    hint=_("fix the YAML syntax at this place"),
    fails="cyclemap: 1\ntitle: [unclosed\nmoments: []\n",
    passes="cyclemap: 1\ntitle: Closed\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n",
    check=lambda ctx: (),
    reported_by_loader=True,
)
