"""How a survey file is laid out, recognised from its first rows: which tool exported it
(Google Forms, Microsoft Forms, Qualtrics, SurveyMonkey, Typeform, LimeSurvey, cyclemap's
own template, or a plain long or wide table), how many header rows it has, and what each
column holds — a moment's rating, its importance, the respondent, the segment, or data
about the respondent that is never read (time stamps, e-mails, names, addresses).

A column is a moment's when its header carries cyclemap's tag (`[cm:wait]`, what the
forms `cyclemap survey` makes carry), is the moment's id, or contains the moment's name
(what form tools export as the question's text). A header that names a moment and asks
how much it matters is that moment's importance, never its rating; one that asks what
the customer expected is set aside. When two columns claim one moment, the stronger
match (tag, then id, then name) is read and the other set aside; when neither is
stronger, both are set aside and a mapping file (`survey_mapping.py`) says which is which.
Nothing here guesses past that: an unrecognised file is refused with a way forward.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Tools, as `Layout.tool` names them; the words shown for each are in `TOOL_NAMES`.
TOOLS = ("cyclemap", "google-forms", "microsoft-forms", "qualtrics", "surveymonkey", "typeform", "limesurvey",
         "long", "wide", "headerless")
TOOL_NAMES = {"cyclemap": "cyclemap", "google-forms": "Google Forms", "microsoft-forms": "Microsoft Forms",
              "qualtrics": "Qualtrics", "surveymonkey": "SurveyMonkey", "typeform": "Typeform",
              "limesurvey": "LimeSurvey"}

# cyclemap's own tag in a question: `[cm:wait]`, `[cm:wait:importance]`, `[cm:segment]`.
TAG = re.compile(r"\[cm:([a-z0-9_-]+)(?::(importance|expectation))?\]", re.IGNORECASE)

HEADER_MOMENT = {"moment", "momento", "id", "moment_id", "momento_id", "moment id", "question", "pregunta",
                 "pergunta", "item"}
HEADER_RATING = {"rating", "score", "calificacion", "nota", "puntuacion", "valor", "value", "answer", "respuesta",
                 "avaliacao", "resposta", "pontuacao"}
HEADER_RESPONDENT = {"respondent", "encuestado", "respondent_id", "encuestado_id", "response_id", "respuesta_id",
                     "respondent id", "responseid", "response id", "#", "id", "entrevistado", "id de respuesta",
                     "id da resposta", "id de la respuesta"}
HEADER_SEGMENT = {"segment", "segmento", "[cm:segment]"}
HEADER_IMPORTANCE = {"importance", "importancia"}
HEADER_COMMENT = {"comment", "comentario", "comments", "comentarios", "comentario adicional"}
# The comment question of cyclemap's own form (outputs/survey WORDS["comment"]), in each
# language, as a form tool exports it without its tag.
COMMENT_QUESTIONS = ("anything else you want to tell us", "algo mas que quiera contarnos",
                     "¿algo mas que quiera contarnos", "algo mais que queira nos contar")
# Data about the respondent or the response, in the exports of the tools: never read as an
# answer, never carried into a deliverable.
HEADER_META = {
    "date", "fecha", "data", "timestamp", "marca temporal", "carimbo de data/hora", "email", "correo", "e-mail",
    "email address", "direccion de correo electronico", "endereco de e-mail", "correo electronico",
    "start time", "completion time", "last modified time", "name", "nombre", "nome", "hora de inicio",
    "hora de finalizacion", "hora de conclusao", "hora de la ultima modificacion", "hora da ultima modificacao",
    "total points", "quiz feedback", "puntos totales", "comentarios del cuestionario",
    "startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)", "finished", "recordeddate",
    "recipientlastname", "recipientfirstname", "recipientemail", "externalreference", "externaldatareference",
    "locationlatitude", "locationlongitude", "distributionchannel", "userlanguage", "start date", "end date",
    "response type", "ip address", "recorded date", "recipient last name", "recipient first name",
    "recipient email", "external data reference", "location latitude", "location longitude",
    "distribution channel", "user language",
    "collector id", "email address", "first name", "last name", "custom data 1", "custom data",
    "start date (utc)", "submit date (utc)", "network id", "stage date (utc)", "tags", "ending",
    "submitdate", "lastpage", "startlanguage", "seed", "datestamp", "ipaddr", "refurl", "token",
    "date submitted", "last page", "start language", "date started", "date last action", "referrer url",
    "score", "puntuacion total",
}
# The segment question of cyclemap's own form ("You are (e.g. new customer, …):"), in each language.
SEGMENT_STARTS = ("segment", "you are", "usted es", "voce e", "tipo de cliente", "customer type")
IMPORTANCE_WORDS = ("importa", "matter")  # importance, importante, importancia, importância; "does it matter"
EXPECTATION_WORDS = ("expect", "esperab", "esperav", "expectativ", "esperaria")

NO_ANSWER = {"", "na", "n/a", "n.a.", "n. a.", "-", "--", "—", "nr", "ns", "nc", "ns/nc", "no sabe", "no aplica",
             "no answer", "sin respuesta", "null", "none", "#n/a", "#n/d", "n/d", "nd", "not applicable",
             "does not apply", "nao se aplica", "nao sei", "no se", "don't know", "dont know", "prefer not to say",
             "prefiero no responder", "prefiro nao responder", "not asked", "no corresponde"}

# Labels that mean the same number on every five-point form that uses them (satisfaction
# and agreement). Quality words ("good", "very good") are not here: "good" is 3 on one
# form and 4 on another, so they are read only through a mapping.
FIVE_POINT_LABELS = {
    1: ("very dissatisfied", "extremely dissatisfied", "muy insatisfecho", "muy insatisfecha", "muito insatisfeito",
        "muito insatisfeita", "strongly disagree", "totalmente en desacuerdo", "discordo totalmente",
        "completely dissatisfied", "nada satisfecho", "nada satisfeito"),
    2: ("dissatisfied", "somewhat dissatisfied", "insatisfecho", "insatisfecha", "insatisfeito", "insatisfeita",
        "disagree", "en desacuerdo", "discordo", "algo insatisfecho", "um pouco insatisfeito",
        "poco satisfecho", "pouco satisfeito"),
    3: ("neither satisfied nor dissatisfied", "neutral", "ni satisfecho ni insatisfecho", "nem satisfeito nem insatisfeito",
        "neither agree nor disagree", "ni de acuerdo ni en desacuerdo", "nem concordo nem discordo", "indiferente"),
    4: ("satisfied", "somewhat satisfied", "satisfecho", "satisfecha", "satisfeito", "satisfeita", "agree",
        "de acuerdo", "concordo", "algo satisfecho", "um pouco satisfeito", "bastante satisfecho"),
    5: ("very satisfied", "extremely satisfied", "muy satisfecho", "muy satisfecha", "muito satisfeito",
        "muito satisfeita", "strongly agree", "totalmente de acuerdo", "concordo totalmente",
        "completely satisfied", "totalmente satisfecho", "totalmente satisfeito"),
}
# A label the form numbered: "4 - Good", "4 = Good", "5 (Excellent)", "4. Good", "Good (4)", "Good - 4".
_LEADING = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(?:[-–—=:.)(/]|\s)\s*\D")
# (It starts at a non-digit that is not a space, or at the first space of a run, and no
# two repeats can share a space: the same matches, in linear time on a cell of spaces —
# tests/test_linear_time.py.)
_TRAILING = re.compile(r"(?:[^\d\s]|(?<!\s)\s)(?:\s*+[-–—=:(/]\s*+|\s++)([0-9]++(?:[.,][0-9]++)?)\s*+\)?\s*+$")


def plain(text: str) -> str:
    """Lower case, no accents, single spaces, trimmed: how headers and labels are compared."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def label_number(text: str, scale: tuple[float, float], labels: dict[str, float] | None = None) -> float | None:
    """The number a text answer stands for: through the mapping's `labels`, a number the
    form wrote into the label, or a five-point label (only on a five-point scale)."""
    key = plain(text)
    if labels and key in labels:
        return labels[key]
    m = _LEADING.match(text) or _TRAILING.search(text)
    if m:
        try:
            return float(m.group(1).replace(",", "."))
        except ValueError:
            return None
    low, high = scale
    if high - low == 4:
        for point, words in FIVE_POINT_LABELS.items():
            if key in words:
                return low + point - 1
    return None


