#!/bin/sh
# Makes DroidSansFallback-subset.ttc: the characters of ../brochure.yaml and
# the program's Chinese words, from Debian's fonts-droid-fallback
# (Apache 2.0, see LICENSE), as a one-face collection.
#
#     apt-get install fonts-droid-fallback && pip install fonttools
#     sh make_subset.sh
set -e
cd "$(dirname "$0")"
src=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
# The space, the digits, every non-ASCII character of the source, and the words the program prints
# (目录 更多信息 图片, dates 年月日, the weekdays 星期一…日, full-width punctuation).
python3 - > chars.txt <<'PY'
text = open("../brochure.yaml", encoding="utf-8").read()
text += "目录更多信息图片年月日星期一二三四五六七八九十周“”‘’「」『』（）《》，。、；：？！—…·"
print(" 0123456789" + "".join(sorted({c for c in text if ord(c) > 0x7F})))
PY
pyftsubset "$src" --text-file=chars.txt --output-file=subset.ttf --layout-features='*' --no-hinting --desubroutinize
python3 -c "
from fontTools.ttLib import TTFont
from fontTools.ttLib.ttCollection import TTCollection
c = TTCollection(); c.fonts = [TTFont('subset.ttf')]; c.save('DroidSansFallback-subset.ttc')"
rm chars.txt subset.ttf
