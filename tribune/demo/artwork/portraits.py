"""Expert portraits as flat vector-style illustrations: a head-and-shoulders bust with a skin tone, hair style and
colour, glasses or not, clothing and backdrop chosen from the contributor's seed. Plainly drawings, never a
likeness: the demo's experts are fictional."""

from PIL import Image, ImageDraw

from .common import blend, hex_colour, rng_for

SIZE = 480
SCALE = 3  # drawn large, then reduced: smooth edges

SKIN = [hex_colour(c) for c in ("f3d3bd", "e8b896", "d49a74", "b9795a", "8d5a3f", "6b4330", "f0c6a8", "a86b4c")]
HAIR = [hex_colour(c) for c in ("1f1a17", "3b2a20", "5a3b26", "8a5a33", "b9884f", "d9c7a0", "9a9a9e", "2b2b33")]
BACKDROPS = [hex_colour(c) for c in ("d9e4ec", "e8dfd2", "dce8dc", "ecdcdc", "e2ddec", "f0e6c8", "d4e2e2", "e6e0da")]
CLOTHES = [hex_colour(c) for c in ("2f4858", "7a3e48", "33658a", "55505c", "86704d", "3f6d4e", "1f2a44", "9a4c2c")]
SHIRTS = [hex_colour(c) for c in ("f4f1ea", "dfe7ef", "e9d8c4", "c8d6c4")]
STYLES = ("short", "side_part", "long", "bob", "bun", "curls", "cropped", "wavy")


