"""CM118 rework-loop: a branch that sends the customer back to an earlier moment.

What it checks
    That no moment on the main loop, besides going on, sends the customer back to itself
    or to an earlier moment of the main loop ("a document is missing: come back another
    day"), directly or through side moments off the main loop ("is told a paper is
    missing" -> "comes back the next day" -> takes a number again). The link that closes
    the cycle after its last moment is not a loop back.

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

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._loops import rework_loops


def check(ctx):
    for loop in rework_loops(ctx):
        mid, target, branch = loop.source, loop.target, loop.branch
        moment, back = ctx.by_id[mid], ctx.by_id[target]
        when = f" ({branch.when})" if branch is not None and branch.when else ""
        if loop.via:
            via = ", ".join(f"`{v}`" for v in loop.via)
            message = _("`{id}` ({name}) can send the customer back to `{target}` ({target_name}){when} through "
                        "{via}").format(id=mid, name=moment.name, target=target, target_name=back.name, when=when,
                                        via=via)
        else:
            message = _("`{id}` ({name}) can send the customer back to `{target}` ({target_name}){when}").format(
                id=mid, name=moment.name, target=target, target_name=back.name, when=when)
        yield Finding(
            message,
            branch.pos if branch is not None else moment.at("next"),
            mid,
            subject=target if not loop.via else f"{target} via {' '.join(loop.via)}",
            plain=_("some customers are sent back to \"{target_name}\"{when} and live the cycle again").format(
                target_name=back.name, when=when),
        )


RULE = rule_from_module(
    __name__,
    code="CM118",
    name="rework-loop",
    severity=Severity.WARNING,
    summary=_("Branch that sends the customer back to an earlier moment"),
    hint=_("remove the cause earlier in the cycle, or make the way back short and announced"),
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
    reason=_("Sending a customer back (\"come back another day\") is the course's picture of bad service: the "
             "customer lives the same moments again, each one a new chance to leave."),
    advice=_("find why customers are sent back and remove the cause earlier (say what is needed when the "
             "visit is booked, accept what is missing later, solve it on the spot)"),
)
