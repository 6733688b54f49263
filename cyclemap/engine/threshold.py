"""A number a judgement turns on, settable under `thresholds:` in the settings: declared
beside the rule that uses it (`engine.rules`) or the estimate it shapes (`engine.at_risk`)."""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.i18n import Text, Verbatim


@dataclass(frozen=True)
class Threshold:
    """A number a rule's judgement turns on, settable under `thresholds:` in the settings."""

    name: str
    default: float
    minimum: float
    whole: bool = False  # must be a whole number
    inclusive: bool = False  # `minimum` itself is allowed
    share: bool = False  # a share (of customers, answers): between 0 and 1
    doc: Text = Verbatim("")