def portrait(seed: str) -> Image.Image:
    rng = rng_for("portrait", seed)
    size = SIZE * SCALE

    def s(value: float) -> float:
        return value * SCALE

    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR)
    style = rng.choice(STYLES)
    backdrop = rng.choice(BACKDROPS)
    clothes = rng.choice(CLOTHES)
    shirt = rng.choice(SHIRTS)
    glasses = rng.random() < 0.4
    collar = rng.choice(("lapels", "crew", "open"))
    shade = blend(skin, (40, 20, 10), 0.18)

    image = Image.new("RGB", (size, size), backdrop)
    draw = ImageDraw.Draw(image)
    draw.ellipse([s(-80), s(250), s(560), s(720)], fill=blend(backdrop, (255, 255, 255), 0.35))
    cx = s(240)
    head_w, head_h = s(rng.uniform(128, 142)), s(rng.uniform(162, 176))
    head_top = s(92)

    # Hair behind the head (long styles fall to the shoulders).
    if style in ("long", "wavy"):
        draw.rounded_rectangle([cx - head_w * 0.62, head_top + s(10), cx + head_w * 0.62, s(350)], s(60), fill=hair)
    if style == "curls":
        for dx, dy in ((-0.5, 0.15), (0.5, 0.15), (-0.35, -0.05), (0.35, -0.05), (0, -0.12), (-0.55, 0.4), (0.55, 0.4)):
            r = head_w * 0.42
            x, y = cx + dx * head_w, head_top + dy * head_h + s(30)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=hair)
    if style == "bun":
        draw.ellipse([cx - s(38), head_top - s(50), cx + s(38), head_top + s(22)], fill=hair)

    # Shoulders and clothes.
    draw.rounded_rectangle([s(60), s(330), s(420), s(560)], s(110), fill=clothes)
    neck_w = head_w * 0.24
    draw.rectangle([cx - neck_w, head_top + head_h * 0.8, cx + neck_w, s(350)], fill=shade)
    if collar == "lapels":
        draw.polygon([(cx - s(52), s(334)), (cx, s(420)), (cx + s(52), s(334))], fill=shirt)
        draw.polygon([(cx - neck_w, s(338)), (cx, s(408)), (cx + neck_w, s(338))], fill=shade)
        draw.polygon(
            [(cx - s(60), s(330)), (cx - s(14), s(440)), (cx - s(78), s(380))], fill=blend(clothes, (0, 0, 0), 0.2)
        )
        draw.polygon(
            [(cx + s(60), s(330)), (cx + s(14), s(440)), (cx + s(78), s(380))], fill=blend(clothes, (0, 0, 0), 0.2)
        )
    elif collar == "crew":
        draw.chord([cx - s(64), s(300), cx + s(64), s(372)], 0, 180, fill=blend(clothes, (255, 255, 255), 0.15))
        draw.chord([cx - neck_w, s(306), cx + neck_w, s(360)], 0, 180, fill=shade)
    else:
        draw.polygon([(cx - s(46), s(332)), (cx, s(398)), (cx + s(46), s(332))], fill=shade)
        draw.line([(cx - s(46), s(332)), (cx, s(398)), (cx + s(46), s(332))], fill=shirt, width=int(s(9)))

    # Ears and face.
    for side in (-1, 1):
        ex = cx + side * head_w * 0.5
        draw.ellipse([ex - s(14), head_top + head_h * 0.42, ex + s(14), head_top + head_h * 0.62], fill=shade)
    draw.ellipse([cx - head_w / 2, head_top, cx + head_w / 2, head_top + head_h], fill=skin)

    # Hair on top.
    top = [cx - head_w * 0.56, head_top - s(14), cx + head_w * 0.56, head_top + head_h * 0.62]
    if style in ("short", "side_part", "long", "bob", "wavy", "bun", "curls"):
        draw.chord(top, 180, 360, fill=hair)
    if style == "side_part":
        draw.polygon(
            [
                (cx - head_w * 0.15, head_top + s(4)),
                (cx + head_w * 0.55, head_top + head_h * 0.3),
                (cx + head_w * 0.5, head_top + s(10)),
            ],
            fill=hair,
        )
    if style == "short":
        draw.pieslice(
            [cx - head_w * 0.5, head_top - s(4), cx + head_w * 0.3, head_top + head_h * 0.45], 180, 300, fill=hair
        )
    if style == "bob":
        draw.rounded_rectangle(
            [cx - head_w * 0.6, head_top + s(20), cx - head_w * 0.36, head_top + head_h * 0.78], s(20), fill=hair
        )
        draw.rounded_rectangle(
            [cx + head_w * 0.36, head_top + s(20), cx + head_w * 0.6, head_top + head_h * 0.78], s(20), fill=hair
        )
    if style in ("long", "wavy"):
        for side in (-1, 1):
            x0 = cx + side * head_w * 0.5
            left, right = sorted([x0, x0 - side * head_w * 0.14])
            draw.rounded_rectangle([left, head_top + s(30), right, s(330)], s(16), fill=hair)
    if style == "cropped":
        draw.chord(
            [cx - head_w * 0.52, head_top - s(4), cx + head_w * 0.52, head_top + head_h * 0.5],
            180,
            360,
            fill=blend(hair, skin, 0.35),
        )

    # Features, calm and simple.
    eye_y = head_top + head_h * 0.55
    ink = blend(hair, (20, 20, 20), 0.6)
    for side in (-1, 1):
        ex = cx + side * head_w * 0.2
        draw.ellipse([ex - s(6), eye_y - s(6), ex + s(6), eye_y + s(6)], fill=(40, 32, 30))
        draw.line([(ex - s(14), eye_y - s(20)), (ex + s(12), eye_y - s(22) + side * s(1))], fill=ink, width=int(s(4)))
    draw.line(
        [(cx, eye_y + s(6)), (cx - s(5), eye_y + s(30)), (cx + s(3), eye_y + s(32))],
        fill=blend(skin, (60, 30, 20), 0.35),
        width=int(s(3)),
    )
    mouth_y = head_top + head_h * 0.78
    draw.arc([cx - s(20), mouth_y - s(12), cx + s(20), mouth_y + s(8)], 20, 160, fill=(120, 60, 58), width=int(s(4)))
    if glasses:
        frame = rng.choice([(30, 30, 34), (120, 80, 50), (150, 150, 160)])
        for side in (-1, 1):
            ex = cx + side * head_w * 0.2
            draw.rounded_rectangle(
                [ex - s(21), eye_y - s(16), ex + s(21), eye_y + s(15)], s(8), outline=frame, width=int(s(4))
            )
        draw.line(
            [(cx - head_w * 0.2 + s(21), eye_y - s(4)), (cx + head_w * 0.2 - s(21), eye_y - s(4))],
            fill=frame,
            width=int(s(4)),
        )
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
