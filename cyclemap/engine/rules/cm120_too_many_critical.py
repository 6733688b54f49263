"""CM120 too-many-critical: nearly every moment is marked critical.

What it checks
    In a cycle of at least four moments, that no more than `critical_share` of them
    (75 % by default) are marked critical.

Why it matters
    Mapping the moments of truth is meant to separate the few moments where the customer
    decides from the many that simply have to work. When nearly every moment is marked
    critical the choice has not been made: the best people, the standards and the
    recovery plans are spread over everything, and the critique cannot tell the team
    where to start.

How to fix
    With the team, ask of each moment: "if this goes wrong, does the customer think worse
    of the whole service, or leave?". Keep `critical` for those, and mark the others
    `kind: routine`. A handful of critical moments per cycle is usual.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, Threshold, rule_from_module


def check(ctx):
    moments = ctx.unique()
    if len(moments) < 4:
        return
    critical = sum(1 for m in moments if m.critical)
    share = ctx.config.threshold("critical_share")
    if critical > share * len(moments):
        yield Finding(
            Text(f"{critical} of {len(moments)} moments are marked critical: the cycle does not separate the "
                 "moments where the customer decides",
                 f"{critical} de {len(moments)} momentos están marcados como críticos: el ciclo no separa los "
                 "momentos en que el cliente decide"),
            ctx.cycle.at("moments"),
            plain=Text(f"{critical} of the {len(moments)} moments are treated as decisive, so none stands out",
                       f"{critical} de los {len(moments)} momentos se tratan como decisivos, así que ninguno "
                       "destaca"),
        )


DOC_ES = """
CM120 too-many-critical: casi todos los momentos están marcados como críticos.

Qué comprueba
    En un ciclo de al menos cuatro momentos, que no más de `critical_share` de ellos (el
    75 % por defecto) estén marcados como críticos.

Por qué importa
    Hacer el mapa de los momentos de verdad sirve para separar los pocos momentos en que
    el cliente decide de los muchos que simplemente tienen que funcionar. Si casi todos
    están marcados como críticos, esa elección no se hizo: la mejor gente, los estándares
    y los planes de recuperación se reparten en todo, y la crítica no puede decir al
    equipo por dónde empezar.

Cómo corregirlo
    Con el equipo, pregunte de cada momento: "si esto sale mal, ¿el cliente piensa peor de
    todo el servicio, o se va?". Deje `critical` para esos y marque los demás
    `kind: routine`. Lo habitual es un puñado de momentos críticos por ciclo.
"""

RULE = rule_from_module(
    __name__,
    code="CM120",
    name="too-many-critical",
    severity=Severity.WARNING,
    summary=Text("Nearly every moment is marked critical", "Casi todos los momentos están marcados como críticos"),
    doc_es=DOC_ES,
    hint=Text("keep `kind: critical` for the moments where the customer decides",
              "deje `kind: critical` solo para los momentos en que el cliente decide"),
    fails=("cyclemap: 1\ntitle: Clinic\nmoments:\n"
           "  - {id: a, name: Books, kind: critical}\n  - {id: b, name: Arrives, kind: critical}\n"
           "  - {id: c, name: Waits, kind: critical}\n  - {id: d, name: Consultation, kind: critical}\n"
           "  - {id: e, name: Pays, kind: routine}\n"),
    passes=("cyclemap: 1\ntitle: Clinic\nmoments:\n"
            "  - {id: a, name: Books, kind: routine}\n  - {id: b, name: Arrives, kind: routine}\n"
            "  - {id: c, name: Waits, kind: critical}\n  - {id: d, name: Consultation, kind: critical}\n"
            "  - {id: e, name: Pays, kind: routine}\n"),
    check=check,
    thresholds=(Threshold("critical_share", 0.75, 0.0, doc=Text(
        "more than this share of a cycle's moments marked critical is too many",
        "más de esta fracción de los momentos de un ciclo marcados como críticos es demasiado")),),
    reason=Text("The map is meant to single out the few moments where customers decide; when nearly all are "
                "decisive, effort is spread thin and nobody knows where to start.",
                "El mapa sirve para señalar los pocos momentos en que el cliente decide; si casi todos son "
                "decisivos, el esfuerzo se reparte y nadie sabe por dónde empezar."),
    advice=Text("with the team, keep as decisive only the moments where a failure makes customers think worse "
                "of the whole service, and treat the others as routine",
                "con el equipo, deje como decisivos solo los momentos en que una falla hace que el cliente piense "
                "peor de todo el servicio, y trate los demás como rutinarios"),
)
