"""Maps of places, drawn on the server as SVG: no tile server, no script.

The view is equirectangular with its horizontal scale set for the middle latitude of
the box (x = longitude * cos(middle latitude), y = -latitude), so the places of one
region keep their shape. Under the points lies the vendored outline of the world's
countries (static/vendor/world-atlas-2.0.2, Natural Earth 1:110m), stretched to the
same scale; the SVG's viewBox alone chooses what part of the world is shown. Only
places with coordinates an editor recorded are drawn; a page with none has no map.
"""

import math
from dataclasses import dataclass

#: degrees of latitude a map shows at least (one place alone is not a point in a void)
MIN_SPAN = 8.0
#: width / height of every map
ASPECT = 1.6
#: share of the box kept free around the outermost points
MARGIN = 0.15
OUTLINE = "vendor/world-atlas-2.0.2/countries-110m.svg"


@dataclass(frozen=True)
class Point:
    place: object
    x: float
    y: float


@dataclass(frozen=True)
class PlaceMap:
    view_box: str
    #: where the world outline (360 x 180 degrees at this scale) lies in the view
    outline_x: float
    outline_width: float
    points: list
    #: the points' radius and the labels' size, in the view's units
    radius: float
    font_size: float
    outline: str = OUTLINE


def place_map(places):
    """A ``PlaceMap`` of those ``places`` that have coordinates, or None."""
    located = [p for p in places if p.has_coordinates]
    if not located:
        return None
    lats = [float(p.latitude) for p in located]
    lons = [float(p.longitude) for p in located]
    middle = (min(lats) + max(lats)) / 2
    scale = max(math.cos(math.radians(middle)), 0.2)
    xs = [lon * scale for lon in lons]
    ys = [-lat for lat in lats]
    width = (max(xs) - min(xs)) * (1 + 2 * MARGIN)
    height = (max(ys) - min(ys)) * (1 + 2 * MARGIN)
    height = max(height, width / ASPECT, MIN_SPAN)
    width = height * ASPECT
    left = (min(xs) + max(xs)) / 2 - width / 2
    top = (min(ys) + max(ys)) / 2 - height / 2
    return PlaceMap(
        view_box=f"{left:.3f} {top:.3f} {width:.3f} {height:.3f}",
        outline_x=round(-180 * scale, 3),
        outline_width=round(360 * scale, 3),
        points=[
            Point(place, round(x, 3), round(y, 3))
            for place, x, y in zip(located, xs, ys, strict=True)
        ],
        radius=round(height / 50, 3),
        font_size=round(height / 20, 3),
    )
