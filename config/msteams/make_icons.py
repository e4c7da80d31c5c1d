"""Draw the Teams app's two icons: ``color.png`` and ``outline.png`` beside this file.

Run ``.venv/bin/python config/teams/make_icons.py`` after changing the drawing; commit both PNGs.
Teams asks for a 192x192 full-colour icon (the symbol inside the middle, room around it) and a
32x32 outline icon that is white on a transparent background and nothing else. The symbol is a
calendar page with a tick: a plan whose next step is done.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = (0x1D, 0x4F, 0x73)  # the manifest's accentColor and the Slack app's background
WHITE = (255, 255, 255)
COLOR_SIZE = 192
OUTLINE_SIZE = 32
# Drawn this many times larger, then scaled down: smooth edges at 32 pixels too.
SUPERSAMPLE = 8


def symbol_mask(size: int, margin: float) -> Image.Image:
    """The symbol as an 8-bit mask of ``size`` pixels, ``margin`` (a fraction) left free around."""
    big = size * SUPERSAMPLE
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    left = top = big * margin
    right = bottom = big * (1 - margin)
    width = right - left
    stroke = round(width * 0.09)
    page_top = top + width * 0.12
    radius = width * 0.14
    # The page: an outline, its header band filled.
    draw.rounded_rectangle(
        (left, page_top, right, bottom), radius=radius, outline=255, width=stroke
    )
    header = page_top + width * 0.26
    draw.rounded_rectangle(
        (left, page_top, right, header), radius=radius, fill=255, corners=(True, True, False, False)
    )
    # Two rings holding the page, standing up out of the header.
    ring = stroke * 0.9
    for centre in (left + width * 0.3, left + width * 0.7):
        draw.rounded_rectangle(
            (centre - ring / 2, top, centre + ring / 2, page_top + width * 0.1),
            radius=ring / 2,
            fill=255,
        )
    # The tick, in the page's lower part.
    body = bottom - header
    tick = [
        (left + width * 0.28, header + body * 0.50),
        (left + width * 0.45, header + body * 0.70),
        (left + width * 0.74, header + body * 0.30),
    ]
    draw.line(tick, fill=255, width=stroke, joint="curve")
    for x, y in (tick[0], tick[-1]):
        draw.ellipse((x - stroke / 2, y - stroke / 2, x + stroke / 2, y + stroke / 2), fill=255)
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def color_icon() -> Image.Image:
    """192x192: the white symbol on the accent colour, the whole square filled."""
    image = Image.new("RGBA", (COLOR_SIZE, COLOR_SIZE), (*ACCENT, 255))
    image.paste(Image.new("RGBA", image.size, (*WHITE, 255)), mask=symbol_mask(COLOR_SIZE, 0.25))
    return image


def outline_icon() -> Image.Image:
    """32x32: white only, the symbol's shape in the alpha channel, everything else transparent."""
    image = Image.new("RGBA", (OUTLINE_SIZE, OUTLINE_SIZE), (*WHITE, 0))
    image.putalpha(symbol_mask(OUTLINE_SIZE, 0.06))
    return image


def write(folder: Path) -> list[Path]:
    """Write both icons into ``folder``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, image in (("color.png", color_icon()), ("outline.png", outline_icon())):
        path = folder / name
        image.save(path, format="PNG", optimize=True)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into")
    args = parser.parse_args(argv)
    for path in write(args.out):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
