"""Who wrote to whom among the letters /letters/ would show for the same parameters.

The chosen letters come from the browse index (``LetterFilter.selection``: a mask over
the letters in date order); their senders and recipients from the index's link arrays,
paired letter by letter in NumPy (a letter from two people to one counts once for each
sender). Nothing is asked of the database but the words of a search.

The drawing keeps the busiest ``MAX_PEOPLE`` people (by letters sent and received
among the chosen) and the ``MAX_EDGES`` heaviest exchanges between them, and says how
many it leaves out;
people are placed on a circle in order of their letters, so the picture is the same
for the same letters.
"""

import math
from dataclasses import dataclass, field

import numpy as np

#: people drawn, and the heaviest exchanges between them; the rest are counted, and
#: the tables list what is drawn
MAX_PEOPLE = 40
MAX_EDGES = 200
#: the drawing, in SVG user units: wider than high, for the labels either side
WIDTH, HEIGHT, RADIUS = 1200, 1000, 340
#: a label longer than this is cut (the table gives every name whole)
LABEL_LENGTH = 22


@dataclass
class Node:
    slug: str
    name: str
    #: letters sent and received among the chosen (each letter once)
    letters: int
    url: str = ""
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"

    @property
    def label(self):
        if len(self.name) <= LABEL_LENGTH:
            return self.name
        return self.name[: LABEL_LENGTH - 1].rstrip() + "…"


@dataclass
class Edge:
    source: Node
    target: Node
    #: letters from ``source`` to ``target`` among the chosen
    count: int
    url: str = ""
    width: float = 1.0

    @property
    def path(self):
        """A curve bent to the left of its direction, so that the letters each way
        between two people draw two curves, not one line; it starts and ends at the
        circles' edges, so that its arrowhead shows."""
        (x1, y1), (x2, y2) = (
            (self.source.x, self.source.y),
            (self.target.x, self.target.y),
        )
        bend = 0.12
        cx = (x1 + x2) / 2 + bend * (y2 - y1)
        cy = (y1 + y2) / 2 - bend * (x2 - x1)
        sx, sy = _towards(x1, y1, cx, cy, self.source.r + 2)
        ex, ey = _towards(x2, y2, cx, cy, self.target.r + 3)
        return f"M{sx} {sy} Q{round(cx, 1)} {round(cy, 1)} {ex} {ey}"


def _towards(x, y, to_x, to_y, distance):
    """The point ``distance`` from (x, y) on the way to (to_x, to_y)."""
    length = math.hypot(to_x - x, to_y - y) or 1
    return (
        round(x + (to_x - x) * distance / length, 1),
        round(y + (to_y - y) * distance / length, 1),
    )


@dataclass
class Network:
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    #: everyone who wrote or received a chosen letter to or from someone else
    people_total: int = 0
    exchanges_total: int = 0
    letters: int = 0

    @property
    def people_left_out(self):
        return self.people_total - len(self.nodes)

    @property
    def exchanges_left_out(self):
        return self.exchanges_total - len(self.edges)


def pairs(index, mask):
    """(sender, recipient, letters) arrays of value indexes: each exchange among the
    letters of ``mask`` (None: all), a person writing to themselves left out."""
    senders, recipients = index.sender, index.recipient
    if mask is None:
        mask = index.all()
    keep_s, keep_r = mask[senders.letters], mask[recipients.letters]
    s_letters, s_people = senders.letters[keep_s], senders.values[keep_s]
    r_letters, r_people = recipients.letters[keep_r], recipients.values[keep_r]
    order = np.argsort(r_letters, kind="stable")
    r_letters, r_people = r_letters[order], r_people[order]
    # every recipient link of each sender link's letter
    starts = np.searchsorted(r_letters, s_letters, side="left")
    ends = np.searchsorted(r_letters, s_letters, side="right")
    counts = ends - starts
    total = int(counts.sum())
    if not total:
        empty = np.array([], dtype=np.int64)
        return empty, empty, empty
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    from_ = np.repeat(s_people, counts).astype(np.int64)
    to = r_people[np.repeat(starts, counts) + offsets].astype(np.int64)
    other = from_ != to
    n = max(senders.n_values, 1)
    keys, weights = np.unique(from_[other] * n + to[other], return_counts=True)
    return keys // n, keys % n, weights


def build(filterset, letters_url):
    """The ``Network`` of the letters ``filterset`` chooses; ``letters_url(**changes)``
    makes the link to some of them on /letters/ (the filters kept)."""
    selection = filterset.selection
    index, mask = selection.index, selection.mask_without()
    chosen = index.n if mask is None else int(mask.sum())
    from_, to, weights = pairs(index, mask)
    people = index.people
    involved = np.unique(np.concatenate([from_, to]))
    letters = index.correspondent.counts(mask)
    busiest = sorted(
        involved.tolist(), key=lambda p: (-int(letters[p]), people.labels[p])
    )[:MAX_PEOPLE]
    nodes = {}
    most = max((int(letters[p]) for p in busiest), default=1) or 1
    for rank, p in enumerate(busiest):
        node = Node(
            slug=people.slugs[p], name=people.labels[p], letters=int(letters[p])
        )
        node.url = letters_url(correspondent=[node.slug])
        _place(node, rank, len(busiest), most)
        nodes[p] = node
    edges = []
    heaviest = int(weights.max()) if len(weights) else 1
    shown = np.flatnonzero(np.isin(from_, busiest) & np.isin(to, busiest))
    # the heaviest first (a stable sort keeps equal weights in (sender, recipient)
    # order), cut at MAX_EDGES
    shown = shown[np.argsort(-weights[shown], kind="stable")][:MAX_EDGES]
    for a, b, n in zip(
        from_[shown].tolist(), to[shown].tolist(), weights[shown].tolist(), strict=True
    ):
        edge = Edge(nodes[a], nodes[b], int(n))
        edge.url = letters_url(sender=[edge.source.slug], recipient=[edge.target.slug])
        edge.width = round(1 + 7 * math.sqrt(n / heaviest), 2)
        edges.append(edge)
    edges.sort(key=lambda e: (-e.count, e.source.name, e.target.name))
    return Network(
        nodes=list(nodes.values()),
        edges=edges,
        people_total=len(involved),
        exchanges_total=len(weights),
        letters=chosen,
    )


def _place(node, rank, count, most):
    """On the circle, clockwise from the top in order of letters; the label outside,
    anchored away from the centre."""
    angle = 2 * math.pi * rank / max(count, 1) - math.pi / 2
    cx, cy = WIDTH / 2, HEIGHT / 2
    node.x = round(cx + RADIUS * math.cos(angle), 1)
    node.y = round(cy + RADIUS * math.sin(angle), 1)
    node.r = round(4 + 16 * math.sqrt(node.letters / most), 1)
    reach = RADIUS + node.r + 8
    node.label_x = round(cx + reach * math.cos(angle), 1)
    node.label_y = round(cy + reach * math.sin(angle) + 6, 1)
    node.anchor = (
        "start"
        if math.cos(angle) > 0.01
        else ("end" if math.cos(angle) < -0.01 else "middle")
    )
