"""Make the fonts cyclemap ships (cyclemap/outputs/fonts/) and their advance-width table.

    python tools/fonts.py --dejavu /usr/share/fonts/truetype/dejavu --emoji 'NotoEmoji[wght].ttf'

Tool time only: needs fontTools (`pip install fonttools`), which cyclemap does not need
at run time. The committed files were made from Debian's fonts-dejavu-core 2.37-6 and the
`NotoEmoji[wght].ttf` of Noto Emoji 3.002 (Google Fonts' noto-emoji; the copy used came in
the manimgx-fonts 2026.9.26.post1 wheel on PyPI, unmodified). What it writes, and why:

- DejaVu Sans Book, Bold and Oblique (DejaVu 2.37, the Bitstream Vera licence: Debian's
  fonts-dejavu-core), cut to the scripts a cycle's names and the diagrams' marks use —
  Latin, Greek, Cyrillic, Hebrew, Arabic (with the shaping tables), punctuation, arrows,
  geometric shapes, symbols — without hinting (the pictures are drawn at 144 dpi or as
  vectors);
- each with Noto Emoji's glyphs merged in (Google, SIL OFL 1.1: monochrome, so it prints
  in greyscale like the rest of the picture; the weight-400 instance of the variable
  `NotoEmoji[wght].ttf`), with its ligatures for emoji joined by zero-width joiners
  (👩‍💻 is one glyph) enabled in every script. Merged, not a second file: resvg falls back
  to another font glyph by glyph and cannot take a joined emoji's one glyph for its three
  parts, so a line that mixed words and a joined emoji drew boxes;
- metrics.json: each face's advance widths (runs of code points sharing one width, in
  font units), so cyclemap sizes boxes and lines with the widths both engines draw with.

The licences are beside the fonts (LICENSE-DejaVu.txt, LICENSE-NotoEmoji.txt).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "cyclemap" / "outputs" / "fonts"
# Unicode blocks kept from DejaVu Sans (anything else is drawn with the machine's own fonts),
# without U+200D: the zero-width joiner comes from Noto Emoji, whose ligatures name its glyph.
KEEP = ("0000-036F,0370-03FF,0400-052F,0590-05FF,0600-06FF,0750-077F,08A0-08FF,1E00-1EFF,"
        "2000-200C,200E-20CF,2100-23FF,2460-24FF,2500-27BF,2B00-2BFF,FB1D-FDFF,FE70-FEFF,FFFD")
FACES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "oblique": "DejaVuSans-Oblique.ttf"}


def subset(source: Path):
    from fontTools import subset as ft

    options = ft.Options()
    options.layout_features = ["*"]  # Arabic joining forms, ligatures, kerning
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    options.hinting = False
    # The old `kern` table (GPOS has the same pairs), MATH and FontForge's stamp: not
    # needed to draw, and fontTools' merger cannot merge them.
    options.drop_tables += ["kern", "MATH", "FFTM"]
    font = ft.load_font(str(source), options)
    sub = ft.Subsetter(options)
    sub.populate(unicodes=ft.parse_unicodes(KEEP))
    sub.subset(font)
    _no_required_feature(font)
    return font


def _no_required_feature(font) -> None:
    """A language system's required feature listed as an ordinary one (shapers apply it
    the same), since fontTools' merger merges only language systems without one."""
    for tag in ("GSUB", "GPOS"):
        for record in font[tag].table.ScriptList.ScriptRecord if tag in font else ():
            systems = [record.Script.DefaultLangSys] + [r.LangSys for r in record.Script.LangSysRecord]
            for system in filter(None, systems):
                if system.ReqFeatureIndex != 0xFFFF:
                    if system.ReqFeatureIndex not in system.FeatureIndex:
                        system.FeatureIndex.insert(0, system.ReqFeatureIndex)
                        system.FeatureCount = len(system.FeatureIndex)
                    system.ReqFeatureIndex = 0xFFFF


def emoji(source: Path, scripts: dict[str, list[str]], text_codes: set[int]):
    """The weight-400 instance of Noto Emoji, its ligatures registered for every script
    the text face has (a joined emoji inside a Latin or Arabic run is shaped with that
    run's script, and would find no ligature under the default script alone)."""
    import copy

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables import otTables
    from fontTools.varLib import instancer

    font = TTFont(str(source))
    if "fvar" in font:
        font = instancer.instantiateVariableFont(font, {"wght": 400})
    for table in ("vhea", "vmtx", "STAT", "gasp"):  # vertical metrics, axis names: not drawn
        if table in font:
            del font[table]
    # What the text face has (space, digits, #, ©, arrows) stays the text face's: Noto
    # Emoji's own glyphs for them are emoji-wide.
    for table in font["cmap"].tables:
        if hasattr(table, "cmap"):
            table.cmap = {code: glyph for code, glyph in table.cmap.items() if code not in text_codes}
    gsub = font["GSUB"].table
    default = next(r for r in gsub.ScriptList.ScriptRecord if r.ScriptTag == "DFLT").Script
    _no_required_feature(font)
    for tag, languages in scripts.items():
        script = default if tag == "DFLT" else copy.deepcopy(default)
        script.LangSysRecord = []
        for language in languages:  # the text face's languages (Spanish, Catalan, Urdu ...) too
            lang = otTables.LangSysRecord()
            lang.LangSysTag = language
            lang.LangSys = copy.deepcopy(default.DefaultLangSys)
            script.LangSysRecord.append(lang)
        script.LangSysCount = len(script.LangSysRecord)
        if tag != "DFLT":
            record = otTables.ScriptRecord()
            record.ScriptTag = tag
            record.Script = script
            gsub.ScriptList.ScriptRecord.append(record)
    gsub.ScriptList.ScriptRecord.sort(key=lambda r: r.ScriptTag)
    gsub.ScriptList.ScriptCount = len(gsub.ScriptList.ScriptRecord)
    return font


def merge(text_font, emoji_font, target: Path) -> None:
    import tempfile

    from fontTools.merge import Merger

    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.ttf", Path(tmp) / "b.ttf"
        text_font.save(str(a))
        emoji_font.save(str(b))
        merged = Merger().merge([str(a), str(b)])
    merged.save(str(target))


def runs(path: Path) -> dict:
    """{"upm": units per em, "runs": [[first, last, advance], ...]} for every mapped code point."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    hmtx = font["hmtx"]
    out: list[list[int]] = []
    for code, glyph in sorted(font.getBestCmap().items()):
        advance = hmtx[glyph][0]
        if out and out[-1][1] == code - 1 and out[-1][2] == advance:
            out[-1][1] = code
        else:
            out.append([code, code, advance])
    return {"upm": font["head"].unitsPerEm, "runs": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dejavu", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    parser.add_argument("--emoji", type=Path, required=True, help="NotoEmoji[wght].ttf (or a static Noto Emoji)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in FACES.values():
        text_font = subset(args.dejavu / name)
        scripts = {r.ScriptTag: [lang.LangSysTag for lang in r.Script.LangSysRecord]
                   for r in text_font["GSUB"].table.ScriptList.ScriptRecord}
        merge(text_font, emoji(args.emoji, scripts, set(text_font.getBestCmap())), OUT / name)
    table = {face: runs(OUT / name) for face, name in FACES.items()}
    (OUT / "metrics.json").write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size / 1024:8.0f} KB  {path.name}")


if __name__ == "__main__":
    main()
