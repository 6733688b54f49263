"""CM103 no-recovery: a critical moment with no recovery plan.

What it checks
    That every critical moment says, in `recovery`, what happens when it fails.

Why it matters
    Critical moments will sometimes fail; what the customer remembers is what happened
    next. Only a few unhappy customers complain, and most simply leave, but seven out of
    ten who complain come back when the complaint is handled. A customer who meets a
    failure needs to be heard, to be told what happens now and to be given options; a
    recovery plan decided in advance is how the front line does that without improvising.

How to fix
    Add `recovery:` with who does what, and how soon: "the supervisor takes over within
    5 min and offers a written apology", "a call back within 2 h with a solution or a
    date".
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    for moment in ctx.unique():
        if moment.critical and not moment.recovery:
            yield Finding(
                Text(f"critical moment `{moment.id}` ({moment.name}) has no recovery plan for when it fails",
                     f"el momento crítico `{moment.id}` ({moment.name}) no tiene plan de recuperación para cuando falle"),
                moment.pos,
                moment.id,
                plain=Text("nothing is planned for when it goes wrong", "no hay nada previsto para cuando sale mal"),
            )


DOC_ES = """
CM103 no-recovery: un momento crítico sin plan de recuperación.

Qué comprueba
    Que cada momento crítico diga, en `recovery`, qué pasa cuando falla.

Por qué importa
    Los momentos críticos a veces fallan; lo que el cliente recuerda es lo que pasó
    después. Pocos clientes insatisfechos se quejan y la mayoría simplemente se va, pero
    siete de cada diez que se quejan vuelven si su queja se atiende. El cliente que vive
    una falla necesita ser escuchado, saber qué pasa ahora y recibir opciones; un plan de
    recuperación decidido de antemano es cómo la primera línea lo hace sin improvisar.

Cómo corregirlo
    Añada `recovery:` con quién hace qué y en cuánto tiempo: "el supervisor atiende en
    menos de 5 min y ofrece una disculpa por escrito", "se devuelve la llamada en menos de
    2 h con una solución o una fecha".
"""

RULE = rule_from_module(
    __name__,
    code="CM103",
    name="no-recovery",
    severity=Severity.WARNING,
    summary=Text("Critical moment with no recovery plan", "Momento crítico sin plan de recuperación"),
    doc_es=DOC_ES,
    hint=Text("add `recovery:` saying who does what, and how soon, when it fails",
              "añada `recovery:` con quién hace qué, y en cuánto tiempo, cuando falle"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Checks in, kind: critical}\n  - {id: b, name: Checks out, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Checks in, kind: critical, recovery: Manager upgrades the room if it is not ready}\n  - {id: b, name: Checks out, kind: routine}\n",
    reason=Text('Decisive moments sometimes fail, and customers remember what happened next: seven in ten customers who complain come back when the complaint is handled well.',
                'Los momentos decisivos a veces fallan, y el cliente recuerda lo que pasó después: siete de cada diez clientes que se quejan vuelven si su queja se atiende bien.'),
    advice=Text('agree in advance who steps in when it fails, how soon, and what the customer can choose',
                'acuerde de antemano quién interviene cuando falla, en cuánto tiempo y qué puede elegir el cliente'),
    check=check,
)
