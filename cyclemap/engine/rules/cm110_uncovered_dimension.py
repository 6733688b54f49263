"""CM110 uncovered-dimension: an expectation of service that no moment serves.

What it checks
    When the cycle uses `dimensions` at all, that each of the ten expectations of service
    (reliability, responsiveness, competence, courtesy, communication, credibility,
    security, understanding, tangibles, access) is served by at least one moment. A cycle
    that tags no dimensions is not checked.

Why it matters
    Customers judge a service against ten broad expectations: they want to trust it,
    to be attended when they need it, by people who know their job, with courtesy, being
    kept informed, with honesty, safely, understood, in decent surroundings, and with easy
    access. An expectation that no moment is designed to meet is left to chance: nobody
    owns it, nobody measures it, and the customer will notice its absence first.

How to fix
    For each missing expectation, decide which moment should deliver it and add it to
    that moment's `dimensions` (with a standard that says how). If none can, that may be a
    missing moment: e.g. no moment serves communication when nobody tells the customer
    how their case is going.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.format.model import DIMENSIONS
from cyclemap.format.words import DIMENSION
from cyclemap.engine.rules import Finding, rule_from_module



def check(ctx):
    moments = ctx.cycle.moments
    if not any(m.dimensions for m in moments):
        return
    served = {d for m in moments for d in m.dimensions}
    missing = [d for d in DIMENSIONS if d not in served]
    if missing:
        en = ", ".join(DIMENSION[d].en for d in missing)
        es = ", ".join(DIMENSION[d].es for d in missing)
        yield Finding(
            Text(f"no moment serves {'this expectation' if len(missing) == 1 else f'these {len(missing)} expectations'}: {en}",
                 f"ningún momento atiende {'esta expectativa' if len(missing) == 1 else f'estas {len(missing)} expectativas'}: {es}"),
            ctx.cycle.at("moments"),
            plain=Text(f"no moment looks after {'this expectation' if len(missing) == 1 else 'these expectations'}: {en}",
                       f"ningún momento cuida {'esta expectativa' if len(missing) == 1 else 'estas expectativas'}: {es}"),
        )


DOC_ES = """
CM110 uncovered-dimension: una expectativa del servicio que ningún momento atiende.

Qué comprueba
    Cuando el ciclo usa `dimensions`, que cada una de las diez expectativas del servicio
    (fiabilidad, capacidad de respuesta, profesionalidad, cortesía, comunicación,
    credibilidad, seguridad, comprensión del cliente, elementos tangibles, accesibilidad)
    la atienda al menos un momento. Un ciclo que no etiqueta dimensiones no se revisa.

Por qué importa
    El cliente juzga un servicio frente a diez expectativas amplias: quiere poder
    confiar, ser atendido cuando lo necesita, por gente que sabe su oficio, con cortesía,
    informado, con honestidad, sin riesgos, comprendido, en un lugar digno y con acceso
    fácil. Una expectativa que ningún momento está pensado para cumplir queda al azar:
    nadie es responsable, nadie la mide, y el cliente notará su falta primero.

Cómo corregirlo
    Para cada expectativa que falta, decida qué momento debe cumplirla y añádala a las
    `dimensions` de ese momento (con un estándar que diga cómo). Si ninguno puede, quizá
    falte un momento: p. ej. ningún momento atiende la comunicación cuando nadie le cuenta
    al cliente cómo va su caso.
"""

_ALL_BUT_ACCESS = "[reliability, responsiveness, competence, courtesy, communication, credibility, security, understanding, tangibles]"
RULE = rule_from_module(
    __name__,
    code="CM110",
    name="uncovered-dimension",
    severity=Severity.WARNING,
    summary=Text("An expectation of service no moment serves", "Una expectativa del servicio que ningún momento atiende"),
    doc_es=DOC_ES,
    hint=Text("add the missing expectation to the `dimensions` of the moment that should deliver it",
              "añada la expectativa que falta a las `dimensions` del momento que debe cumplirla"),
    fails=f"cyclemap: 1\ntitle: Hotel\nmoments:\n  - {{id: a, name: Books, kind: routine, dimensions: {_ALL_BUT_ACCESS}}}\n  - {{id: b, name: Stays, kind: critical}}\n",
    passes=f"cyclemap: 1\ntitle: Hotel\nmoments:\n  - {{id: a, name: Books, kind: routine, dimensions: {_ALL_BUT_ACCESS}}}\n  - {{id: b, name: Stays, kind: critical, dimensions: [access]}}\n",
    reason=Text('Customers judge a service on a known set of expectations; one that no moment looks after is judged anyway, by chance.',
                'El cliente juzga un servicio según un conjunto conocido de expectativas; la que ningún momento cuida se juzga igual, al azar.'),
    advice=Text('decide which moment should meet each missing expectation, and what it does to meet it',
                'decida qué momento debe atender cada expectativa que falta, y qué hace para atenderla'),
    check=check,
)
