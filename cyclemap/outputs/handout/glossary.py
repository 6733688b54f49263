"""The handout's short glossary: the concepts a workshop uses, written in our own words
from the course material (seeds 000–004), in English and Spanish."""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.diagnostics import Text


@dataclass(frozen=True)
class Entry:
    term: Text
    definition: Text


GLOSSARY: tuple[Entry, ...] = (
    Entry(
        Text("Moment of truth", "Momento de verdad"),
        Text("Any contact in which the customer meets some part of the organisation — a "
             "person, a place, a form, a phone line — and comes away with an impression of "
             "its service. The impression forms whether or not anyone is watching.",
             "Cualquier contacto en el que el cliente se encuentra con alguna parte de la "
             "organización —una persona, un lugar, un formulario, una línea telefónica— y se "
             "lleva una impresión de su servicio. La impresión se forma aunque nadie lo esté mirando.")),
    Entry(
        Text("Cycle of service", "Ciclo del servicio"),
        Text("The map of the moments of truth a customer goes through, in the order they "
             "live them. It starts again each time the customer gets in touch, so it is drawn "
             "as a circle. Mapping it lets a team see the service from the customer's side "
             "and find where it breaks.",
             "El mapa de los momentos de verdad que vive el cliente, en el orden en que los "
             "vive. Vuelve a empezar cada vez que el cliente se pone en contacto, por eso se "
             "dibuja como un círculo. Trazarlo permite al equipo ver el servicio desde el lado "
             "del cliente y encontrar dónde se rompe.")),
    Entry(
        Text("Critical and routine moments", "Momentos críticos y de rutina"),
        Text("Not every moment weighs the same. Critical moments are the ones where the "
             "customer decides whether to trust you and come back; if one fails, the rest "
             "hardly matters. Routine moments are expected to simply work. Separating the "
             "two tells a team where to put its attention first.",
             "No todos los momentos pesan igual. Los críticos son aquellos en los que el "
             "cliente decide si confía y vuelve; si uno falla, el resto casi no cuenta. De los "
             "de rutina solo se espera que funcionen. Separarlos dice al equipo dónde poner "
             "primero la atención.")),
    Entry(
        Text("Service triangle", "Triángulo del servicio"),
        Text("The customer sits in the middle of three things that must work together: a "
             "service strategy (what we promise, written as standards), the people who "
             "serve, and the systems that support them (places, procedures, software, "
             "machines). Systems should fit the customer, not the organisation; and when the "
             "human part fails, the chain breaks however good the rest is.",
             "El cliente está en el centro de tres elementos que deben funcionar juntos: una "
             "estrategia de servicio (lo que prometemos, escrito como estándares), las personas "
             "que atienden y los sistemas que las apoyan (lugares, procedimientos, programas, "
             "máquinas). Los sistemas deben ajustarse al cliente, no a la organización; y si "
             "falla la parte humana, la cadena se rompe por bueno que sea el resto.")),
    Entry(
        Text("The ten expectations", "Las diez expectativas"),
        Text("What customers look for in any service: reliability, responsiveness, "
             "competence, courtesy, communication, credibility, security, understanding of "
             "the customer (empathy), tangibles (how things look) and access. A cycle serves "
             "them moment by moment; one nobody serves is a gap.",
             "Lo que el cliente busca en cualquier servicio: fiabilidad, capacidad de "
             "respuesta, profesionalidad, cortesía, comunicación, credibilidad, seguridad, "
             "comprensión del cliente (empatía), elementos tangibles (cómo se ven las cosas) y "
             "accesibilidad. Un ciclo las atiende momento a momento; la que nadie atiende es un hueco.")),
    Entry(
        Text("The four service levels", "Los cuatro niveles de servicio"),
        Text("Dismal: the service barely exists and customers leave for good. Poor: it falls "
             "short of expectations and customers drift away. Normal: it just about meets "
             "them, so a better offer elsewhere can take the customer. Exceptional: it meets "
             "and exceeds them, customers are surprised, stay and recommend it.",
             "Pésimo: el servicio casi no existe y el cliente no vuelve. Malo: no cumple las "
             "expectativas y el cliente se va alejando. Normal: las cumple apenas, así que otro "
             "mejor puede llevarse al cliente. Excepcional: las cumple y las supera; el cliente "
             "se sorprende, se queda y lo recomienda.")),
    Entry(
        Text("Report card", "Libreta de calificaciones"),
        Text("A simple, regular way for the people who receive a service to rate what they "
             "got, so the organisation learns how its service is perceived and can improve "
             "it. In cyclemap the report card is each moment's `score`.",
             "Una forma sencilla y periódica de que quienes reciben un servicio califiquen lo "
             "que recibieron, para que la organización sepa cómo se percibe su servicio y pueda "
             "mejorarlo. En cyclemap la libreta de calificaciones es la `score` de cada momento.")),
    Entry(
        Text("Internal customer", "Cliente interno"),
        Text("Every employee is both a supplier and a customer of colleagues. When the "
             "service between departments fails, the final customer ends up feeling it.",
             "Todo empleado es a la vez proveedor y cliente de sus compañeros. Cuando falla el "
             "servicio entre áreas, el cliente final termina notándolo.")),
)
