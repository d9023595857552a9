"""Make static/vendor/world-atlas-2.0.2/countries-110m.svg from the TopoJSON beside it.

world-atlas 2.0.2 (npm, ISC licence; Natural Earth's 1:110m countries, public domain)
is vendored as received. The place maps draw this SVG under their points: longitude
is x and latitude is -y (an equirectangular view), so a map shows any box of the
world by its viewBox alone. Deterministic: the same JSON gives the same SVG.

    python scripts/world_outline.py
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "static/vendor/world-atlas-2.0.2"


#: in degrees: a hairline on a map of a region, invisible on the whole world (where
#: the filled land still shows); non-scaling strokes do not work in an SVG image
STROKE = 'stroke-width="0.04"'


def decoded_arcs(topology):
    """Each arc as absolute (longitude, latitude) points."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path(rings):
    parts = []
    for points in rings:
        coords = " ".join(f"{lon:.2f},{-lat:.2f}" for lon, lat in points)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def main():
    topology = json.loads((HERE / "countries-110m.json").read_text())
    arcs = decoded_arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {
            "Polygon": [geometry.get("arcs", [])],
            "MultiPolygon": geometry.get("arcs", []),
        }.get(geometry["type"], [])
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        if rings:
            paths.append(f'<path d="{path(rings)}" {STROKE}/>')
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" '
        'preserveAspectRatio="none">\n'
        "<!-- Natural Earth 1:110m countries (public domain), from world-atlas 2.0.2 "
        "(ISC, see LICENSE); made by scripts/world_outline.py -->\n"
        '<g fill="#e8e4da" stroke="#a39a87" '
        'stroke-linejoin="round">\n' + "\n".join(paths) + "\n</g>\n</svg>\n"
    )
    (HERE / "countries-110m.svg").write_text(svg)


if __name__ == "__main__":
    main()
