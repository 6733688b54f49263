"""What a picture looks like once Graphviz has laid it out, read from Graphviz's own
`json` output (the same from the system `dot` and the embedded WebAssembly one): every
text with its size and box, every moment's box, every link's curve.

Used by the tests (and by anyone checking a picture) to measure legibility and geometry:

- `smallest_text_pt(layout, page)`: the smallest text, in points, once the drawing is
  fitted to `page` (A4 landscape by default) with 10 mm margins;
- `edges_through_moments(layout)`: links that pass through a moment they do not join;
- `texts_on_moments(layout)`: texts (link labels, stage names, titles, legend) that sit
  on a moment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)
A3_LANDSCAPE = (420 * MM, 297 * MM)
MARGIN = 10 * MM


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box", slack: float = 0.0) -> bool:
        return (self.x0 + slack < other.x1 and other.x0 + slack < self.x1
                and self.y0 + slack < other.y1 and other.y0 + slack < self.y1)

    def contains(self, x: float, y: float, inset: float = 0.0) -> bool:
        return self.x0 + inset < x < self.x1 - inset and self.y0 + inset < y < self.y1 - inset


@dataclass(frozen=True)
class TextItem:
    text: str
    size: float
    box: Box
    owner: str  # the object's name (node, edge "a->b", or the graph)


@dataclass
class Layout:
    width: float  # points
    height: float
    moments: dict[str, Box]  # node name -> box, moments only
    texts: list[TextItem]
    edges: list[tuple[str, str, list[tuple[float, float]]]]  # tail, head, sampled points


def lay_out(dot_text: str, program: str, engine: str = "auto", timeout: float = 30.0) -> Layout:
    """Lay `dot_text` out with Graphviz (`engine`: system, embedded or auto) and read it."""
    from cyclemap.outputs.render import engines

    which = engines.resolve(engine)
    if which == "system":
        data = engines.run_system(dot_text, program, "json", timeout)
    else:
        data = engines._Wasm.shared().render(dot_text, "json", program, timeout)
    return parse(json.loads(data.decode("utf-8")))


def _texts(ops: list[dict], owner: str) -> list[TextItem]:
    out = []
    size = 14.0
    for op in ops or ():
        if op.get("op") == "F":
            size = float(op["size"])
        elif op.get("op") == "T":
            x, y = op["pt"]
            width = float(op["width"])
            align = op.get("align", "c")
            x0 = x - width / 2 if align == "c" else (x if align == "l" else x - width)
            out.append(TextItem(op["text"], size, Box(x0, y - 0.22 * size, x0 + width, y + 0.78 * size), owner))
    return out


def _bezier(points: list[list[float]], steps: int = 12) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for k in range(steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def parse(data: dict) -> Layout:
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    objects = data.get("objects", [])
    names = {o["_gvid"]: o["name"] for o in objects}
    moments: dict[str, Box] = {}
    texts: list[TextItem] = _texts(data.get("_ldraw_", []), "graph")
    for o in objects:
        texts += _texts(o.get("_ldraw_", []), o["name"])
        if "pos" not in o:
            continue  # a subgraph (stage cluster): its label is read above
        if "moment" in (o.get("class") or "").split():
            x, y = (float(v) for v in o["pos"].split(","))
            w, h = float(o["width"]) * 36, float(o["height"]) * 36
            moments[o["name"]] = Box(x - w, y - h, x + w, y + h)
    edges = []
    # Links drawn by cyclemap itself on the background (the dial's arcs): lines in the
    # links' colours; the ring and the sectors (other colours) are not links.
    from cyclemap.outputs import look

    colour = ""
    for op in data.get("_draw_", []):
        if op.get("op") == "c":
            colour = op.get("color", "").lower()
        elif op.get("op") == "L" and colour in (look.EDGE, look.CLOSING):
            points = [(float(x), float(y)) for x, y in op["points"]]
            dense = [(a[0] + (b[0] - a[0]) * k / 4, a[1] + (b[1] - a[1]) * k / 4)
                     for a, b in zip(points, points[1:]) for k in range(4)]
            edges.append(("", "", dense + points[-1:]))
    for e in data.get("edges", []):
        if "invis" in (e.get("style") or ""):
            continue
        tail, head = names[e["tail"]], names[e["head"]]
        for key in ("_ldraw_", "_tldraw_", "_hldraw_"):
            texts += _texts(e.get(key, []), f"{tail}->{head}")
        points: list[tuple[float, float]] = []
        for op in e.get("_draw_", []):
            if op.get("op") in ("b", "B"):
                points += _bezier(op["points"])
        edges.append((tail, head, points))
    return Layout(x1 - x0, y1 - y0, moments, texts, edges)


def fit_scale(layout: Layout, page: tuple[float, float] = A4_LANDSCAPE) -> float:
    """How much the drawing is scaled to fill `page` inside its margins."""
    return min((page[0] - 2 * MARGIN) / layout.width, (page[1] - 2 * MARGIN) / layout.height)


def smallest_text_pt(layout: Layout, page: tuple[float, float] = A4_LANDSCAPE) -> float:
    """The smallest text in the drawing, in points, when it is fitted to `page`."""
    sizes = [t.size for t in layout.texts if t.text.strip()]
    return min(sizes) * fit_scale(layout, page) if sizes else float("inf")


def edges_through_moments(layout: Layout, inset: float = 2.0) -> list[tuple[str, str, str]]:
    """(tail, head, moment) for every link that passes inside a moment it does not join."""
    found = []
    for tail, head, points in layout.edges:
        for name, box in layout.moments.items():
            if name in (tail, head):
                continue
            if any(box.contains(x, y, inset) for x, y in points):
                found.append((tail, head, name))
    return found


def texts_on_moments(layout: Layout) -> list[tuple[str, str]]:
    """(text, moment) for every text that is not the moment's own and overlaps it."""
    found = []
    for item in layout.texts:
        for name, box in layout.moments.items():
            if item.owner != name and item.box.overlaps(box, slack=1.0):
                found.append((item.text, name))
    return found
