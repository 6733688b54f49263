"""The handout's short glossary: the concepts a workshop uses, written in our own words
from the course material (seeds 000–004); each other language's wording is in the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.i18n import Text, _


@dataclass(frozen=True)
class Entry:
    term: Text
    definition: Text


GLOSSARY: tuple[Entry, ...] = (
    Entry(
        _("Moment of truth"),
        _("Any contact in which the customer meets some part of the organisation — a "
          "person, a place, a form, a phone line — and comes away with an impression of "
          "its service. The impression forms whether or not anyone is watching.")),
    Entry(
        _("Cycle of service"),
        _("The map of the moments of truth a customer goes through, in the order they "
          "live them. It starts again each time the customer gets in touch, so it is drawn "
          "as a circle. Mapping it lets a team see the service from the customer's side "
          "and find where it breaks.")),
    Entry(
        _("Critical and routine moments"),
        _("Not every moment weighs the same. Critical moments are the ones where the "
          "customer decides whether to trust you and come back; if one fails, the rest "
          "hardly matters. Routine moments are expected to simply work. Separating the "
          "two tells a team where to put its attention first.")),
    Entry(
        _("Service triangle"),
        _("The customer sits in the middle of three things that must work together: a "
          "service strategy (what we promise, written as standards), the people who "
          "serve, and the systems that support them (places, procedures, software, "
          "machines). Systems should fit the customer, not the organisation; and when the "
          "human part fails, the chain breaks however good the rest is.")),
    Entry(
        _("The ten expectations"),
        _("What customers look for in any service: reliability, responsiveness, "
          "competence, courtesy, communication, credibility, security, understanding of "
          "the customer (empathy), tangibles (how things look) and access. A cycle serves "
          "them moment by moment; one nobody serves is a gap.")),
    Entry(
        _("The four service levels"),
        _("Dismal: the service barely exists and customers leave for good. Poor: it falls "
          "short of expectations and customers drift away. Normal: it just about meets "
          "them, so a better offer elsewhere can take the customer. Exceptional: it meets "
          "and exceeds them, customers are surprised, stay and recommend it.")),
    Entry(
        _("Report card"),
        _("A simple, regular way for the people who receive a service to rate what they "
          "got, so the organisation learns how its service is perceived and can improve "
          "it. In cyclemap the report card is each moment's `score`.")),
    Entry(
        _("Internal customer"),
        _("Every employee is both a supplier and a customer of colleagues. When the "
          "service between departments fails, the final customer ends up feeling it.")),
)
