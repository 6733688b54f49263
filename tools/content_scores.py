"""Precision, recall and false alarms of the content facts on the labelled set (issue 21).

    PYTHONPATH=$PWD python tools/content_scores.py            # tuning part and held-back part
    PYTHONPATH=$PWD python tools/content_scores.py --markdown # the table of docs/rules.md
    PYTHONPATH=$PWD python tools/content_scores.py --errors tuning   # the misses, to tune on
    PYTHONPATH=$PWD python tools/content_scores.py --errors r2-tuning  # round2's tuning half
    PYTHONPATH=$PWD python tools/content_scores.py --round2   # round2 halves, owner/standard-org/backstage
    PYTHONPATH=$PWD python tools/content_scores.py --write    # cyclemap/engine/content/scores.json (docs)
    PYTHONPATH=$PWD python tools/content_scores.py --tuning   # the tuning parts only (no held-back figure)

With tests/data/content/round3.tsv present (an independent labeller's set, held back whole),
the table has a round3 column; with blind_second.tsv present, the agreement of the first
labels with an independent reader is printed beside the same author's second pass.

Per class and language: recall = flagged positives / positives; false-alarm rate =
flagged negatives / negatives; precision = flagged positives / flagged. The held-back
part (content_set.held_back, 30 % by a fixed hash) is never shown with --errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import content_set  # noqa: E402
from cyclemap.engine import content  # noqa: E402


def flagged(case: content_set.Case) -> bool:
    """What the component says about the case's text, as the class asks."""
    if case.cls == "owner-nobody":
        return content.owner(case.text, case.lang).nobody_in_particular
    if case.cls == "standard-wish":
        return not content.standard(case.text, case.lang).standard_observable
    if case.cls == "standard-org":
        return content.standard(case.text, case.lang).standard_serves_org
    if case.cls == "recovery-missing":
        return bool(content.recovery(case.text, case.lang).missing)
    if case.cls == "backstage":
        return content.step(case.text, case.lang).backstage
    raise ValueError(case.cls)


def scores(part: str) -> dict[tuple[str, str], dict[str, float]]:
    """(class, lang) -> tp, fn, fp, tn, recall, false_alarms, precision, on `part`
    ("tuning", "held" or "all")."""
    table: dict[tuple[str, str], dict[str, float]] = {}
    if part in ("r2-tuning", "r2-held"):
        cases = [c for c, held in content_set.load_round2() if held == (part == "r2-held")]
    elif part == "fresh":
        cases = content_set.load_fresh()
    elif part == "round3":
        cases = content_set.load_round3(ROUND3_PATH)
    else:
        cases = [c for c in content_set.load()
                 if not (part == "tuning" and c.held or part == "held" and not c.held)]
    for case in cases:
        row = table.setdefault((case.cls, case.lang), {"tp": 0, "fn": 0, "fp": 0, "tn": 0})
        got = flagged(case)
        key = ("tp" if got else "fn") if case.positive else ("fp" if got else "tn")
        row[key] += 1
    for row in table.values():
        pos, neg, flag = row["tp"] + row["fn"], row["fp"] + row["tn"], row["tp"] + row["fp"]
        row["recall"] = row["tp"] / pos if pos else 1.0
        row["false_alarms"] = row["fp"] / neg if neg else 0.0
        row["precision"] = row["tp"] / flag if flag else 1.0
    return table


def errors(part: str) -> list[str]:
    if part in ("held", "fresh", "r2-held", "round3"):
        raise SystemExit("the held-back and fresh parts are not shown: they are never tuned on")
    cases = ([c for c, held in content_set.load_round2() if not held] if part == "r2-tuning"
             else [c for c in content_set.load() if not c.held])
    out = []
    for case in cases:
        got = flagged(case)
        if got != case.positive:
            out.append(f"{case.cls}\t{case.lang}\t{'missed' if case.positive else 'false alarm'}\t{case.text}")
    return out


def pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _round3() -> dict | None:
    """round3.tsv's figures (held back whole), or None when the file is not there."""
    return scores("round3") if content_set.load_round3(ROUND3_PATH) else None


def table(markdown: bool = False) -> str:
    tuning, held, fresh = scores("tuning"), scores("held"), scores("fresh")
    round3 = _round3()
    lines = []
    if markdown:
        lines += ["| class | language | recall (tuning) | false alarms (tuning) | precision (tuning) | "
                  "recall (held back) | false alarms (held back) | precision (held back) |",
                  "|---|---|---|---|---|---|---|---|"]
    else:
        lines.append(f"{'class':18} {'lang':4} {'recall':>7} {'f.alarm':>7} {'prec':>6}   "
                     f"{'recall':>7} {'f.alarm':>7} {'prec':>6}   {'recall':>7} {'f.alarm':>7}   "
                     + (f"{'recall':>7} {'f.alarm':>7}   " if round3 else "")
                     + "(tuning | held back | fresh" + (" | round3)" if round3 else ")"))
    for cls in content_set.CLASSES:
        for lang in content_set.LANGS:
            t, h, f = tuning[(cls, lang)], held[(cls, lang)], fresh[(cls, lang)]
            n_t = f"{t['tp'] + t['fn']:.0f}+{t['fp'] + t['tn']:.0f}"
            n_h = f"{h['tp'] + h['fn']:.0f}+{h['fp'] + h['tn']:.0f}"
            if markdown:
                lines.append(f"| {cls} | {lang} | {pct(t['recall'])} | {pct(t['false_alarms'])} | "
                             f"{pct(t['precision'])} | {pct(h['recall'])} | {pct(h['false_alarms'])} | "
                             f"{pct(h['precision'])} |")
            else:
                lines.append(f"{cls:18} {lang:4} {pct(t['recall']):>7} {pct(t['false_alarms']):>7} "
                             f"{pct(t['precision']):>6}   {pct(h['recall']):>7} {pct(h['false_alarms']):>7} "
                             f"{pct(h['precision']):>6}   {pct(f['recall']):>7} {pct(f['false_alarms']):>7}   "
                             + (_cell(round3, cls, lang) + "   " if round3 else "")
                             + f"n={n_t} | {n_h}")
    lines.append("")
    lines.extend(agreement_notes())
    return "\n".join(lines)


