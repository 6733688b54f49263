"""CM118 rework-loop: a branch that sends the customer back to an earlier moment.

What it checks
    That no moment on the main loop, besides going on, sends the customer back to itself
    or to an earlier moment of the main loop ("a document is missing: come back another
    day"). The link that closes the cycle after its last moment is not a loop back.

Why it matters
    The course describes bad service as the one that could help but says "better come
    back tomorrow". Every loop back makes the customer live the same moments of truth
    again, each one a fresh chance to leave, and it usually hides a missing piece of
    information that could have been given earlier.

How to fix
    Find why customers are sent back and remove the cause earlier in the cycle: list the
    requirements when the appointment is made, accept the missing document later by mail,
    let someone solve it on the spot. If the loop cannot go, make it short and say so.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    loop = ctx.main_loop
    place = {mid: i for i, mid in enumerate(loop)}
    for mid in loop:
        targets = ctx.successors.get(mid, [])
        if len(targets) < 2:
            continue  # a single way on is the cycle's own course, not a choice to send back
        moment = ctx.by_id[mid]
        branches = {b.to: b for b in (moment.next or ())}
        for target in targets[1:]:  # the first link is the main loop itself
            if target in place and place[target] <= place[mid]:
                back = ctx.by_id[target]
                branch = branches.get(target)
                when = f" ({branch.when})" if branch is not None and branch.when else ""
                yield Finding(
                    Text(f"`{mid}` ({moment.name}) can send the customer back to `{target}` ({back.name}){when}",
                         f"`{mid}` ({moment.name}) puede devolver al cliente a `{target}` ({back.name}){when}"),
                    branch.pos if branch is not None else moment.at("next"),
                    mid,
                    subject=target,
                    plain=Text(f"some customers are sent back to \"{back.name}\"{when} and live the cycle again",
                               f"a algunos clientes se les devuelve a \"{back.name}\"{when} y viven el ciclo otra vez"),
                )


DOC_ES = """
CM118 rework-loop: una rama que devuelve al cliente a un momento anterior.

Qué comprueba
    Que ningún momento del recorrido principal, además de seguir, devuelva al cliente a sí
    mismo o a un momento anterior del recorrido ("le falta un documento, vuelva otro
    día"). El enlace que cierra el ciclo después de su último momento no es una vuelta
    atrás.

Por qué importa
    El curso describe el servicio malo como el que podría ayudar pero dice "mejor venga
    mañana". Cada vuelta atrás hace que el cliente viva otra vez los mismos momentos de
    verdad, cada uno una nueva ocasión de irse, y suele esconder una información que
    pudo darse antes.

Cómo corregirlo
    Averigüe por qué se devuelve a los clientes y quite la causa antes en el ciclo:
    informe los requisitos al dar la cita, acepte el documento que falta después por
    correo, deje que alguien lo resuelva en el momento. Si la vuelta no puede quitarse,
    que sea corta y que se avise.
"""

RULE = rule_from_module(
    __name__,
    code="CM118",
    name="rework-loop",
    severity=Severity.WARNING,
    summary=Text("Branch that sends the customer back to an earlier moment",
                 "Rama que devuelve al cliente a un momento anterior"),
    doc_es=DOC_ES,
    hint=Text("remove the cause earlier in the cycle, or make the way back short and announced",
              "quite la causa antes en el ciclo, o haga la vuelta corta y avisada"),
    fails=("cyclemap: 1\ntitle: Registry\nmoments:\n"
           "  - {id: turno, name: Takes a number, kind: routine}\n"
           "  - id: ventanilla\n    name: At the counter\n    kind: critical\n"
           "    next: [{to: sello}, {to: turno, when: a document is missing}]\n"
           "  - {id: sello, name: Gets the stamp, kind: routine}\n"),
    passes=("cyclemap: 1\ntitle: Registry\nmoments:\n"
            "  - {id: turno, name: Takes a number, kind: routine}\n"
            "  - id: ventanilla\n    name: At the counter\n    kind: critical\n"
            "    next: [{to: sello}, {to: correo, when: a document is missing}]\n"
            "  - {id: correo, name: Sends the missing document by mail, kind: routine, next: [sello]}\n"
            "  - {id: sello, name: Gets the stamp, kind: routine}\n"),
    check=check,
    reason=Text("Sending a customer back (\"come back another day\") is the course's picture of bad service: the "
                "customer lives the same moments again, each one a new chance to leave.",
                "Devolver al cliente (\"vuelva otro día\") es la imagen del servicio malo en el curso: el cliente "
                "vive otra vez los mismos momentos, cada uno una nueva ocasión de irse."),
    advice=Text("find why customers are sent back and remove the cause earlier (say what is needed when the "
                "visit is booked, accept what is missing later, solve it on the spot)",
                "averigüe por qué se devuelve a los clientes y quite la causa antes (diga qué se necesita al dar "
                "la cita, acepte después lo que falta, resuélvalo en el momento)"),
)
