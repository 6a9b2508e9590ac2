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

# The gallery's pictures (RGB JPEGs): a portrait of a lighthouse, its
# subject a third down and left of centre, and a market of coloured stalls.
def lighthouse(w, h):
    im = landscape(w, h, (90, 140, 190), (70, 120, 160))
    d = ImageDraw.Draw(im)
    x = w * 0.35
    d.polygon([(x - w * 0.06, h * 0.85), (x + w * 0.06, h * 0.85), (x + w * 0.035, h * 0.3), (x - w * 0.035, h * 0.3)], fill=(240, 240, 235))
    for k in range(3):
        y = h * (0.4 + 0.15 * k)
        d.rectangle([x - w * 0.05, y, x + w * 0.05, y + h * 0.04], fill=(200, 40, 40))
    d.rectangle([x - w * 0.045, h * 0.24, x + w * 0.045, h * 0.3], fill=(250, 210, 80))
    return im

def market(w, h):
    im = Image.new("RGB", (w, h), (235, 225, 200))
    d = ImageDraw.Draw(im)
    colours = [(200, 60, 50), (240, 170, 40), (60, 140, 90), (40, 90, 170), (150, 70, 140)]
    for k in range(8):
        x0 = k * w / 8
        c = colours[k % len(colours)]
        d.polygon([(x0, h * 0.35), (x0 + w / 8, h * 0.35), (x0 + w / 16, h * 0.15)], fill=c)
        d.rectangle([x0 + w * 0.01, h * 0.35, x0 + w / 8 - w * 0.01, h * 0.8], fill=tuple(min(255, v + 50) for v in c))
        for j in range(3):
            d.ellipse([x0 + w * (0.02 + 0.03 * j), h * 0.62, x0 + w * (0.045 + 0.03 * j), h * 0.62 + w * 0.025], fill=(250, 120 + 40 * j, 30))
    return im

lighthouse(600, 900).save("lighthouse.jpg", quality=82)
market(1200, 800).save("market.jpg", quality=82)
