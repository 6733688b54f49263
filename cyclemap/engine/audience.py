"""Who the customers are, as the critique needs to know it: whether they can take their
business elsewhere (not when the file says `customers_can_leave: false`, nor when they are
colleagues, an internal customer) and which moments collect their complaints. A leaf
module (it imports no rule), read by the facts of a moment, the service level and the
customers-at-risk estimate alike.
"""

from __future__ import annotations

import re
import unicodedata

from cyclemap.format.model import Cycle, Moment

# Voices that are the customer complaining (seed 003: queja, reclamo).
COMPLAINT_VOICES = ("complaint", "claim")
# A moment named for complaints, when the file does not say `collects:`.
_COMPLAINT_NAME = re.compile(r"\b(?:queja|quejas|reclamo|reclamos|reclamacion|reclamacao|reclamacoes|complaint|"
                             r"complaints|claim|claims|grievance|ouvidoria|defensoria|libro de reclamaciones)\b")


def plain(text: str) -> str:
    """Lower case, accents removed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def internal_customer(cycle: Cycle) -> bool:
    """The cycle's customer is a colleague: the file says so (`internal: true`), or its
    title or customer does (read by `engine.content`)."""
    if cycle.internal:
        return True
    from cyclemap.engine import content

    return content.internal_customer(f"{cycle.title}. {cycle.customer or ''}", cycle.language)


def can_leave(cycle: Cycle) -> bool:
    """The customers can take their business elsewhere."""
    return cycle.customers_can_leave and not internal_customer(cycle)


def complaint_named(moment: Moment) -> bool:
    return bool(_COMPLAINT_NAME.search(plain(moment.name)))


def collects_complaints(moment: Moment) -> bool:
    """The moment collects complaints or claims: it says so (`collects:`), or it collects the
    customer's voice (`feedback: true`) and its name says complaints."""
    if moment.collects is not None:
        return moment.collects in COMPLAINT_VOICES
    return moment.feedback and complaint_named(moment)
