"""What a deliverable's numbers come from: the cycle file and its format version, the
survey file (its wave label, the segment, the answers used and set aside) or the file's
own scores, and the date. Every deliverable names it (`Provenance.texts`), from this one
place; the JSON carries it as data (`as_data`).

The date is today's, or the one SOURCE_DATE_EPOCH gives (reproducible builds).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from cyclemap.format.diagnostics import shown
from cyclemap.format.i18n import Number, Text, _, _n, join


@dataclass(frozen=True)
class Provenance:
    cycle_file: str
    format_version: int
    date: str  # ISO date
    answers: int  # answers the scores rest on (survey answers used, or the file's `responses`)
    scored: int  # moments with a score
    survey_file: str | None = None
    wave: str | None = None  # the survey's label: its file name without the suffix
    segment: str | None = None
    set_aside: int = 0  # survey answers or rows not used (blank, N/A, unusable)

    def as_data(self) -> dict:
        def safe(value):  # file names may hold undecodable bytes: escaped, as everywhere
            return None if value is None else shown(value)

        return {"cycle_file": safe(self.cycle_file), "format_version": self.format_version, "date": self.date,
                "scores_from": "survey" if self.survey_file else "file", "answers_used": self.answers,
                "answers_set_aside": self.set_aside, "scored_moments": self.scored,
                "survey_file": safe(self.survey_file), "wave": safe(self.wave), "segment": safe(self.segment)}

    def texts(self) -> list[Text]:
        """One line: the cycle file, where the scores come from, how many answers, the date."""
        name = shown(Path(self.cycle_file).name)
        cycle = _("cycle {file} (format {version})").format(file=name, version=self.format_version)
        if self.survey_file:
            source = _n("survey {file} (wave “{wave}”): {n} answer used, {aside} set aside",
                        "survey {file} (wave “{wave}”): {n} answers used, {aside} set aside", self.answers).format(
                file=shown(Path(self.survey_file).name), wave=shown(self.wave or ""), n=Number(self.answers, 0),
                aside=Number(self.set_aside, 0))
            if self.segment:
                source = join([source, _("segment “{segment}”").format(segment=shown(self.segment))], ", ")
        elif self.scored:
            source = _n("scores written in the cycle file, on {n} answer", "scores written in the cycle file, on {n} answers",
                        self.answers).format(n=Number(self.answers, 0))
        else:
            source = _("no scores yet")
        return [_("Evidence: {cycle}; {source}; {date}.").format(cycle=cycle, source=source, date=self.date)]


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()


def provenance(checked) -> Provenance:
    cycle = checked.cycle
    read = getattr(checked, "answers_read", None)  # format.ratings.Ratings, when --ratings was given
    moments = checked.moments
    scored = sum(1 for m in moments if m.score is not None)
    if read is not None:
        return Provenance(cycle.path, cycle.version, today(), read.count, scored, read.path,
                          Path(read.path).stem, read.segment, read.aside + read.skipped)
    answers = sum(m.responses or 0 for m in moments if m.score is not None)
    return Provenance(cycle.path, cycle.version, today(), answers, scored)
