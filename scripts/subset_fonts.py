#!/usr/bin/python3
"""Build step: the fonts the PDF writer embeds, cut down to what it can print.

The theme's TrueType fonts (Liberation Sans from fonts-liberation2, about
2 600 glyphs each) are subset with fontTools (Debian's python3-fonttools) to
the characters of the single-byte encodings the writer uses (CP1252 and the
fallbacks of generator/pdf/encoding.cpp), plus the Latin, Greek and Cyrillic
blocks and general punctuation for safety. Glyph outlines and advance widths
are kept as they are. Dropped: the OpenType layout tables, which the writer
does not use, and the TrueType hinting programs, which only serve screen
rasterisers at small pixel sizes (PDF viewers mostly ignore them; print never
needs them). libharu then reads and embeds a font a seventh of the size:
smaller PDFs, written faster (docs/performance.md).

Usage: subset_fonts.py THEME_JSON OUT_DIR
Deterministic: same fonts and fontTools version, same bytes.
"""
import json
import os
import sys
import tempfile

from fontTools import subset

# Must list the encodings of generator/pdf/encoding.cpp (Python codec names).
ENCODINGS = ["cp1252", "cp1250", "cp1257", "iso8859_2", "iso8859_4",
             "cp1251", "cp1253", "cp1254", "iso8859_3", "iso8859_16"]
EXTRA_RANGES = [(0x20, 0x24F), (0x2B0, 0x2FF), (0x370, 0x3FF), (0x400, 0x52F),
                (0x2000, 0x206F), (0x20A0, 0x20BF), (0x2100, 0x214F)]


def code_points():
    cps = set()
    for enc in ENCODINGS:
        for b in range(0x20, 0x100):
            try:
                cps.add(ord(bytes([b]).decode(enc)))
            except UnicodeDecodeError:
                pass
    for lo, hi in EXTRA_RANGES:
        cps.update(range(lo, hi + 1))
    return sorted(cps)


def main():
    theme_json, out_dir = sys.argv[1], sys.argv[2]
    font = json.load(open(theme_json, encoding="utf-8"))["font"]
    os.makedirs(out_dir, exist_ok=True)
    options = subset.Options()
    options.layout_features = []        # no GSUB/GPOS: the writer places glyphs itself
    options.name_IDs = ["*"]            # the font's names and licence, unchanged
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.recalc_timestamp = False    # deterministic output
    options.drop_tables += ["FFTM", "kern"]
    unicodes = code_points()
    for style in ("regular", "bold", "italic", "bold_italic"):
        src = os.path.join(font["dir"], font[style])
        out = os.path.join(out_dir, font[style])
        f = subset.load_font(src, options)
        s = subset.Subsetter(options)
        s.populate(unicodes=unicodes)
        s.subset(f)
        fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".tmp")
        os.close(fd)
        subset.save_font(f, tmp, options)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)  # never a half-written font
        print(f"{font[style]}: {os.path.getsize(src)} -> {os.path.getsize(out)} octets")


if __name__ == "__main__":
    main()
