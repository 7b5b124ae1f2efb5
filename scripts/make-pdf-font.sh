#!/bin/sh
# Rebuilds the fonts the meeting-record PDF embeds (lib/record/pdf.ts) from Debian's fonts-noto-cjk:
#
#   lib/record/pdf-font/NotoSansSC-Yishi.otf       Noto Sans CJK SC, subset to the characters below
#   lib/record/pdf-font/NotoSansMonoSC-Yishi.otf   Noto Sans Mono CJK SC, ASCII only (hashes, key fingerprints)
#   lib/record/pdf-font/LICENSE-OFL.txt            the fonts' copyright notice and the SIL OFL 1.1 text
#
# Needs: fonts-noto-cjk, fonttools (pyftsubset) and unicode-data (Unihan, for the 通用规范汉字表 list).
# Run from anywhere: sh scripts/make-pdf-font.sh
#
# Why a subset: the full collection is 19 MB and holds Japanese, Korean and Traditional faces we never
# print. The record is Simplified Chinese, so the subset keeps every hanzi of GB2312 (6,763) and every
# character of the Table of General Standard Chinese Characters (通用规范汉字表, 2013, all three levels:
# 8,105, which covers the rarer characters of personal and place names), plus Latin and the punctuation
# and symbols the record uses. A character outside the subset prints as the font's .notdef box instead
# of failing the render.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/lib/record/pdf-font"
regular=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
unihan=/usr/share/unicode/Unihan_OtherMappings.txt.bz2
doc=/usr/share/doc/fonts-noto-cjk/copyright
# Debian's pyftsubset runs on Debian's python3, which has fontTools; a pyenv python3 on PATH may not.
py=/usr/bin/python3

for f in "$regular" "$unihan" "$doc"; do
  [ -r "$f" ] || { echo "missing $f (apt-get install fonts-noto-cjk unicode-data fonttools)" >&2; exit 1; }
done
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The face's index inside the collection, found by name rather than assumed.
face_index() {
  "$py" - "$regular" "$1" <<'EOF'
import sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1], lazy=True).fonts):
    if f['name'].getDebugName(4) == sys.argv[2]:
        print(i); break
else:
    sys.exit('face not found: ' + sys.argv[2])
EOF
}

# Code points to keep, one U+XXXX per line.
"$py" - "$unihan" > "$work/unicodes.txt" <<'EOF'
import bz2, sys
keep = set()
# Basic Latin, Latin-1, General Punctuation, letterlike (℃ №), number forms (Ⅰ Ⅱ), arrows, enclosed
# numbers (① ⑴), box drawing, geometric shapes (■ □ ● ○ ★), CJK symbols and punctuation, fullwidth forms.
for lo, hi in [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF),
               (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x2606), (0x3000, 0x303F),
               (0xFF00, 0xFFEF)]:
    keep.update(range(lo, hi + 1))
# GB2312, decoded pair by pair: rows 0xA1-0xA9 are symbols, 0xB0-0xF7 the 6,763 hanzi.
for lead in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xF8)):
    for trail in range(0xA1, 0xFF):
        try:
            keep.update(ord(c) for c in bytes([lead, trail]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
# 通用规范汉字表: Unihan's kTGH field ("2013:<index>") marks its 8,105 characters.
with bz2.open(sys.argv[1], 'rt', encoding='utf-8') as f:
    for line in f:
        parts = line.split('\t')
        if len(parts) >= 2 and parts[1] == 'kTGH':
            keep.add(int(parts[0][2:], 16))
for cp in sorted(keep):
    print('U+%04X' % cp)
EOF

# No OpenType layout tables (GSUB/GPOS/GDEF): pdfkit shapes every printed line through fontkit, and
# with them a long record's text layout takes about twice as long (measured with bench/record.ts, worst
# on the first render in a process). In this face they only hold Latin kerning and the fi/fl-style
# ligatures; Chinese text prints the same without them. Vertical metrics go too: the record is horizontal.
subset() { # <face name> <unicodes file> <output>
  pyftsubset "$regular" --font-number="$(face_index "$1")" --unicodes-file="$2" --output-file="$3" \
    --layout-features='' --drop-tables+=GSUB,GPOS,GDEF,BASE,VORG,vhea,vmtx \
    --no-hinting --notdef-glyph --notdef-outline --name-IDs='*' --name-languages='*'
}

subset 'Noto Sans CJK SC' "$work/unicodes.txt" "$out/NotoSansSC-Yishi.otf"
printf 'U+0020-007E\n' > "$work/ascii.txt"
subset 'Noto Sans Mono CJK SC' "$work/ascii.txt" "$out/NotoSansMonoSC-Yishi.otf"

# OFL 1.1 requires the copyright notice and the licence to travel with the fonts. The notice comes from
# the font's own name table; the licence text from Debian's copyright file (a Debian paragraph: strip
# the one-space indent and turn " ." lines back into blank lines).
{
  "$py" -c "
import sys
from fontTools.ttLib import TTFont
n = TTFont(sys.argv[1])['name']
print('Noto Sans CJK SC / Noto Sans Mono CJK SC (subset as NotoSansSC-Yishi, NotoSansMonoSC-Yishi)')
print(n.getDebugName(0))
print()
print('This Font Software is licensed under the SIL Open Font License, Version 1.1.')
print()" "$out/NotoSansSC-Yishi.otf"
  awk 'prev == "" && $0 == "License: SIL-1.1" { on = 1; next }
       on && $0 == "" { exit }
       on { sub(/^ \.$/, ""); sub(/^ /, ""); print }
       { prev = $0 }' "$doc"
} > "$out/LICENSE-OFL.txt"

"$py" -c "
import sys
from fontTools.ttLib import TTFont
for p in sys.argv[1:]:
    f = TTFont(p)
    print(p, len(f.getBestCmap()), 'characters,', len(f.getGlyphOrder()), 'glyphs')
" "$out/NotoSansSC-Yishi.otf" "$out/NotoSansMonoSC-Yishi.otf"
ls -l "$out"
