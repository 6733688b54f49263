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

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import rule_from_module

DOC_ES = """
CM001 invalid-yaml: el archivo no se puede leer como YAML.

Qué comprueba
    Que el archivo sea texto UTF-8 (se admite la marca BOM), no supere el límite de
    tamaño y sea YAML válido con un único documento.

Por qué importa
    No se puede comprobar, dibujar ni criticar nada hasta que el archivo se lea. Un ciclo
    guardado en git solo sirve si cada versión se puede abrir con las herramientas.

Cómo corregirlo
    Vaya a la línea y columna indicadas. Causas habituales: un tabulador en la sangría
    (YAML solo admite espacios), una comilla o corchete sin cerrar, un `:` dentro de un
    texto sin comillas, o un archivo guardado en Latin-1 en lugar de UTF-8.
"""

RULE = rule_from_module(
    __name__,
    code="CM001",
    name="invalid-yaml",
    severity=Severity.ERROR,
    summary=Text("The file is not valid YAML", "El archivo no es YAML válido"),
    doc_es=DOC_ES,
    hint=Text("fix the YAML syntax at this place", "corrija la sintaxis YAML en este lugar"),
    fails="cyclemap: 1\ntitle: [unclosed\nmoments: []\n",
    passes="cyclemap: 1\ntitle: Closed\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n",
    check=lambda ctx: (),
    reported_by_loader=True,
)
