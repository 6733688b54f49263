"""A corpus of hostile cycle files, made on demand (never committed: one is 50 MB), each
with the outcome `cyclemap check` must give and the time and memory it may take.

The tests (`tests/test_hardening.py`) write every case into a temporary folder and
assert the outcome through the real command line, with a generous time limit that only
catches hangs; `benchmarks/bench_hostile.py` measures each against its bounds.

    python benchmarks/hostile.py OUT_DIR     # write the corpus to look at it
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HEAD = "cyclemap: 1\ntitle: Hostile\n"
TWO = "  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n"


def _text(body: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(body, encoding="utf-8")


def _bytes(body: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(body)


def _billion_laughs(path: Path) -> None:
    # Nine levels of nine aliases: 9**9 (387 million) strings if anything expanded it.
    lines = [HEAD.rstrip("\n"), "stages:", '  - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
    for level in range(1, 9):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"  - &l{level} [{refs}]")
    lines.append("moments: [" + ", ".join(["*l8"] * 9) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _fifty_megabytes(path: Path) -> None:
    # A plausible start, then 50 MB of moments: big enough to be refused unread.
    chunk = "".join(f"  - {{id: m{i}, name: Moment {i}, kind: routine}}\n" for i in range(1000))
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD + "moments:\n")
        written = 0
        while written < 50 * 1024 * 1024:
            out.write(chunk)
            written += len(chunk)


def _too_many_values(path: Path) -> None:
    # Tiny values, far more than a cycle holds: refused before memory runs away.
    path.write_text(HEAD + "stages: [" + "a," * 1_100_000 + "a]\nmoments:\n" + TWO, encoding="utf-8")


def _python_tag(marker: Path) -> Callable[[Path], None]:
    return _text(HEAD + f'customer: !!python/object/apply:os.system ["touch {marker}"]\n'
                 "moments:\n" + TWO)


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Callable[[Path], None]  # writes the file at the given path
    exit: int  # exit code of `cyclemap check FILE`
    code: str | None  # the code every error diagnostic carries (None: no error at all)
    message: str | None  # part of the English message
    where: str | None  # "line:col" (or only "line", where libyaml versions differ) of the first diagnostic
    seconds: float  # the benchmark's bound on a whole `check` of it
    megabytes: float  # the benchmark's bound on its peak memory


def cases(tmp: Path) -> list[Case]:
    """The corpus. `tmp` is where the python-tag case would leave its marker file if a
    tag could ever run code (the tests assert it never appears)."""
    marker = tmp / "pwned"
    return [
        Case("billion-laughs", "nine levels of nine aliases (387 million strings if expanded)",
             _billion_laughs, 1, "CM002", "must be", "4:5", 2, 100),
        Case("recursive-alias", "an alias inside its own anchor (a list that holds itself)",
             _text(HEAD + "moments: &m [*m]\n"), 1, "CM002", "must be a mapping", "3:10", 2, 100),
        Case("deep-nesting", "100,000 `[`", _text(HEAD + "moments: " + "[" * 100_000 + "\n"),
             1, "CM001", "nested more than", "3", 2, 100),
        Case("deep-block-nesting", "3,000 levels of indented lists",
             _text("".join("  " * i + "-\n" for i in range(3000))), 1, "CM001", "nested more than", "201:401", 2, 100),
        Case("fifty-megabytes", "a 50 MB file", _fifty_megabytes, 1, "CM001", "too large", "1:1", 2, 60),
        Case("too-many-values", "a list of 1.1 million one-letter values",
             _too_many_values, 1, "CM001", "more than 1,000,000 values", None, 15, 700),
        Case("long-name", "a 100,000-character name (names are bounded at 1,000 characters)",
             _text(HEAD + "moments:\n  - {id: a, name: " + "n" * 100_000 + ", kind: critical}\n"
                   "  - {id: b, name: B, kind: routine}\n"), 1, "CM002", "may be at most 1,000", "4:19", 2, 100),
        Case("megabyte-notes", "a 1,000,000-character note (notes are bounded at 10,000 characters)",
             _text(HEAD + "moments:\n  - {id: a, name: A, kind: critical, notes: " + "a " * 500_000 + "}\n"
                   "  - {id: b, name: B, kind: routine}\n"), 1, "CM002", "may be at most 10,000", "4:45", 2, 100),
        Case("long-key", "a 100,000-character key (YAML allows 1,024)",
             _text(HEAD + "k" * 100_000 + ": 1\nmoments:\n" + TWO), 1, "CM001", "longer than YAML allows", "3:1", 2, 100),
        Case("long-id", "a 100,000-character id with a space in it",
             _text(HEAD + "moments:\n  - {id: " + "x" * 50_000 + " " + "y" * 50_000 + ", name: A, kind: critical}\n"
                   "  - {id: b, name: B, kind: routine}\n"), 1, "CM002", "may be at most 1,000", "4:10", 2, 100),
        Case("control-characters", "raw BEL and ESC bytes in a name",
             _bytes((HEAD + "moments:\n  - {id: a, name: \"A\x07\x1b[31m\", kind: critical}\n" + TWO).encode()),
             1, "CM001", "control character U+0007", "4:21", 2, 100),
        Case("escaped-control-characters", "an ANSI escape written as \\e in a quoted name",
             _text(HEAD + 'moments:\n  - {id: a, name: "A\\e[31m red", kind: critical}\n'
                   "  - {id: b, name: B, kind: routine}\n"), 0, None, None, None, 2, 100),
        Case("bidi-override", "U+202E (right-to-left override) in a name and in an id",
             _text(HEAD + "moments:\n  - {id: a, name: \"ab\u202edc\", kind: critical}\n"
                   "  - {id: \"b\u202e\", name: B, kind: routine}\n"), 1, "CM002", "may only use", "5:10", 2, 100),
        Case("nul-bytes", "NUL bytes in the middle of the file",
             _bytes((HEAD + "moments:\n  - {id: a, name: A\x00\x00, kind: critical}\n" + TWO).encode()),
             1, "CM001", "control character U+0000", "4:20", 2, 100),
        Case("latin-1", "Spanish text saved as Latin-1", _bytes(
            (HEAD + "customer: Atención al público\nmoments:\n" + TWO).encode("latin-1")),
             1, "CM001", "not UTF-8", "3:17", 2, 100),
        Case("utf-16", "the file saved as UTF-16", _bytes((HEAD + "moments:\n" + TWO).encode("utf-16")),
             1, "CM001", "not UTF-8", "1:1", 2, 100),
        Case("python-tag", "`!!python/object/apply:os.system` (must never run)", _python_tag(marker),
             1, "CM002", "not allowed", "3:11", 2, 100),
        Case("empty", "an empty file", _text(""), 1, "CM002", "empty", "1:1", 2, 100),
        Case("only-a-comment", "a comment and nothing else", _text("# nothing here\n"), 1, "CM002", "empty", "1:1", 2, 100),
        Case("binary", "random bytes (a PNG header and noise)",
             _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), 1, "CM001", None, None, 2, 100),
        Case("many-documents", "two YAML documents", _text(HEAD + "moments:\n" + TWO + "---\n" + HEAD),
             1, "CM001", "more than one document", "6:1", 2, 100),
        Case("scalar-root", "a file that is just a number", _text("42\n"), 1, "CM002", "must be a mapping", "1:1", 2, 100),
        Case("huge-numbers", "a score of 1.0e+400 and a 5,000-digit integer",
             _text(HEAD + "moments:\n  - {id: a, name: A, kind: critical, score: 1.0e+400, responses: " + "9" * 5000 + "}\n"
                   "  - {id: b, name: B, kind: routine}\n"), 1, "CM002", "finite number", "4:45", 2, 100),
        # Round two (issue 16): what an outside attack found.
        Case("scale-overflow", "`scale: [-1.0e+308, 1.0e+308]` (its span overflows to infinity)",
             _text(HEAD + "scale: [-1.0e+308, 1.0e+308]\nmoments:\n" + TWO), 1, "CM002", "must stay within", "3:8", 2, 100),
        Case("osc-escapes", "OSC 52 (clipboard), a window title, BEL and BS written as escapes in quoted names",
             _text(HEAD + 'moments:\n  - {id: a, name: "A\\e]52;c;cHduZWQ=\\a\\b", kind: critical, '
                   'owner: "\\e]0;title\\a"}\n  - {id: b, name: "B\\e[2J", kind: routine}\n'), 0, None, None, None, 2, 100),
        Case("bidi-isolates", "bidi isolates and zero-width marks in names (U+2066..U+2069, U+200B)",
             _text(HEAD + "moments:\n  - {id: a, name: \"\u2067evil\u2069\u200b\", kind: critical}\n"
                   "  - {id: b, name: \"\u2066B\u2069\", kind: routine}\n"), 0, None, None, None, 2, 100),
        Case("long-name-every-view", "a name at its bound, 1,000 characters, every one a wide character",
             _text(HEAD + "moments:\n  - {id: a, name: " + "ñ" * 1_000 + ", kind: critical}\n"
                   "  - {id: b, name: B, kind: routine}\n"), 0, None, None, None, 2, 100),
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for case in cases(out):
        case.make(out / f"{case.name}.yaml")
        print(f"{out / (case.name + '.yaml')}: {case.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
