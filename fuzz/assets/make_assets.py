"""Makes the fuzz targets' small image pool (deterministic): one of each kind
the format accepts, all tiny so that a fuzz run stays fast."""
from PIL import Image, ImageDraw

def pic(w, h):
    im = Image.new("RGB", (w, h), (70, 110, 150))
    d = ImageDraw.Draw(im)
    d.ellipse([w * 0.2, h * 0.3, w * 0.8, h * 1.2], fill=(60, 110, 90))
    return im

pic(24, 16).save("rgb.jpg", quality=70)
pic(16, 24).convert("L").save("grey.jpg", quality=70)
pic(32, 8).convert("CMYK").save("cmyk.jpg", quality=70)
pic(12, 12).save("rgb.png")
rgba = pic(16, 16).convert("RGBA")
rgba.putalpha(128)
rgba.save("alpha.png")
pic(8, 40).convert("P", palette=Image.Palette.ADAPTIVE, colors=8).save("palette.png", transparency=0)
pic(1, 1).save("pixel.png")