@dataclass
class Column:
    """One column of a survey file and what it holds."""

    index: int
    header: str  # as shown to the user (header rows joined)
    role: str  # rating | importance | expectation | respondent | segment | comment | meta | moment | answer | unknown | ignored
    moment: str | None = None
    how: str = ""  # tag | id | name | mapping | header | tool
    note: str = ""  # why a column is set aside: "ambiguous", "weaker", ...


@dataclass
class Layout:
    tool: str
    shape: str  # long | wide
    header_rows: int
    columns: list[Column] = field(default_factory=list)
    comment_rows: int = 0  # rows after the header starting with `#` (cyclemap's question row)

    def of(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def first(self, role: str) -> int | None:
        found = self.of(role)
        return found[0].index if found else None

    @property
    def tool_name(self) -> str:
        return TOOL_NAMES.get(self.tool, "")


def detect_tool(rows: list[list[str]]) -> tuple[str, int]:
    """(tool, header rows) from the first rows of a file."""
    first = [plain(c) for c in rows[0]] if rows else []
    names = set(first)
    second = [plain(c) for c in rows[1]] if len(rows) > 1 else []
    third = [c.strip() for c in rows[2]] if len(rows) > 2 else []
    if "responseid" in names or {"startdate", "enddate", "finished"} <= names:
        if any(c.startswith('{"ImportId"') or c.startswith("{'ImportId'") for c in third):
            return "qualtrics", 3
        return "qualtrics", 2 if ("response id" in second or "start date" in second) else 1
    if "respondent id" in names and "collector id" in names:
        return "surveymonkey", 2
    if first and rows[0][0].strip() == "#" and len(first) > 1:
        return "typeform", 1
    if first and first[0] in ("timestamp", "marca temporal", "carimbo de data/hora"):
        return "google-forms", 1
    if ("start time" in names and "completion time" in names) or \
            ("hora de inicio" in names and ("hora de finalizacion" in names or "hora de conclusao" in names)):
        return "microsoft-forms", 1
    if ({"submitdate", "lastpage"} <= names) or ({"date submitted", "last page"} <= names) or \
            ({"response id", "date submitted"} <= names):
        return "limesurvey", 1
    return "", 1


def header_texts(tool: str, rows: list[list[str]], header_rows: int) -> tuple[list[str], list[str]]:
    """(shown header, the texts to match) per column. SurveyMonkey's question heads a block
    of columns whose second row names each (a matrix); Qualtrics' second row holds the
    question, its first the export tag."""
    width = max(len(r) for r in rows[:header_rows])
    cells = [[(r[i] if i < len(r) else "").strip() for i in range(width)] for r in rows[:header_rows]]
    if tool == "surveymonkey":
        shown, match, question = [], [], ""
        for i in range(width):
            question = cells[0][i] or question
            sub = cells[1][i] if header_rows > 1 else ""
            if sub and plain(sub) not in ("response", "open-ended response", "respuesta", "resposta",
                                          "respuesta abierta", "resposta aberta") and sub != question:
                text = f"{question} - {sub}" if cells[0][i] == "" or question else sub
                shown.append(text)
                match.append(sub if not TAG.search(question) else text)
            else:
                shown.append(question if cells[0][i] else f"{question} - {sub}".strip(" -"))
                match.append(cells[0][i] or question)
        return shown, match
    if tool == "qualtrics" and header_rows >= 2:
        # The question (second row) is matched; the export tag (first row) is matched as an
        # id or tag by `classify` through `codes`.
        shown = [cells[1][i] or cells[0][i] for i in range(width)]
        return shown, [cells[1][i] or cells[0][i] for i in range(width)]
    return cells[0], cells[0]


def classify(tool: str, shown: list[str], match: list[str], ids: list[str], names: dict[str, str],
             codes: list[str] | None = None) -> Layout:
    """The layout of a file whose header is known: long when it names a moment column and
    a rating column, else wide. `names`: moment id -> moment name."""
    plains = [plain(t) for t in match]
    id_set = set(ids)
    # Long: a moment column and a rating column, in any order.
    if tool in ("", "cyclemap") and not any(p in id_set or TAG.search(p) for p in plains):
        mcol = next((i for i, p in enumerate(plains) if p in HEADER_MOMENT), None)
        rcol = next((i for i, p in enumerate(plains) if p in HEADER_RATING), None)
        if mcol is not None and rcol is not None:
            cols = []
            for i, p in enumerate(plains):
                role = ("moment" if i == mcol else "answer" if i == rcol else
                        "respondent" if p in HEADER_RESPONDENT else "segment" if p in HEADER_SEGMENT else
                        "importance" if p in HEADER_IMPORTANCE else "ignored")
                cols.append(Column(i, shown[i], role, how="header"))
            _one_each(cols, ("respondent", "segment", "importance"))
            return Layout("long", "long", 1, cols)
    by_name = sorted(((plain(n), i) for i, n in names.items() if len(n.strip()) >= 4), key=lambda p: -len(p[0]))
    cols = []
    for i, (text, p) in enumerate(zip(shown, plains)):
        code = plain(codes[i]) if codes and i < len(codes) else ""
        column = _column(i, text, code, id_set, []) if code else None
        if column is None or column.role == "unknown":
            column = _column(i, text, p, id_set, by_name)
        cols.append(column)
    _one_each(cols, ("respondent", "segment"))
    _settle(cols)
    return Layout(tool or "wide", "wide", 1, cols)


_STRENGTH = {"tag": 3, "id": 2, "name": 1, "mapping": 4}


def _column(i: int, text: str, p: str, id_set: set[str], by_name) -> Column:
    tag = TAG.search(p)
    if tag:
        what = tag.group(1)
        if what == "segment":
            return Column(i, text, "segment", how="tag")
        if what == "comment":
            return Column(i, text, "comment", how="tag")
        if what in id_set:
            return Column(i, text, tag.group(2) or "rating", what, "tag")
    if p in id_set:
        return Column(i, text, "rating", p, "id")
    for prefix in ("importance_", "importancia_"):
        if p.startswith(prefix) and p[len(prefix):] in id_set:
            return Column(i, text, "importance", p[len(prefix):], "id")
    if p in HEADER_RESPONDENT:
        return Column(i, text, "respondent", how="header")
    if p in HEADER_SEGMENT or p.startswith(SEGMENT_STARTS):
        return Column(i, text, "segment", how="header")
    if p in HEADER_COMMENT or p.startswith(COMMENT_QUESTIONS):
        return Column(i, text, "comment", how="header")
    if p in HEADER_META:
        return Column(i, text, "meta", how="header")
    for name, moment_id in by_name:
        if name in p:
            rest = p.replace(name, " ")  # the question's own words, without the moment's name
            role = ("importance" if any(w in rest for w in IMPORTANCE_WORDS) else
                    "expectation" if any(w in rest for w in EXPECTATION_WORDS) else "rating")
            return Column(i, text, role, moment_id, "name")
    return Column(i, text, "unknown")


def _one_each(cols: list[Column], roles) -> None:
    """Only the first respondent / segment column is read as such."""
    for role in roles:
        for c in [c for c in cols if c.role == role][1:]:
            c.role, c.note = "ignored", "second"


def _settle(cols: list[Column]) -> None:
    """A moment claimed by two columns of one kind: the strongest match reads, the others
    are set aside; a tie sets all aside (a mapping must say)."""
    groups: dict[tuple[str, str], list[Column]] = {}
    for c in cols:
        if c.moment and c.role in ("rating", "importance", "expectation"):
            groups.setdefault((c.role, c.moment), []).append(c)
    for group in groups.values():
        if len(group) < 2:
            continue
        best = max(_STRENGTH.get(c.how, 0) for c in group)
        winners = [c for c in group if _STRENGTH.get(c.how, 0) == best]
        for c in group:
            if len(winners) > 1 or c not in winners:
                c.note = "ambiguous" if len(winners) > 1 else "weaker"
                c.role = "ignored"


def with_mapping(layout_tool: str, shown: list[str], mapping, ids: set[str]) -> Layout:
    """The layout a mapping file gives: only the columns it names are read."""
    cols = []
    long = any(role == "moment" for role, _m in mapping.columns.values())
    for i, text in enumerate(shown):
        entry = mapping.columns.get(text) or mapping.columns.get(plain(text))
        if entry is None:
            cols.append(Column(i, text, "ignored", how="mapping", note="unmapped"))
            continue
        role, moment = entry
        if long and role == "rating" and moment is None:
            role = "answer"
        cols.append(Column(i, text, role, moment, "mapping"))
    return Layout(layout_tool or ("long" if long else "wide"), "long" if long else "wide", mapping.header_rows or 1,
                  cols)
