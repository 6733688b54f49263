"""The labelled phrases of tests/data/content/ (issue 21): loading, and the two fixed splits.

Each file holds one class. A row is `lang<TAB>label<TAB>text`; in recovery.tsv the label is
the parts the plan states (w who, t when, c choice; "-" none), and a plan is a positive
when any part is missing. Lines starting with # are comments.

- held back: sha1("held:" + text) falls in the lowest 30 % -> never looked at while tuning;
- blind fifth: sha1("blind:" + text) falls in the lowest 20 % -> labelled a second time in
  blind.tsv (a second pass, written without looking at the first labels).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "content"
CLASSES = {
    "owner-nobody": "owner.tsv",
    "standard-wish": "standard_wish.tsv",
    "standard-org": "standard_org.tsv",
    "recovery-missing": "recovery.tsv",
    "backstage": "backstage.tsv",
}
LANGS = ("es", "pt", "en")


def _share(salt: str, text: str) -> float:
    return int(hashlib.sha1(f"{salt}:{text}".encode()).hexdigest()[:8], 16) / 0x100000000


def held_back(text: str) -> bool:
    return _share("held", text) < 0.30


def blind(text: str) -> bool:
    return _share("blind", text) < 0.20


@dataclass(frozen=True)
class Case:
    cls: str
    lang: str
    positive: bool
    text: str
    parts: str = ""  # recovery only: the parts the plan states (w, t, c)

    @property
    def held(self) -> bool:
        return held_back(self.text)


def positive_of(cls: str, label: str) -> tuple[bool, str]:
    if cls == "recovery-missing":
        parts = "" if label == "-" else label
        return not all(p in parts for p in "wtc"), parts
    return label == "1", ""


def load(path: Path | None = None) -> list[Case]:
    cases: list[Case] = []
    for cls, name in CLASSES.items():
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lang, label, text = line.split("\t")
            positive, parts = positive_of(cls, label)
            cases.append(Case(cls, lang, positive, text, parts))
    return cases


BLIND = DATA / "blind.tsv"  # the blind fifth, second pass by the same author
BLIND_SECOND = DATA / "blind_second.tsv"  # the blind fifth labelled by another reader, when present


def agreement(path: Path = BLIND) -> tuple[int, int, float, list[tuple[str, str, str]]]:
    """A second labelling of the blind fifth (`path`, rows `class lang label text`) against the
    first labels: (agreeing, total, Cohen's kappa, disagreements as (class, text, first/second)).
    Compared as positive or not. Rows whose text is not in the labelled sets are left out."""
    first = {(c.cls, c.text): c.positive for c in load()}
    if path != BLIND:
        for c, _held in load_round2():
            first.setdefault((c.cls, c.text), c.positive)
    pairs, differ = [], []
    for cls, _lang, label, text in _rows(path):
        second, _parts = positive_of(cls, label)
        if (cls, text) not in first:
            continue
        a = first[(cls, text)]
        pairs.append((a, second))
        if a != second:
            differ.append((cls, text, f"{int(a)}/{int(second)}"))
    n = len(pairs)
    if not n:
        return 0, 0, 0.0, differ
    agree = sum(a == b for a, b in pairs)
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    kappa = (agree / n - chance) / (1 - chance) if chance < 1 else 1.0
    return agree, n, kappa, differ


def _rows(path: Path) -> list[tuple[str, str, str, str]]:
    """The rows `class lang label text` of a file (blank lines and # comments left out)."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[0] not in CLASSES or fields[1] not in LANGS:
            raise ValueError(f"{path.name}:{number}: expected `class<TAB>lang<TAB>label<TAB>text`")
        out.append((fields[0], fields[1], fields[2], fields[3]))
    return out


def _cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    for cls, lang, label, text in _rows(path):
        positive, parts = positive_of(cls, label)
        cases.append(Case(cls, lang, positive, text, parts))
    return cases


def load_fresh() -> list[Case]:
    """fresh.tsv: phrases written after the component, measured and never tuned on."""
    return _cases(DATA / "fresh.tsv")


ROUND3 = DATA / "round3.tsv"


def load_round3(path: Path | None = None) -> list[Case]:
    """round3.tsv (an independent labeller's set, `class lang label text`), held back whole: only
    its figures are ever printed. Empty when the file does not exist."""
    path = path or ROUND3
    return _cases(path) if path.exists() else []


ROUND2 = DATA / "round2.tsv"


def load_round2() -> list[tuple[Case, bool]]:
    """round2.tsv (a second engineer's set, written before reading the lexicon) as (case, held).

    Fixed split: within each class x language cell, rows numbered 1, 2, 3 ... in file order;
    odd rows are the tuning half, even rows the held-back half (never looked at while tuning).
    The rows of round2_extra.tsv join the tuning half."""
    out: list[tuple[Case, bool]] = []
    seen: dict[tuple[str, str], int] = {}
    for line in ROUND2.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cls, lang, label, text = line.split("\t")
        n = seen[(cls, lang)] = seen.get((cls, lang), 0) + 1
        positive, parts = positive_of(cls, label)
        out.append((Case(cls, lang, positive, text, parts), n % 2 == 0))
    # round2_extra.tsv: more tuning phrases, written once the tuning half's misses were fixed
    for line in (DATA / "round2_extra.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cls, lang, label, text = line.split("\t")
            positive, parts = positive_of(cls, label)
            out.append((Case(cls, lang, positive, text, parts), False))
    return out
