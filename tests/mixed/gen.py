#!/usr/bin/env python3
"""Makes brochures of mixed content from the 100-item benchmark corpus (issue #15).

Run:
    python3 tests/mixed/gen.py CORPUS.v1.yaml OUT_DIR

CORPUS.v1.yaml is the benchmark's 100-item corpus in our format (see the bench
README for how it is made); its fonts folder must stand beside it. OUT_DIR gets
`images/` (portrait, square, panorama, tiny and wide pictures drawn with Pillow)
and three 40-item brochures of the same items: `mixed-2col.yaml` (A4, two
columns), `mixed-3col.yaml` (A4, three columns) and `mixed-a5.yaml` (A5, one
column). Items are long (the whole body) or short (one or two paragraphs); lead
images, body figures (`width: full` and column ones) and insets (`float`) rotate
through the image kinds. Deterministic: the same corpus gives the same files.
Not used by `cargo test`; it makes material to measure pages with.
"""
import copy, os, random, shutil, sys

import yaml
from PIL import Image, ImageDraw

# name: (width px, height px); tiny is below 150 dpi at any useful size.
KINDS = {
    "portrait": (800, 1200),
    "square": (1000, 1000),
    "panorama": (2400, 600),
    "tiny": (120, 90),
    "wide": (2000, 1125),
    "landscape": (1200, 800),
}


def draw(path, size, seed):
    """A picture with some structure (bands and discs), so JPEG sizes are realistic."""
    rnd = random.Random(seed)
    img = Image.new("RGB", size, tuple(rnd.randrange(40, 200) for _ in range(3)))
    d = ImageDraw.Draw(img)
    w, h = size
    for _ in range(12):
        x, y = rnd.randrange(w), rnd.randrange(h)
        r = rnd.randrange(max(2, min(w, h) // 10), max(3, min(w, h) // 2))
        d.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randrange(256) for _ in range(3)))
    img.save(path, quality=85)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        corpus = yaml.safe_load(f)
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    fonts = os.path.join(os.path.dirname(os.path.abspath(src)), "fonts")
    if os.path.isdir(fonts) and not os.path.exists(os.path.join(out, "fonts")):
        shutil.copytree(fonts, os.path.join(out, "fonts"))
    for i, (kind, size) in enumerate(KINDS.items()):
        for n in range(3):
            draw(os.path.join(out, "images", f"{kind}-{n}.jpg"), size, i * 10 + n)
    draw(os.path.join(out, "images", "cover.jpg"), (2000, 1200), 99)

    rnd = random.Random(15)
    kinds = list(KINDS)
    items = []
    for i, item in enumerate(corpus["items"][:40]):
        item = copy.deepcopy(item)
        paras = [b for b in item.get("body", []) if isinstance(b, str)]
        quotes = [b for b in item.get("body", []) if not isinstance(b, str)]
        short = i % 3 == 1
        if short:
            body = paras[: 1 + i % 2]
        else:
            body = paras[:]
            if quotes and i % 2 == 0:
                body.insert(min(2, len(body)), quotes[0])
        lead = kinds[i % len(kinds)]
        if i % 7 == 5:
            item.pop("image", None)
        else:
            image = item.get("image") or {}
            if not isinstance(image, dict):
                image = {"src": image}
            image["src"] = f"images/{lead}-{i // len(kinds) % 3}.jpg"
            image.setdefault("alt", f"A {lead} picture")
            item["image"] = image
        if not short and len(body) >= 3:
            k = kinds[(i * 5 + 2) % len(kinds)]
            fig = {"src": f"images/{k}-{(i + 1) % 3}.jpg", "alt": f"A {k} figure",
                   "credit": "UNODC"}
            if i % 4 == 0:
                fig["width"] = "full"
            elif i % 4 == 2 and k not in ("panorama", "wide"):
                fig["float"] = "right" if i % 8 == 2 else "left"
                fig["width"] = "35%"
            if i % 5 == 0:
                fig["caption"] = "A caption under the figure, one line or two."
            body.insert(1 + rnd.randrange(len(body) - 1), {"image": fig})
        item["body"] = body
        items.append(item)

    base = {k: v for k, v in corpus.items() if k != "items"}
    base["cover"] = {"image": "images/cover.jpg"}
    variants = {
        "mixed-2col.yaml": {"page": "A4", "columns": 2},
        "mixed-3col.yaml": {"page": "A4", "columns": 3},
        "mixed-a5.yaml": {"page": "A5", "columns": 1},
    }
    for name, theme in variants.items():
        doc = copy.deepcopy(base)
        doc.setdefault("theme", {}).update(theme)
        doc["items"] = items
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=100)
        print(os.path.join(out, name))


if __name__ == "__main__":
    main()
