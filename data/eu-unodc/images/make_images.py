#!/usr/bin/env python3
"""Generate the illustrations of the EU–UNODC sample brochure.

Calm, text-free compositions in a muted UN-blue palette: gradient skies,
layered hills, simple silhouettes. Everything is drawn at twice the final
size and scaled down, so edges are smooth. All randomness is seeded, so
running this script again gives the same pictures.

    python3 make_images.py            # writes the images next to this file

Needs Pillow and NumPy (pip install pillow numpy).
"""

import math
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SS = 2  # supersampling factor
JPEG_QUALITY = 85


# --------------------------------------------------------------------------
# colour helpers

def rgb(h, a=255):
    h = h.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), a)


def mix(c1, c2, t):
    """Linear mix of two colours (tuples or #hex), t=0 gives c1."""
    if isinstance(c1, str):
        c1 = rgb(c1)
    if isinstance(c2, str):
        c2 = rgb(c2)
    c1 = tuple(c1) + (255,) * (4 - len(c1))
    c2 = tuple(c2) + (255,) * (4 - len(c2))
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c1, c2))


def with_alpha(c, a):
    if isinstance(c, str):
        c = rgb(c)
    return tuple(c[:3]) + (a,)


# --------------------------------------------------------------------------
# canvas with supersampled drawing in final-pixel coordinates

class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.img = Image.new("RGBA", (w * SS, h * SS), (0, 0, 0, 0))

    # backgrounds ---------------------------------------------------------
    def vgradient(self, stops):
        """Vertical gradient; stops = [(0..1, colour), ...]."""
        H, W = self.h * SS, self.w * SS
        ys = np.linspace(0.0, 1.0, H)
        pos = [p for p, _ in stops]
        cols = np.array([rgb(c)[:3] if isinstance(c, str) else c[:3]
                         for _, c in stops], dtype=float)
        chans = [np.interp(ys, pos, cols[:, i]) for i in range(3)]
        col = np.stack(chans, axis=1)  # H x 3
        arr = np.repeat(col[:, None, :], W, axis=1)
        self._set_rgb(arr)

    def glow(self, cx, cy, r, colour, strength=1.0):
        """Soft radial light (sun, haze) blended over the picture."""
        H, W = self.h * SS, self.w * SS
        yy, xx = np.mgrid[0:H, 0:W].astype(float)
        d2 = ((xx - cx * SS) ** 2 + (yy - cy * SS) ** 2) / (r * SS) ** 2
        a = strength * np.exp(-d2)
        base = np.asarray(self.img, dtype=float)
        c = np.array(rgb(colour)[:3] if isinstance(colour, str) else colour[:3],
                     dtype=float)
        base[..., :3] = base[..., :3] * (1 - a[..., None]) + c * a[..., None]
        self.img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGBA")

    def _set_rgb(self, arr):
        H, W = arr.shape[:2]
        out = np.empty((H, W, 4), dtype=np.uint8)
        out[..., :3] = np.clip(arr, 0, 255).astype(np.uint8)
        out[..., 3] = 255
        self.img = Image.fromarray(out, "RGBA")

    # layers --------------------------------------------------------------
    def layer(self, blur=0.0):
        return Layer(self, blur)

    def save_jpeg(self, name, scale=1.0):
        # scale > 1 keeps more of the supersampled detail (the cover is
        # printed across the whole page: 1800 px give about 220 dpi on A4)
        size = (round(self.w * scale), round(self.h * scale))
        small = self.img.convert("RGB").resize(size, Image.LANCZOS)
        path = HERE / name
        # baseline (not progressive) JPEG: the most widely supported in PDF
        small.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True,
                   progressive=False, subsampling="4:2:0")
        return path

    def save_png(self, name):
        small = self.img.resize((self.w, self.h), Image.LANCZOS)
        path = HERE / name
        small.save(path, "PNG", optimize=True)
        return path


