"""Recognising the marks people put on finished rows: red text or shading, strike-through.

"Red" is a hue, not one value: FF0000, Excel's dark red C00000, Word's highlighter and the
Office 2007-2010 theme's accent 2 (C0504D) all count; pink shading (FFC7CE, saturation below a
half) and orange (FF6600) do not. Theme colours are looked up in the file's theme, with their
tint, and indexed colours in Excel's legacy palette.
"""

from __future__ import annotations

import colorsys
import re

from defusedxml.ElementTree import ParseError, fromstring

RED = "red"
STRUCK = "struck"

_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})$")  # RRGGBB or AARRGGBB
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# Excel's theme colour index: light 1, dark 1, light 2, dark 2, accents 1-6, links.
_THEME_ORDER = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
# Word's highlighter colours that are red.
RED_HIGHLIGHTS = frozenset({"red", "darkred"})


def is_red(value: str | None, tint: float = 0.0) -> bool:
    """Whether a hex colour (RRGGBB or AARRGGBB, as Word and Excel write them) is a red."""
    if not value:
        return False
    match = _HEX.match(value.strip())
    if match is None:
        return False  # "auto", a theme name without a value
    rgb = match.group(1)
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if tint:
        # Excel's tint moves the lightness towards black (< 0) or white (> 0).
        lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    hue, saturation, brightness = colorsys.rgb_to_hsv(red, green, blue)
    degrees = hue * 360
    return (degrees <= 15 or degrees >= 340) and saturation >= 0.5 and brightness >= 0.45


def theme_colours(theme_xml: bytes | str | None) -> tuple[str, ...]:
    """The colours of a workbook's theme by Excel's theme index, as RRGGBB ("" if unknown)."""
    if not theme_xml:
        return ()
    try:
        root = fromstring(theme_xml, forbid_dtd=True)
    except (ParseError, ValueError):
        return ()
    scheme = root.find(f".//{_DRAWING}clrScheme")
    if scheme is None:
        return ()
    colours = []
    for name in _THEME_ORDER:
        element = scheme.find(f"{_DRAWING}{name}")
        value = ""
        if element is not None:
            for child in element:  # <a:srgbClr val=...> or <a:sysClr lastClr=...>
                value = child.get("val" if child.tag.endswith("srgbClr") else "lastClr", "")
        colours.append(value)
    return tuple(colours)
