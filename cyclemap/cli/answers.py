"""What every command that reads survey answers (`--ratings`) says about them, on stderr,
before it writes anything: the file and how it was read (which tool's export, which
mapping), how many answers from how many respondents were used, what was set aside and
why (with counts, and the first unusable cells at `file:line`), and the rows of other
segments left out. Then the verdict:

- a file that could not be used at all (nothing read) is an error: exit 1, no
  deliverable — never a report that says no customer has rated anything;
- `--strict`: any answer set aside is an error (exit 1);
- a `--segment` that matches no row, or a file without a segment column, is a usage
  error (exit 2) with a did-you-mean.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Annotated, Optional

import typer

from cyclemap.cli.usage import EXIT_FINDINGS, UsageError, h
from cyclemap.format.i18n import Number, _, _n

StrictOption = Annotated[
    bool,
    typer.Option("--strict", help=h(
        "With --ratings: any survey answer set aside (not a number, off the scale, a repeated respondent, a "
        "column not read) is an error (exit 1), not a note.")),
]

MappingOption = Annotated[
    Optional[str],
    typer.Option("--mapping", metavar="FILE.yaml", help=h(
        "How to read the files of answers (default: NAME.mapping.yaml beside each).")),
]

CommentsOption = Annotated[
    bool,
    typer.Option("--comments", help=h(
        "Also show the respondents' free-text comments, without who wrote them (never their e-mail, name, "
        "time or row), sorted, from 5 respondents at least. Off by default: comments stay out of every "
        "deliverable unless asked for.")),
]

PROGRESS_AFTER = 1.0  # seconds before a terminal shows how far a large ratings file has been read
# A segment's scores are shown only from this many respondents (their privacy).
MIN_SEGMENT = 5


class Progress:
    """`(bytes read, bytes in all)` -> a line on a terminal's stderr, once reading has taken
    more than a second; nothing on pipes and CI logs (CYCLEMAP_NO_PROGRESS turns it off)."""

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.shown = False
        try:
            self.after = max(0.0, float(os.environ.get("CYCLEMAP_PROGRESS_AFTER", PROGRESS_AFTER)))
        except ValueError:
            self.after = PROGRESS_AFTER
        self.on = bool(hasattr(self.stream, "isatty") and self.stream.isatty()
                       and not os.environ.get("CYCLEMAP_NO_PROGRESS"))

    def __call__(self, done: int, total: int) -> None:
        if not self.on or time.monotonic() - self.start < self.after:
            return
        from cyclemap.cli.usage import help_lang

        share = min(100, int(100 * done / total)) if total else 0
        text = _("reading survey answers… {share} %").format(share=share)(help_lang())
        self.stream.write(f"\r{text}\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def attach_progress(pipeline) -> None:
    """Give a pipeline that reads answers a progress line on the terminal."""
    if getattr(pipeline, "ratings", None) is not None:
        pipeline.progress = Progress()


def summary(ratings, lang: str) -> list[str]:
    """The lines that say what was read from a ratings file and what was set aside."""
    from cyclemap.format.diagnostics import one_line
    from cyclemap.format.ratings import REASONS
    from cyclemap.outputs.report import SEVERITY_WORDS

    lines = []
    for d in ratings.diagnostics():
        if d.subject == "skipped":
            continue
        lines.append(f"{d.path}:{d.pos}: {d.code} {SEVERITY_WORDS[d.severity](lang)} {one_line(d.message(lang))}")
        if d.hint is not None and d.severity.value == "error" and len(lines) <= 3:
            from cyclemap.outputs.report.text_format import HINT

            lines.append(f"    {HINT(lang)}: {one_line(d.hint(lang))}")
    if ratings.unreadable:
        return lines
    lines.append(_what_was_used(ratings, lang))
    if ratings.aside:
        why = ", ".join(f"{Number(n, 0)(lang)} {REASONS[k](lang)}" for k, n in ratings.set_aside.most_common())
        lines.append(f"{ratings.path}: " + _n("{n} answer set aside: {why}", "{n} answers set aside: {why}",
                                              ratings.aside).format(n=Number(ratings.aside, 0), why=why)(lang))
    if ratings.kept:
        listed = ", ".join(f"{m} ({n})" for m, n in ratings.kept[:8])
        lines.append(f"{ratings.path}: " + _n(
            "the answers of {n} moment are not used: the cycle file's own score rests on more answers: {listed}",
            "the answers of {n} moments are not used: the cycle file's own scores rest on more answers: {listed}",
            len(ratings.kept)).format(listed=listed)(lang))
    unread = [c for c in ratings.columns_unread if c.strip()]
    if unread:
        shown = ", ".join(f"“{c[:40]}”" for c in unread[:6]) + ("…" if len(unread) > 6 else "")
        lines.append(f"{ratings.path}: " + _n("{n} question column not read (it names no moment of the cycle): {columns}",
                                              "{n} question columns not read (they name no moment of the cycle): "
                                              "{columns}", len(unread)).format(columns=shown)(lang))
    if ratings.segment is not None:
        lines.append(f"{ratings.path}: " + _n(
            "segment “{segment}”: {n} row of other segments left out",
            "segment “{segment}”: {n} rows of other segments left out",
            ratings.other_segments).format(segment=ratings.segment, n=Number(ratings.other_segments, 0))(lang))
    if not ratings.duplicates_checked:
        lines.append(f"{ratings.path}: " + _("too many respondents to check them all for repeats; the first "
                                             "5,000,000 were checked")(lang))
    return lines


def _what_was_used(ratings, lang: str) -> str:
    """One line: how the file was read, the answers used, from how many respondents."""
    how = []
    if ratings.layout is not None and ratings.layout.tool_name:
        how.append(_("read as a {tool} export").format(tool=ratings.layout.tool_name)(lang))
    if ratings.mapping:
        how.append(_("with the mapping {mapping}").format(mapping=ratings.mapping)(lang))
    if ratings.encoding not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        how.append(_("decoded as {encoding}").format(encoding="Windows-1252" if ratings.encoding == "cp1252"
                                                     else ratings.encoding)(lang))
    used = _n("{n} answer used", "{n} answers used", ratings.count).format(n=Number(ratings.count, 0))(lang)
    parts = [used]
    if ratings.respondents:
        parts.append(_n("from {n} respondent", "from {n} respondents", ratings.respondents).format(
            n=Number(ratings.respondents, 0))(lang))
    line = f"{ratings.path}: " + (f"{', '.join(how)}: " if how else "") + " ".join(parts)
    if ratings.importance:
        imp = sum(t.n for t in ratings.importance.values())
        line += "; " + _n("{n} importance answer", "{n} importance answers", imp).format(n=Number(imp, 0))(lang)
    if ratings.skipped:
        line += "; " + _n("{n} left blank or N/A", "{n} left blank or N/A", ratings.skipped).format(
            n=Number(ratings.skipped, 0))(lang)
    return line


def report_answers(checked, strict: bool = False, pipeline=None, privacy: bool = True) -> None:
    """Say what `--ratings` read (stderr) and stop when the answers cannot be used:
    exit 1 for a file that gave nothing (or, with `strict`, set anything aside), a usage
    error for a --segment that matches nothing."""
    from cyclemap.format.diagnostics import shown
    from cyclemap.format.reader import did_you_mean

    strict = strict or bool(getattr(pipeline, "strict", False))
    progress = getattr(pipeline, "progress", None)
    if progress is not None:
        progress.clear()
    ratings = getattr(checked, "answers_read", None)
    if ratings is None:
        return
    lang = checked.lang
    if ratings.no_segment_column:
        raise UsageError(_("--segment {segment}: {path} has no segment column; name one in a mapping file, or "
                           "leave out --segment").format(segment=shown(ratings.segment), path=shown(ratings.path)))
    if ratings.segment_missing:
        found = ", ".join(f"{s} ({n})" for s, n in ratings.segments.most_common(10))
        guess = did_you_mean(ratings.segment.strip().lower(), list(ratings.segments))
        text = (_("--segment {segment}: no row of {path} is in that segment; did you mean `{guess}`? Its segments: "
                  "{found}") if guess else
                _("--segment {segment}: no row of {path} is in that segment; its segments: {found}"))
        raise UsageError(text.format(segment=shown(ratings.segment), path=shown(ratings.path), guess=guess or "",
                                     found=found or "-"))
    if privacy and ratings.segment is not None and 0 < ratings.respondents < MIN_SEGMENT:
        raise UsageError(_n("--segment {segment}: only {n} respondent in that segment; a segment's scores are shown "
                            "from {least} respondents (their privacy)",
                            "--segment {segment}: only {n} respondents in that segment; a segment's scores are shown "
                            "from {least} respondents (their privacy)", ratings.respondents).format(
                                segment=shown(ratings.segment), least=MIN_SEGMENT))
    from cyclemap.format.diagnostics import one_line

    for line in summary(ratings, lang):  # cells, segment values and file names escaped, one line each
        raw = ": CM" in line or line.startswith("    ")
        sys.stderr.write((line if raw else f"cyclemap: {one_line(line)}") + "\n")
    if ratings.unreadable or not (ratings.answers or ratings.importance):
        sys.stderr.write("cyclemap: " + _("no usable answers in {path}: nothing was written").format(
            path=shown(ratings.path))(lang) + "\n")
        raise typer.Exit(EXIT_FINDINGS)
    if strict and (ratings.aside or any(p.severity.value == "error" for p in ratings.problems)):
        sys.stderr.write("cyclemap: " + _("--strict: answers were set aside (see above): nothing was written")(lang)
                         + "\n")
        raise typer.Exit(EXIT_FINDINGS)


class _Read:
    """A ratings file read on its own, as `report_answers` expects a checked cycle."""

    def __init__(self, ratings, lang: str):
        self.answers_read, self.lang = ratings, lang


def report_read(ratings, lang: str, strict: bool = False, privacy: bool = True) -> None:
    """`report_answers` for a file read on its own (`compare`, `survey stats`)."""
    report_answers(_Read(ratings, lang), strict, privacy=privacy)


def check_answer_files(*paths: str | None, mapping: str | None = None) -> None:
    """Each file of answers, and the mapping when given, must be a readable file (exit 2)."""
    from cyclemap.cli.usage import check_input

    for path in paths:
        if path is not None:
            check_input(path, "ANSWERS")
    if mapping is not None:
        check_input(mapping, "--mapping")


def report_comments(ratings, lang: str) -> list[str]:
    """The comments to show (`--comments`), sorted so that their order says nothing about
    who wrote them, and on stderr how many were used, or why none are shown: no comment
    column, no comment, or fewer respondents than a segment's privacy minimum."""
    path = ratings.path
    if not ratings.layout or ratings.layout.first("comment") is None:
        sys.stderr.write("cyclemap: " + _("--comments: {path} has no comment column (name one `comment` in a "
                                          "mapping file)").format(path=path)(lang) + "\n")
        return []
    if ratings.respondents < MIN_SEGMENT:
        sys.stderr.write("cyclemap: " + _n(
            "--comments: not shown: {n} respondent; comments are shown from {least} respondents (their privacy)",
            "--comments: not shown: {n} respondents; comments are shown from {least} respondents (their privacy)",
            ratings.respondents).format(least=MIN_SEGMENT)(lang) + "\n")
        return []
    used = len(ratings.comments)
    line = _n("--comments: {n} comment used, shown without who wrote it",
              "--comments: {n} comments used, shown without who wrote them", used).format(n=Number(used, 0))(lang)
    if ratings.comments_more:
        line += "; " + _n("{n} more not shown", "{n} more not shown", ratings.comments_more).format(
            n=Number(ratings.comments_more, 0))(lang)
    sys.stderr.write(f"cyclemap: {path}: {line}\n")
    return sorted(ratings.comments, key=str.casefold)
