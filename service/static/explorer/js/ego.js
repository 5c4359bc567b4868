// An initiative's own network as inline SVG: the initiative in the middle, the institutions
// on its governance body on an inner ring, its participants on an outer ring, each coloured
// by its kind; it prints as drawn (no canvas).

import { KIND_COLOURS } from "./graph.js";

const NS = "http://www.w3.org/2000/svg";
const MAX_DRAWN = 80; // more would not read at this size; the members table lists them all

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== null) el.textContent = text;
  return el;
}

/** The kind an actor is coloured by: FIRM, or its institution kind. */
export function actorKind(actor) { return actor.__typename === "Firm" ? "FIRM" : actor.kind; }

/**
 * The drawing of `initiative` ({id, name, type}) with `governors` and `members` (actors:
 * {id, name, __typename, kind}); `title` names it for readers, `more(n)` words how many are
 * left out. Each drawn actor is a <g data-id>, with its name as a tooltip.
 */
export function egoNetwork(initiative, governors, members, { title, more, size = 360 }) {
  const centre = size / 2;
  const picture = svg("svg", { class: "ego", width: size, height: size,
    viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": title });
  picture.append(svg("title", {}, title));
  const seated = new Set(governors.map((a) => a.id));
  const rings = [
    { actors: governors, radius: size * 0.22, edge: "GOVERNS", width: 2.5, shape: "rect" },
    { actors: members.filter((a) => !seated.has(a.id)), radius: size * 0.42, edge: "PARTICIPATES_IN",
      width: 1, shape: "circle" },
  ];
  let room = MAX_DRAWN;
  const edges = svg("g", { class: "edges" });
  const nodes = svg("g", { class: "nodes" });
  for (const ring of rings) {
    const drawn = ring.actors.slice(0, Math.max(0, room));
    room -= drawn.length;
    drawn.forEach((actor, i) => {
      const angle = (2 * Math.PI * i) / drawn.length - Math.PI / 2;
      const x = centre + ring.radius * Math.cos(angle);
      const y = centre + ring.radius * Math.sin(angle);
      edges.append(svg("line", { x1: centre, y1: centre, x2: x, y2: y,
        stroke: ring.edge === "GOVERNS" ? KIND_COLOURS.GOVERNMENT : "#9aa5b1", "stroke-width": ring.width }));
      const colour = KIND_COLOURS[actorKind(actor)] ?? "#999999";
      const node = svg("g", { "data-id": actor.id });
      node.append(ring.shape === "rect"
        ? svg("rect", { x: x - 7, y: y - 7, width: 14, height: 14, rx: 3, fill: colour })
        : svg("circle", { cx: x, cy: y, r: 6, fill: colour }), svg("title", {}, actor.name));
      nodes.append(node);
    });
  }
  const hub = svg("g", { "data-id": initiative.id });
  hub.append(svg("polygon", { points: `${centre},${centre - 14} ${centre + 14},${centre} ${centre},${centre + 14} ${centre - 14},${centre}`,
    fill: KIND_COLOURS[initiative.type] ?? "#c0392b" }), svg("title", {}, initiative.name));
  picture.append(edges, nodes, hub);
  const left = governors.length + rings[1].actors.length - (MAX_DRAWN - Math.max(0, room));
  if (left > 0) picture.append(svg("text", { x: size - 4, y: size - 6, "text-anchor": "end", class: "muted" }, more(left)));
  return picture;
}
