"""CM113 stage-mismatch: a stage declared but unused, or used but not declared.

What it checks
    That every stage listed in `stages` is used by at least one moment, and that every
    moment's `stage` is one of the declared `stages` (when moments name stages, the cycle
    should declare them, in order).

Why it matters
    Stages (before, during, after) group the moments of truth the way the customer lives
    them, and the diagrams and handouts draw them in the declared order. An unused stage
    is a part of the experience nobody mapped, often the "after" where loyalty is won or
    lost; an undeclared one is usually a typo that silently puts a moment in a group of
    its own.

How to fix
    For an unused stage, map the moments that belong to it, or remove it from `stages`.
    For an undeclared stage, correct the moment's `stage` to one of the declared names, or
    add it to `stages` in its place in the order.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    declared = ctx.cycle.stages
    moments = ctx.unique()
    used = {m.stage for m in moments if m.stage}
    for stage in declared:
        if stage not in used:
            yield Finding(
                Text(f"the stage `{stage}` is declared but no moment belongs to it",
                     f"la etapa `{stage}` está declarada pero ningún momento pertenece a ella"),
                ctx.cycle.at("stages"),
                subject=stage,
            )
    reported: set[str] = set()
    for moment in moments:
        if moment.stage and moment.stage not in declared and moment.stage not in reported:
            reported.add(moment.stage)
            where = (Text(f"; declared: {', '.join(declared)}", f"; declaradas: {', '.join(declared)}")
                     if declared else Text("; the cycle declares no `stages`", "; el ciclo no declara `stages`"))
            yield Finding(
                Text(f"`{moment.id}` names the stage `{moment.stage}`, which is not declared{where.en}",
                     f"`{moment.id}` nombra la etapa `{moment.stage}`, que no está declarada{where.es}"),
                moment.at("stage"),
                moment.id,
                subject=moment.stage,
            )


DOC_ES = """
CM113 stage-mismatch: una etapa declarada y sin usar, o usada y sin declarar.

Qué comprueba
    Que cada etapa de `stages` la use al menos un momento, y que el `stage` de cada
    momento sea una de las `stages` declaradas (si los momentos nombran etapas, el ciclo
    debe declararlas, en orden).

Por qué importa
    Las etapas (antes, durante, después) agrupan los momentos de verdad como los vive el
    cliente, y los diagramas y materiales las dibujan en el orden declarado. Una etapa sin
    usar es una parte de la experiencia que nadie mapeó, a menudo el "después", donde se
    gana o se pierde la lealtad; una sin declarar suele ser un error de tipeo que deja a
    un momento en un grupo propio sin aviso.

Cómo corregirlo
    Para una etapa sin usar, mapee los momentos que le pertenecen o quítela de `stages`.
    Para una sin declarar, corrija el `stage` del momento a uno de los nombres declarados,
    o añádala a `stages` en su lugar del orden.
"""

RULE = rule_from_module(
    __name__,
    code="CM113",
    name="stage-mismatch",
    severity=Severity.WARNING,
    summary=Text("Stage declared but unused, or used but undeclared", "Etapa declarada sin usar, o usada sin declarar"),
    doc_es=DOC_ES,
    hint=Text("make `stages` and the moments' `stage` agree", "haga coincidir `stages` con el `stage` de los momentos"),
    fails="cyclemap: 1\ntitle: Cinema\nstages: [Before, During, After]\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, stage: Before}\n  - {id: b, name: Watches, kind: critical, stage: Durign}\n",
    passes="cyclemap: 1\ntitle: Cinema\nstages: [Before, During]\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, stage: Before}\n  - {id: b, name: Watches, kind: critical, stage: During}\n",
    check=check,
)