class Layer:
    """A transparent layer drawn with final-pixel coordinates, composited on exit."""

    def __init__(self, canvas, blur):
        self.c = canvas
        self.blur = blur
        self.im = Image.new("RGBA", canvas.img.size, (0, 0, 0, 0))
        self.d = ImageDraw.Draw(self.im)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        im = self.im
        if self.blur:
            # blur premultiplied, so transparent pixels do not darken the edges
            im = im.convert("RGBa").filter(
                ImageFilter.GaussianBlur(self.blur * SS)).convert("RGBA")
        self.c.img = Image.alpha_composite(self.c.img, im)
        return False

    @staticmethod
    def _p(pts):
        return [(x * SS, y * SS) for x, y in pts]

    def poly(self, pts, fill):
        self.d.polygon(self._p(pts), fill=fill)

    def rect(self, x0, y0, x1, y1, fill):
        self.d.rectangle([x0 * SS, y0 * SS, x1 * SS - 1, y1 * SS - 1], fill=fill)

    def rrect(self, x0, y0, x1, y1, r, fill):
        self.d.rounded_rectangle([x0 * SS, y0 * SS, x1 * SS, y1 * SS],
                                 radius=r * SS, fill=fill)

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=1):
        self.d.ellipse([(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS],
                       fill=fill, outline=outline, width=max(1, int(width * SS)))

    def line(self, pts, fill, width=1.0):
        self.d.line(self._p(pts), fill=fill, width=max(1, int(round(width * SS))),
                    joint="curve")

    def arc(self, cx, cy, rx, ry, start, end, fill, width=1.0):
        self.d.arc([(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS],
                   start, end, fill=fill, width=max(1, int(round(width * SS))))


# --------------------------------------------------------------------------
# landscape helpers

def ridge(rng, w, base, amp, waves=4, step=4, roughness=0.35):
    """Points of a smooth ridge line y(x) across the width w."""
    comps = []
    for i in range(waves):
        f = (i + 1) * rng.uniform(0.7, 1.3)
        a = amp * (roughness ** i) * rng.uniform(0.6, 1.0)
        comps.append((f, a, rng.uniform(0, 2 * math.pi)))
    pts = []
    for x in range(-step, w + 2 * step, step):
        y = base
        for f, a, ph in comps:
            y += a * math.sin(2 * math.pi * f * x / w + ph)
        pts.append((x, y))
    return pts


def fill_below(layer, pts, bottom, colour):
    layer.poly(pts + [(pts[-1][0], bottom), (pts[0][0], bottom)], colour)


def clouds(canvas, rng, n, y0, y1, w, colour=(255, 255, 255, 110)):
    """A few soft, flat-bottomed clouds between heights y0 and y1."""
    with canvas.layer(blur=6) as L:
        for _ in range(n):
            cx = rng.uniform(0, w)
            cy = rng.uniform(y0, y1)
            size = rng.uniform(50, 110)
            for _ in range(6):
                dx = rng.uniform(-1.2, 1.2) * size
                r = size * rng.uniform(0.35, 0.6)
                L.ellipse(cx + dx, cy - r * 0.3, r, r * 0.55, fill=colour)
            L.ellipse(cx, cy + size * 0.05, size * 1.5, size * 0.16, fill=colour)


def glitter(layer, rng, cx, y0, y1, spread, colour=(255, 246, 228)):
    """Sun light on water: short horizontal strokes, wider and fainter lower down."""
    for i in range(70):
        t = rng.random()
        y = y0 + t * (y1 - y0)
        half = spread * (0.25 + 0.9 * t)
        x = cx + rng.gauss(0, half * 0.45)
        ln = rng.uniform(8, 40) * (0.5 + t)
        a = int(170 * (1 - 0.6 * t) * math.exp(-((x - cx) / half) ** 2))
        layer.line([(x - ln / 2, y), (x + ln / 2, y)], colour + (a,), 1.5 + 1.5 * t)


def palm(layer, x, ground, h, colour, rng):
    """A simple palm silhouette: curved trunk and drooping fronds."""
    lean = rng.uniform(-0.18, 0.18) * h
    trunk = []
    for i in range(11):
        t = i / 10
        trunk.append((x + lean * t * t, ground - h * t))
    for i in range(len(trunk) - 1):
        wdt = 6 - 3 * i / 10
        layer.line([trunk[i], trunk[i + 1]], colour, wdt)
    tx, ty = trunk[-1]
    for k in range(9):
        ang = -math.pi / 2 + (k - 4) * 0.42 + rng.uniform(-0.1, 0.1)
        length = h * rng.uniform(0.32, 0.42)
        pts = []
        for j in range(9):
            s = j / 8
            px = tx + math.cos(ang) * length * s
            py = ty + math.sin(ang) * length * s + (length * 0.55) * s * s
            pts.append((px, py))
        for j in range(len(pts) - 1):
            layer.line([pts[j], pts[j + 1]], colour, 5.5 * (1 - j / 9) + 1)


def aircraft(layer, cx, cy, length, colour, angle=0.0, belly=None):
    """Side view of an airliner, nose to the right, rotated by angle (radians)."""
    L = length
    body = [(-0.50, -0.020), (-0.30, -0.045), (0.38, -0.045), (0.46, -0.035),
            (0.50, -0.010), (0.49, 0.012), (0.44, 0.030), (-0.30, 0.035),
            (-0.46, 0.010)]
    tail = [(-0.47, -0.010), (-0.43, -0.20), (-0.36, -0.20), (-0.27, -0.045)]
    stab = [(-0.47, -0.005), (-0.42, -0.060), (-0.36, -0.060), (-0.33, -0.005)]
    wing = [(-0.06, 0.010), (0.10, 0.010), (-0.12, 0.13), (-0.18, 0.13)]
    engine = [(-0.02, 0.040), (0.10, 0.040), (0.10, 0.075), (-0.02, 0.075)]
    ca, sa = math.cos(angle), math.sin(angle)

    def tr(pts):
        out = []
        for x, y in pts:
            x, y = x * L, y * L
            out.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
        return out

    for part in (tail, body, stab, wing, engine):
        layer.poly(tr(part), colour)
    if belly:
        win = []
        for i in range(14):
            x = -0.22 + i * 0.042
            win.append((x, -0.012))
        for x, y in win:
            (px, py), = tr([(x, y)])
            layer.ellipse(px, py, L * 0.006, L * 0.008, fill=belly)


# --------------------------------------------------------------------------
# pictures

UN_BLUE = "#009edb"
NAVY = "#17324f"
DEEP = "#1f4e79"
MIST = "#dbe9f3"


def cover():
    """Dawn over layered hills and sea, with the faint lines of a globe."""
    rng = random.Random(2021)
    W, H = 1200, 800
    c = Canvas(W, H)
    c.vgradient([(0.0, "#16365a"), (0.42, "#2f6d9e"), (0.72, "#8fbfdc"),
                 (1.0, "#e6eef2")])
    c.glow(800, 560, 260, "#f3e3c8", 0.55)
    c.glow(800, 560, 70, "#fbf3e4", 0.9)

    # globe: meridians and parallels, very faint
    gx, gy, gr = 800, 560, 430
    with c.layer(blur=0.6) as L:
        col = (255, 255, 255, 46)
        L.ellipse(gx, gy, gr, gr, outline=col, width=2)
        for k in range(1, 6):
            rx = gr * math.cos(k * math.pi / 12)
            L.ellipse(gx, gy, rx, gr, outline=(255, 255, 255, 30), width=1.5)
        for k in range(-5, 6):
            phi = k * math.pi / 12
            y = gy - gr * math.sin(phi)
            rx = gr * math.cos(phi)
            L.line([(gx - rx, y), (gx + rx, y)], (255, 255, 255, 26), 1.5)

    # ranges of hills, lighter with distance
    far = "#6f9fc4"
    layers = [
        (560, 38, "#7eaacb", 5),
        (600, 46, "#5d8fb8", 4),
        (650, 40, "#3f729f", 4),
    ]
    for base, amp, colr, waves in layers:
        with c.layer() as L:
            fill_below(L, ridge(rng, W, base, amp, waves), H, rgb(colr))
    # sea in front, with a few calm light strokes
    with c.layer() as L:
        L.rect(0, 690, W, H, rgb("#2a5d8a"))
        for i in range(18):
            y = 700 + (i ** 1.35) * 3.2
            x0 = rng.uniform(-100, W)
            ln = rng.uniform(80, 260)
            L.line([(x0, y), (x0 + ln, y)], (230, 240, 248, 60), 1.5)
    # soft reflection of the sun
    with c.layer(blur=0.5) as L:
        glitter(L, rng, 800, 694, 800, 60)
    # a gentle shore line
    with c.layer() as L:
        pts = ridge(rng, W, 688, 5, 3)
        L.line(pts, (225, 236, 244, 120), 2)
    return c.save_jpeg("cover.jpg", scale=1.5)


def tunisia_airport():
    """Evening at an airport: tower, terminal, aircraft, isolation unit, palms."""
    rng = random.Random(101)
    W, H = 1200, 800
    c = Canvas(W, H)
    c.vgradient([(0.0, "#2c5782"), (0.45, "#6f9cc0"), (0.68, "#d9c8b4"),
                 (0.75, "#ead9c3"), (1.0, "#cfc2b0")])
    c.glow(300, 560, 240, "#f6e2c2", 0.6)
    clouds(c, rng, 4, 150, 330, W, (246, 236, 226, 90))

    horizon = 600
    with c.layer() as L:  # distant hills
        fill_below(L, ridge(rng, W, horizon - 30, 14, 4), H, rgb("#9bb2c6"))
    with c.layer() as L:
        fill_below(L, ridge(rng, W, horizon - 12, 8, 3), H, rgb("#8aa3ba"))

    with c.layer() as L:  # ground and apron
        L.rect(0, horizon, W, H, rgb("#c3b8a8"))
        L.poly([(0, 660), (W, 640), (W, H), (0, H)], rgb("#a9a9a6"))
        # runway markings in perspective
        for i in range(12):
            x = 40 + i * 105
            L.poly([(x, 718), (x + 58, 716), (x + 60, 722), (x + 2, 724)],
                   (238, 236, 230, 200))
        # sandy verge with low shrubs in the foreground
        L.poly([(0, 752), (W, 744), (W, H), (0, H)], rgb("#cdbb9f"))
        for i in range(16):
            x = rng.uniform(0, W)
            y = rng.uniform(760, 790)
            L.ellipse(x, y, rng.uniform(14, 30), rng.uniform(6, 10),
                      fill=rgb("#9aa58c"))

    # terminal building
    with c.layer() as L:
        body = rgb("#e9edf1")
        L.rect(430, 520, 1110, 612, body)
        L.poly([(410, 522), (1130, 522), (1110, 505), (430, 505)], rgb("#cfd9e2"))
        L.rect(430, 548, 1110, 580, rgb("#5f8db4"))  # glass band
        for i in range(34):
            x = 440 + i * 20
            L.rect(x, 548, x + 2, 580, rgb("#e9edf1"))
        L.rect(430, 606, 1110, 612, rgb("#b9c4cf"))

    # control tower
    with c.layer() as L:
        L.poly([(330, 612), (352, 380), (374, 380), (396, 612)], rgb("#dfe6ec"))
        L.rect(350, 380, 376, 612, rgb("#d3dce4"))
        L.poly([(318, 380), (408, 380), (396, 346), (330, 346)], rgb("#4f7ea8"))
        L.rect(322, 380, 404, 390, rgb("#eef2f5"))
        L.poly([(330, 346), (396, 346), (386, 334), (340, 334)], rgb("#eef2f5"))
        L.line([(363, 334), (363, 300)], rgb("#eef2f5"), 3)

    # aircraft parked on the apron
    with c.layer() as L:
        aircraft(L, 760, 640, 420, rgb("#f4f6f8"), 0.0, belly=rgb("#7d9bb6"))
    with c.layer(blur=3) as L:  # its shadow
        L.ellipse(760, 672, 190, 7, fill=(60, 60, 70, 70))
    with c.layer() as L:  # tail accent
        L.poly([(760 - 0.47 * 420 + 18, 640 - 0.06 * 420),
                (760 - 0.43 * 420 + 6, 640 - 0.19 * 420),
                (760 - 0.36 * 420 - 6, 640 - 0.19 * 420),
                (760 - 0.30 * 420, 640 - 0.06 * 420)], rgb(UN_BLUE))

    # isolation unit: a white cabin with a blue plus sign
    with c.layer(blur=2.5) as L:
        L.ellipse(165, 700, 125, 8, fill=(60, 60, 70, 80))
    with c.layer() as L:
        L.rect(60, 600, 270, 700, rgb("#f6f7f8"))
        L.rect(60, 592, 270, 602, rgb("#d7dee5"))
        L.rect(200, 630, 240, 700, rgb("#c9d5df"))  # door
        L.rect(80, 620, 130, 650, rgb("#8fb3cf"))  # window
        L.rect(142, 622, 162, 662, rgb(UN_BLUE))
        L.rect(132, 632, 172, 652, rgb(UN_BLUE))

    # palms in the foreground and middle distance
    with c.layer() as L:
        colr = rgb("#3b5a73")
        palm(L, 1150, 792, 290, colr, rng)
        palm(L, 1070, 786, 230, colr, rng)
        palm(L, 24, 790, 250, colr, rng)
    with c.layer() as L:
        colr = rgb("#7b93a8")
        for x in (236, 280):
            palm(L, x, 605, rng.uniform(70, 95), colr, rng)
    return c.save_jpeg("tunisia-airport.jpg")


def morocco_network():
    """Portrait: a network of linked points over a night city (digital evidence)."""
    rng = random.Random(204)
    W, H = 800, 1100
    c = Canvas(W, H)
    c.vgradient([(0.0, "#0f2540"), (0.55, "#1d4a74"), (0.85, "#3a77a6"),
                 (1.0, "#6d9fc4")])
    c.glow(400, 430, 330, "#2f86c2", 0.35)

    # faint grid, like a chart or map
    with c.layer() as L:
        for x in range(0, W + 1, 50):
            L.line([(x, 0), (x, 820)], (160, 200, 230, 16), 1)
        for y in range(0, 821, 50):
            L.line([(0, y), (W, y)], (160, 200, 230, 16), 1)

    # nodes: a few clusters, linked to near neighbours
    centres = [(230, 300), (560, 240), (420, 560), (170, 690), (620, 640)]
    nodes = []
    for cx, cy in centres:
        for _ in range(rng.randint(5, 8)):
            nodes.append((cx + rng.gauss(0, 70), cy + rng.gauss(0, 60)))
    nodes = [(min(max(x, 40), W - 40), min(max(y, 60), 780)) for x, y in nodes]
    edges = set()
    for i, (x, y) in enumerate(nodes):
        d = sorted(range(len(nodes)),
                   key=lambda j: (nodes[j][0] - x) ** 2 + (nodes[j][1] - y) ** 2)
        for j in d[1:3]:
            edges.add((min(i, j), max(i, j)))
    # bridges between clusters, the "links" an analyst finds
    hubs = []
    for cx, cy in centres:
        hubs.append(min(range(len(nodes)),
                        key=lambda j: (nodes[j][0] - cx) ** 2 + (nodes[j][1] - cy) ** 2))
    bridges = [(hubs[0], hubs[1]), (hubs[0], hubs[2]), (hubs[2], hubs[4]),
               (hubs[2], hubs[3]), (hubs[1], hubs[4])]

    with c.layer() as L:
        for i, j in sorted(edges):
            L.line([nodes[i], nodes[j]], (190, 220, 240, 90), 1.6)
    with c.layer(blur=4) as L:
        for i, j in bridges:
            L.line([nodes[i], nodes[j]], with_alpha(UN_BLUE, 150), 5)
    with c.layer() as L:
        for i, j in bridges:
            L.line([nodes[i], nodes[j]], rgb("#7fd0f2"), 2.2)
    with c.layer(blur=6) as L:
        for k in hubs:
            L.ellipse(*nodes[k], 22, 22, fill=with_alpha(UN_BLUE, 140))
    with c.layer() as L:
        for k, (x, y) in enumerate(nodes):
            if k in hubs:
                L.ellipse(x, y, 11, 11, fill=rgb("#e8f6fd"))
                L.ellipse(x, y, 17, 17, outline=rgb("#7fd0f2"), width=2)
            else:
                r = rng.uniform(4, 7)
                L.ellipse(x, y, r, r, fill=(214, 232, 244, 230))

    # city skyline at the foot
    with c.layer() as L:
        x = -10
        back = rgb("#27557f")
        while x < W:
            bw = rng.uniform(40, 90)
            bh = rng.uniform(90, 200)
            L.rect(x, 1100 - 150 - bh, x + bw, H, back)
            x += bw + rng.uniform(-5, 8)
    with c.layer() as L:
        x = -20
        front = rgb("#14304f")
        windows = []
        while x < W:
            bw = rng.uniform(55, 120)
            bh = rng.uniform(80, 230)
            top = H - 40 - bh
            L.rect(x, top, x + bw, H, front)
            if rng.random() < 0.3:  # a small dome or roof detail
                L.ellipse(x + bw / 2, top, bw * 0.22, bw * 0.22, fill=front)
            for wy in np.arange(top + 18, H - 30, 26):
                for wx in np.arange(x + 10, x + bw - 12, 18):
                    if rng.random() < 0.28:
                        windows.append((wx, wy))
            x += bw + rng.uniform(2, 10)
        for wx, wy in windows:
            L.rect(wx, wy, wx + 7, wy + 10, (240, 214, 150, 200))
    return c.save_jpeg("morocco-digital-evidence.jpg")


def mombasa_port():
    """Morning at a container port: sea, gantry cranes, a ship, green hills."""
    rng = random.Random(303)
    W, H = 1200, 800
    c = Canvas(W, H)
    c.vgradient([(0.0, "#5d8fbb"), (0.5, "#a9cbe2"), (0.62, "#e3ecef"),
                 (1.0, "#e3ecef")])
    c.glow(1010, 430, 220, "#fbf1df", 0.6)
    clouds(c, rng, 5, 120, 300, W, (255, 255, 255, 100))

    sea = 520
    with c.layer() as L:
        fill_below(L, ridge(rng, W, sea - 40, 22, 4), H, rgb("#9fbcc8"))
    with c.layer() as L:
        fill_below(L, ridge(rng, W, sea - 14, 12, 3), H, rgb("#7ea3b2"))
    with c.layer() as L:
        L.rect(0, sea, W, H, rgb("#3f7ca6"))
    with c.layer() as L:  # gentle wave strokes
        for i in range(60):
            y = sea + 8 + (i / 60) ** 1.6 * 270
            x0 = rng.uniform(-50, W)
            ln = rng.uniform(30, 120) * (1 + (y - sea) / 200)
            L.line([(x0, y), (x0 + ln, y)], (220, 235, 245, 70),
                   1.2 + (y - sea) / 160)
    with c.layer(blur=0.5) as L:  # sun on the water
        glitter(L, rng, 1010, 524, 590, 70)

    # container ship moored along the quay
    cols = ["#2f6690", "#3a7ca5", "#81a4cd", "#c9a66b", "#b5654a", "#5b8c85",
            "#d9dcd6", "#16425b"]
    with c.layer() as L:
        L.rect(960, 478, 1036, 560, rgb("#eef1f3"))  # bridge house
        L.rect(966, 490, 1030, 500, rgb("#5f7f99"))
        L.rect(990, 452, 1010, 478, rgb("#d0d9e0"))
        x = 330
        while x < 940:
            n = rng.randint(2, 4)
            for k in range(n):
                colr = rgb(rng.choice(cols))
                L.rect(x, 560 - (k + 1) * 20, x + 38, 560 - k * 20 - 2, colr)
            x += 40
        L.poly([(290, 556), (1100, 556), (1082, 606), (318, 606)], rgb("#1d3b57"))
        L.poly([(296, 570), (1095, 570), (1090, 580), (300, 580)], rgb("#9c3d34"))

    # quay across the whole front, with bollards
    with c.layer() as L:
        L.rect(0, 600, W, 646, rgb("#7d8c99"))
        L.rect(0, 596, W, 602, rgb("#b7c3cc"))
        for x in range(40, W, 120):
            L.rect(x, 588, x + 10, 597, rgb("#4c5c6a"))
    with c.layer(blur=4) as L:  # shadow of the quay edge on the water
        L.rect(0, 646, W, 662, (20, 45, 70, 70))

    # gantry cranes on the quay, booms reaching over the ship
    def crane(x, hgt, colr):
        with c.layer() as L:
            top = 600 - hgt
            L.line([(x, 600), (x + 10, top)], colr, 7)
            L.line([(x + 90, 600), (x + 80, top)], colr, 7)
            L.line([(x + 4, 600 - hgt * 0.45), (x + 86, 600 - hgt * 0.45)], colr, 5)
            L.line([(x + 10, top), (x + 84, 600 - hgt * 0.45)], colr, 3)
            L.line([(x + 80, top), (x + 6, 600 - hgt * 0.45)], colr, 3)
            by = top + 14  # boom
            L.rect(x - 90, by - 9, x + 300, by, colr)
            L.line([(x + 45, top - 60), (x + 290, by - 8)], colr, 2.5)
            L.line([(x + 45, top - 60), (x - 85, by - 8)], colr, 2.5)
            L.line([(x + 45, top - 60), (x + 45, by - 8)], colr, 5)
            L.rect(x + 170, by, x + 196, by + 18, colr)  # trolley
            L.line([(x + 183, by + 18), (x + 183, by + 110)], colr, 1.5)
            L.rect(x - 6, 596, x + 100, 604, colr)  # sill beam

    crane(120, 250, rgb("#35607f"))
    crane(470, 270, rgb("#2a4f6d"))

    # a small pilot boat in front
    with c.layer() as L:
        L.poly([(700, 716), (840, 716), (822, 736), (716, 736)], rgb("#eef2f4"))
        L.rect(738, 698, 792, 716, rgb("#eef2f4"))
        L.rect(746, 703, 784, 709, rgb("#4d7896"))
        L.rect(700, 723, 840, 726, rgb(UN_BLUE))
    with c.layer(blur=2) as L:
        L.line([(690, 740), (850, 740)], (230, 240, 248, 120), 2)
        L.line([(600, 732), (690, 738)], (230, 240, 248, 90), 2)
    return c.save_jpeg("mombasa-port.jpg")


def skopje_airport():
    """Mountains of the Western Balkans, a runway and an aircraft climbing out."""
    rng = random.Random(404)
    W, H = 1200, 800
    c = Canvas(W, H)
    c.vgradient([(0.0, "#3b6a96"), (0.5, "#9ec3dc"), (0.72, "#dfe9ef"),
                 (1.0, "#dfe9ef")])
    c.glow(260, 300, 230, "#f4f1ea", 0.45)
    clouds(c, rng, 4, 230, 360, W, (255, 255, 255, 95))

    ranges = [(430, 80, "#a9c0d3", 5, 0.45), (480, 70, "#86a4bd", 5, 0.45),
              (540, 55, "#62859f", 4, 0.4), (590, 30, "#4e7088", 3, 0.35)]
    for base, amp, colr, waves, rough in ranges:
        pts = ridge(rng, W, base, amp, waves, roughness=rough)
        with c.layer() as L:
            fill_below(L, pts, H, rgb(colr))
        if base == 430:  # snow on the highest parts of the farthest range
            top = min(y for _, y in pts)
            under = [(x, y + 18 + 7 * math.sin(x / 13.0) + 4 * math.sin(x / 5.0))
                     for x, y in pts]
            with c.layer() as L:
                fill_below(L, pts, H, (242, 246, 249, 235))
                fill_below(L, under, H, rgb(colr))
                L.rect(0, top + 46, W, H, (0, 0, 0, 0))

    # plain, runway, terminal
    with c.layer() as L:
        L.rect(0, 630, W, H, rgb("#7f9a6f"))
        L.poly([(0, 700), (W, 676), (W, 740), (0, 768)], rgb("#8d9296"))
        for i in range(14):
            x = 20 + i * 90
            y = 734 - x * 0.02
            L.poly([(x, y), (x + 48, y - 1), (x + 48, y + 4), (x, y + 5)],
                   (240, 240, 236, 210))
        # fields in the foreground
        L.poly([(0, 768), (W, 740), (W, 800), (0, 800)], rgb("#6c8a60"))
    with c.layer() as L:
        L.rect(140, 600, 520, 652, rgb("#eef2f5"))
        L.rect(140, 616, 520, 634, rgb("#5a86ad"))
        for i in range(19):
            x = 150 + i * 20
            L.rect(x, 616, x + 2, 634, rgb("#eef2f5"))
        L.poly([(130, 602), (530, 602), (520, 592), (140, 592)], rgb("#c5d2dd"))
        # tower
        L.rect(560, 500, 580, 652, rgb("#dfe6ec"))
        L.poly([(545, 500), (595, 500), (588, 476), (552, 476)], rgb("#4f7ea8"))
        L.rect(548, 500, 592, 507, rgb("#eef2f5"))

    # a border checkpoint canopy at the airport road
    with c.layer() as L:
        L.rect(820, 622, 1100, 632, rgb("#eef2f5"))
        L.rect(820, 632, 1100, 638, rgb(UN_BLUE))
        for x in (835, 930, 1025, 1085):
            L.rect(x, 638, x + 8, 690, rgb("#d5dde4"))
        L.rect(880, 650, 910, 690, rgb("#e8edf1"))  # booth
        L.rect(884, 656, 906, 668, rgb("#5f8db4"))
        L.rect(975, 650, 1005, 690, rgb("#e8edf1"))
        L.rect(979, 656, 1001, 668, rgb("#5f8db4"))
        for i in range(6):  # striped barrier arm
            x = 912 + i * 10
            L.line([(x, 672), (x + 10, 672)],
                   rgb("#b4574a") if i % 2 else rgb("#f2f2f0"), 5)

    # aircraft climbing, with a soft contrail
    with c.layer(blur=5) as L:
        L.line([(330, 330), (740, 190)], (255, 255, 255, 90), 6)
    with c.layer() as L:
        aircraft(L, 820, 165, 200, rgb("#f5f7f9"), -0.33)
    return c.save_jpeg("skopje-border-control.jpg")


# Tunisia: a simplified outline (longitude, latitude), enough for a schematic map.
TUNISIA = [
    (8.62, 36.94), (8.95, 36.97), (9.20, 37.20), (9.60, 37.25), (9.87, 37.30),
    (10.10, 37.24), (10.20, 37.12), (10.33, 36.96), (10.32, 36.84),
    (10.45, 36.76), (10.62, 36.87), (10.85, 37.05), (11.05, 37.06),
    (11.12, 36.90), (11.00, 36.62), (10.75, 36.48), (10.55, 36.38),
    (10.50, 36.20), (10.60, 35.92), (10.70, 35.80), (10.85, 35.70),
    (11.05, 35.55), (11.10, 35.25), (10.95, 35.05), (10.80, 34.85),
    (10.70, 34.70), (10.45, 34.50), (10.10, 34.30), (10.05, 34.05),
    (10.10, 33.85), (10.40, 33.74), (10.70, 33.68), (10.80, 33.56),
    (11.00, 33.55), (11.15, 33.42), (11.30, 33.30), (11.57, 33.17), (11.50, 32.80), (11.55, 32.40),
    (11.20, 32.25), (10.70, 31.98), (10.45, 31.70), (10.25, 31.40),
    (10.10, 30.95), (9.85, 30.60), (9.53, 30.24), (9.30, 30.60),
    (9.05, 31.20), (8.70, 31.80), (8.30, 32.30), (7.95, 32.80),
    (7.60, 33.25), (7.50, 33.60), (7.60, 33.85), (7.95, 34.10),
    (8.25, 34.40), (8.25, 34.65), (8.40, 35.00), (8.35, 35.40),
    (8.30, 35.80), (8.40, 36.20), (8.42, 36.50), (8.45, 36.75),
    (8.62, 36.94),
]
DJERBA = [(10.73, 33.74), (10.76, 33.86), (10.90, 33.90), (11.05, 33.84),
          (11.07, 33.72), (10.95, 33.63), (10.82, 33.64)]
KERKENNAH = [(11.02, 34.62), (11.12, 34.64), (11.25, 34.72), (11.36, 34.84),
             (11.30, 34.86), (11.18, 34.78), (11.06, 34.70)]
BORDER_POSTS = {  # approximate positions
    "Malloula": (8.63, 36.88),
    "Tunis-Carthage Airport": (10.23, 36.85),
    "Bouchebka": (8.40, 35.17),
    "Hizoua": (7.62, 33.73),
    "Dehiba": (10.70, 32.03),
}


def tunisia_map():
    """Schematic map of Tunisia with the five equipped border posts (PNG, alpha)."""
    W, H = 620, 1000
    lon0, lon1, lat0, lat1 = 7.2, 11.9, 30.0, 37.55
    k = math.cos(math.radians(34))
    sx = (W - 80) / ((lon1 - lon0) * k)
    sy = (H - 60) / (lat1 - lat0)
    s = min(sx, sy)
    ox = (W - (lon1 - lon0) * k * s) / 2
    oy = (H - (lat1 - lat0) * s) / 2

    def P(lon, lat):
        return (ox + (lon - lon0) * k * s, oy + (lat1 - lat) * s)

    c = Canvas(W, H)  # starts fully transparent
    shapes = [TUNISIA, DJERBA, KERKENNAH]
    with c.layer(blur=7) as L:  # soft shadow
        for sh in shapes:
            L.poly([(x + 6, y + 9) for x, y in map(lambda p: P(*p), sh)],
                   (10, 30, 50, 90))
    with c.layer() as L:
        for sh in shapes:
            L.poly([P(*p) for p in sh], rgb("#5b9bc9"))
    with c.layer() as L:  # a lighter inner band along the coast for depth
        L.line([P(*p) for p in TUNISIA], (235, 244, 250, 170), 2.5)
    with c.layer(blur=5) as L:
        for ll in BORDER_POSTS.values():
            L.ellipse(*P(*ll), 20, 20, fill=(255, 255, 255, 150))
    with c.layer() as L:
        for ll in BORDER_POSTS.values():
            x, y = P(*ll)
            L.ellipse(x, y, 15, 15, fill=rgb("#ffffff"))
            L.ellipse(x, y, 10, 10, fill=rgb(NAVY))
            L.rect(x - 2, y - 6, x + 2, y + 6, rgb("#ffffff"))
            L.rect(x - 6, y - 2, x + 6, y + 2, rgb("#ffffff"))
    return c.save_png("tunisia-border-posts.png")


def main():
    made = [cover(), tunisia_airport(), tunisia_map(), morocco_network(),
            mombasa_port(), skopje_airport()]
    total = 0
    for p in made:
        size = p.stat().st_size
        total += size
        with Image.open(p) as im:
            print(f"{p.name:32} {im.format:4} {im.mode:5} {im.size[0]}x{im.size[1]}"
                  f" {size / 1024:7.1f} KB")
    print(f"{'total':32} {total / 1024:31.1f} KB")


if __name__ == "__main__":
    main()