def _cell(table: dict, cls: str, lang: str) -> str:
    if (cls, lang) not in table:
        return f"{'-':>7} {'-':>7}"
    row = table[(cls, lang)]
    return f"{pct(row['recall']):>7} {pct(row['false_alarms']):>7}"


def agreement_notes() -> list[str]:
    """The blind fifth's agreement: the same author's second pass, and an independent reader's
    labels (blind_second.tsv) when present."""
    agree, n, kappa, _ = content_set.agreement()
    notes = [f"Blind fifth labelled twice (second pass by the same author): {agree}/{n} agree, "
             f"Cohen's kappa {kappa:.2f}."]
    if BLIND_SECOND_PATH.exists():
        agree, n, kappa, _ = content_set.agreement(BLIND_SECOND_PATH)
        notes.append(f"Blind fifth labelled by an independent reader (blind_second.tsv): {agree}/{n} agree with "
                     f"the first labels, Cohen's kappa {kappa:.2f}.")
    return notes


SCORES = Path(content.__file__).with_name("scores.json")
ROUND3_PATH = content_set.ROUND3  # tests point these at files of their own
BLIND_SECOND_PATH = content_set.BLIND_SECOND


def measured() -> dict:
    """The figures as cyclemap.engine.content.measured() ships them (docs/rules.md)."""
    agree, n, kappa, _ = content_set.agreement()
    parts = {"tuning": scores("tuning"), "held": scores("held"), "fresh": scores("fresh"),
             "round2_tuning": scores("r2-tuning"), "round2_held": scores("r2-held")}
    round3 = _round3()
    if round3:
        parts["round3"] = round3
    cells = []
    for cls in content_set.CLASSES:
        for lang in content_set.LANGS:
            cell = {"class": cls, "lang": lang}
            for part, table in parts.items():
                if (cls, lang) not in table:
                    continue  # round2 holds three of the five classes
                row = table[(cls, lang)]
                cell[part] = {"recall": round(row["recall"], 3), "false_alarms": round(row["false_alarms"], 3),
                              "precision": round(row["precision"], 3), "positives": int(row["tp"] + row["fn"]),
                              "negatives": int(row["fp"] + row["tn"])}
            cells.append(cell)
    out = {"cells": cells, "blind": {"agree": agree, "n": n, "kappa": round(kappa, 3)}}
    if BLIND_SECOND_PATH.exists():
        agree, n, kappa, _ = content_set.agreement(BLIND_SECOND_PATH)
        out["blind_second"] = {"agree": agree, "n": n, "kappa": round(kappa, 3)}
    return out


def main(argv: list[str]) -> int:
    if "--write" in argv:
        import json

        SCORES.write_text(json.dumps(measured(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SCORES}")
        return 0
    if "--round2" in argv:
        t, h, f = scores("r2-tuning"), scores("r2-held"), scores("fresh")
        print(f"{'class':18} {'lang':4} {'recall':>7} {'f.alarm':>7}   {'recall':>7} {'f.alarm':>7}   "
              f"{'recall':>7} {'f.alarm':>7}   (round2 tuning | round2 held back | fresh)")
        for (cls, lang) in sorted(t, key=lambda k: (list(content_set.CLASSES).index(k[0]),
                                                    content_set.LANGS.index(k[1]))):
            print(f"{cls:18} {lang:4} " + "   ".join(
                f"{pct(x[(cls, lang)]['recall']):>7} {pct(x[(cls, lang)]['false_alarms']):>7}" for x in (t, h, f)))
        return 0
    if "--tuning" in argv:
        t, r2 = scores("tuning"), scores("r2-tuning")
        print(f"{'class':18} {'lang':4} {'recall':>7} {'f.alarm':>7}   {'recall':>7} {'f.alarm':>7}   "
              "(original tuning part | round2 tuning half + extra)")
        for cls in content_set.CLASSES:
            for lang in content_set.LANGS:
                print(f"{cls:18} {lang:4} {_cell(t, cls, lang)}   {_cell(r2, cls, lang)}")
        return 0
    if "--errors" in argv:
        part = argv[argv.index("--errors") + 1] if len(argv) > argv.index("--errors") + 1 else "tuning"
        print("\n".join(errors(part)))
        return 0
    print(table(markdown="--markdown" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
