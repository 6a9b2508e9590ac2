"""Makes the showcase's images: a greyscale JPEG, a CMYK JPEG (Adobe, inverted)
and a palette PNG with transparency. Deterministic: run it again for the same bytes."""
from PIL import Image, ImageDraw

def landscape(w, h, sky, ground):
    im = Image.new("RGB", (w, h), sky)
    d = ImageDraw.Draw(im)
    for y in range(h // 2):
        t = y / (h / 2)
        d.line([(0, y), (w, y)], fill=tuple(int(sky[i] * (1 - t) + 250 * t) for i in range(3)))
    for k, (x, r) in enumerate([(0.2, 0.35), (0.55, 0.45), (0.9, 0.3)]):
        d.ellipse([w * x - w * r, h * 0.55, w * x + w * r, h * 1.4], fill=tuple(max(0, c - 18 * k) for c in ground))
    d.ellipse([w * 0.72, h * 0.12, w * 0.8, h * 0.12 + w * 0.08], fill=(255, 244, 214))
    return im

landscape(900, 500, (70, 110, 150), (60, 110, 90)).convert("L").save("harbour-grey.jpg", quality=82)
landscape(1200, 400, (0, 92, 151), (40, 120, 100)).convert("CMYK").save("hills-cmyk.jpg", quality=82)
emblem = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
d = ImageDraw.Draw(emblem)
d.ellipse([20, 20, 380, 380], fill=(0, 92, 151, 255))
d.ellipse([70, 70, 330, 330], fill=(255, 255, 255, 0))
for k in range(6):
    d.line([(200, 40), (200, 360)], fill=(0, 92, 151, 255), width=10)
    emblem = emblem.rotate(30)
    d = ImageDraw.Draw(emblem)
emblem.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save("emblem.png", transparency=0)
