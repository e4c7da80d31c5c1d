"""The fonts the PNG pictures are drawn with (the plan's timeline, the calendar's heat map)."""

from __future__ import annotations

from PIL import ImageFont

# Fonts with æ, ø, å, ä, ö (Debian's fonts-dejavu-core and fonts-liberation; the Dockerfile
# installs the first). Pillow's own default font lacks them: it is the last resort only.
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "DejaVuSans.ttf",
)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)
