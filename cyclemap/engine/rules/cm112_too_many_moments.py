"""CM112 too-many-moments: more moments than a team can manage.

What it checks
    That the cycle has no more moments than the `max_moments` threshold (25 by default).

Why it matters
    A cycle of service is a map of the moments of truth the customer lives, the contacts
    in which they form an impression of the service. It is a tool for a team to see the
    service from the customer's side and act on it. Past a couple of dozen moments the map
    usually mixes in internal steps the customer never sees, nobody can hold it in mind,
    and owners, standards and scores for every moment stop being realistic.

How to fix
    Look for moments to remove or merge: internal steps the customer does not witness
    (move them to a process map), consecutive moments on the same channel with the same
    owner, and rare paths. If the service really has that many contacts, split it into
    several cycles (e.g. buying, using, getting help).
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, Threshold, rule_from_module


def check(ctx):
    limit = int(ctx.config.threshold("max_moments"))
    count = len(ctx.unique())
    if count > limit:
        yield Finding(
            Text(f"the cycle has {count} moments, more than {limit}: look for ones to merge or remove",
                 f"el ciclo tiene {count} momentos, más de {limit}: busque cuáles juntar o quitar"),
            ctx.cycle.at("moments"),
        )


def _example(count: int) -> str:
    lines = ["cyclemap: 1", "title: Everything", "moments:"]
    lines += [f"  - {{id: m{i}, name: Step {i}, kind: {'critical' if i == 1 else 'routine'}}}" for i in range(1, count + 1)]
    return "\n".join(lines) + "\n"


DOC_ES = """
CM112 too-many-moments: más momentos de los que un equipo puede manejar.

Qué comprueba
    Que el ciclo no tenga más momentos que el umbral `max_moments` (25 por defecto).

Por qué importa
    Un ciclo de servicio es un mapa de los momentos de verdad que vive el cliente, los
    contactos en que se forma una impresión del servicio. Es una herramienta para que un
    equipo vea el servicio desde el lado del cliente y actúe. Pasadas un par de docenas de
    momentos, el mapa suele mezclar pasos internos que el cliente nunca ve, nadie lo puede
    tener en la cabeza, y responsables, estándares y puntuaciones para cada momento dejan de ser
    realistas.

Cómo corregirlo
    Busque momentos que quitar o juntar: pasos internos que el cliente no presencia
    (llévelos a un mapa de procesos), momentos seguidos en el mismo canal con el mismo
    responsable, y caminos poco frecuentes. Si el servicio de verdad tiene tantos
    contactos, divídalo en varios ciclos (p. ej. comprar, usar, pedir ayuda).
"""

RULE = rule_from_module(
    __name__,
    code="CM112",
    name="too-many-moments",
    severity=Severity.WARNING,
    summary=Text("More moments than a team can manage", "Más momentos de los que un equipo puede manejar"),
    doc_es=DOC_ES,
    hint=Text("merge or remove moments the customer does not live as separate contacts",
              "junte o quite momentos que el cliente no vive como contactos separados"),
    fails=_example(26),
    passes=_example(25),
    check=check,
    thresholds=(Threshold("max_moments", 25, 2, whole=True, doc=Text(
        "more moments than this is too many to manage",
        "más momentos que estos son demasiados para gestionar")),),
)
