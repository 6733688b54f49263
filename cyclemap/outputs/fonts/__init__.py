"""The one font of every picture: DejaVu Sans (Book, Bold, Oblique), each with Noto
Emoji's glyphs merged in (tools/fonts.py makes them), shipped in this folder with their
licences, used by both engines and by cyclemap's own text measurement, so the system and
the embedded engine draw the same picture: Latin, Greek, Cyrillic, Hebrew and Arabic
(shaped), the diagrams' marks and arrows, and the emoji, joined ones as one glyph.

- `system` engine: `dot` runs with FONTCONFIG_FILE set to `fonts.conf` here (that process
  only): the bundled faces first, then the machine's fonts for scripts they lack.
- `embedded` engine: resvg is given the bundled files first, the machine's others after
  them (`resvg_options`).
- Measuring: `width(text, size, bold=...)` adds the faces' advance widths from
  `metrics.json` (made by tools/fonts.py from the font files), a character the bundled
  faces lack counted one em wide, so a box is never too narrow for its words.

What is not covered: a script neither face has (Chinese, Japanese, Korean, Indic, Thai)
is drawn with the machine's own fonts when it has them; without them that text shows
as boxes. An emoji newer than the bundled Noto Emoji (3.002, Unicode 15) likewise.
"""

from __future__ import annotations

import bisect
import json
from functools import lru_cache
from pathlib import Path

FAMILY = "DejaVu Sans"
FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
UNKNOWN_EM = 1.0  # a character no bundled face has: counted one em wide (CJK is)
# Characters that take no room: joiners, variation selectors, direction marks and isolates.
_ZERO = frozenset([0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10),
                   *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
ZWJ = "\u200d"


def folder() -> Path:
    from importlib.resources import files

    return Path(str(files("cyclemap.outputs.fonts")))


def font_paths() -> list[Path]:
    return [folder() / name for name in FILES]


def fontconfig_env(base: dict | None = None) -> dict:
    """The environment for a `dot` process: `base` (default: this process's) with
    FONTCONFIG_FILE pointing at the bundled fonts.conf."""
    import os

    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(folder() / "fonts.conf")
    return env


@lru_cache(maxsize=1)
def _table() -> dict:
    data = json.loads((folder() / "metrics.json").read_text(encoding="utf-8"))
    out = {}
    for face, entry in data.items():
        runs = entry["runs"]
        out[face] = ([r[0] for r in runs], runs, float(entry["upm"]))
    return out


def _advance(face: str, code: int) -> float | None:
    starts, runs, upm = _table()[face]
    i = bisect.bisect_right(starts, code) - 1
    if i >= 0 and runs[i][0] <= code <= runs[i][1]:
        return runs[i][2] / upm
    return None


def covered(code: int) -> bool:
    """True when a bundled face has a glyph for the code point (or it takes no room)."""
    return code in _ZERO or _advance("regular", code) is not None


@lru_cache(maxsize=4096)
def width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of one line of `text` at `size`, in the same unit as `size`.
    An emoji sequence joined with zero-width joiners counts as the one glyph it is drawn as."""
    face = "bold" if bold else ("oblique" if italic else "regular")
    total, joined = 0.0, False
    for ch in text:
        code = ord(ch)
        if code in _ZERO:
            joined = joined or ch == ZWJ
            continue
        if joined:  # the part after a joiner is drawn inside the glyph before it
            joined = False
            continue
        em = _advance(face, code)
        if em is None:
            em = _advance("regular", code)  # a face without the glyph falls back to Book
        total += em if em is not None else UNKNOWN_EM
    return total * size



def _machine_font_dirs() -> tuple[str, ...]:
    from pathlib import Path as _Path

    try:
        home = _Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry: no user fonts
        home = None
    user = (str(home / ".fonts"), str(home / ".local/share/fonts")) if home else ()
    return ("/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts",
            "C:/Windows/Fonts") + user


def font_files() -> list[Path]:
    """The machine's own font files: after the bundled ones, for scripts those lack."""
    found: list[Path] = []
    for where in _machine_font_dirs():
        root = Path(where)
        if root.is_dir():
            found += [p for p in root.rglob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc")]
    return found


def resvg_options() -> dict:
    """resvg-py's font options: the bundled faces first, then the machine's others (its
    own copies of DejaVu Sans left out, so the bundled faces are the ones drawn)."""
    others = [str(p) for p in font_files() if not p.name.startswith("DejaVuSans")]
    return {"skip_system_fonts": True, "font_files": [str(p) for p in font_paths()] + others,
            "font_family": FAMILY, "sans_serif_family": FAMILY}
