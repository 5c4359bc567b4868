// The drawn network: fetches a projection in a scope (plus a centrality for sizes and
// Louvain communities for colours), draws at most `cap` nodes with Cytoscape.js, and
// highlights a set of nodes (a gap's).

import cytoscape from "../vendor/cytoscape.esm.min.js";
import { gql } from "./api.js";
import { label, t } from "./i18n.js";
import { scopeOf } from "./state.js";

const NETWORK = `query ExplorerNetwork($projection: Projection!, $scope: ScopeInput, $top: Int) {
  network(projection: $projection, scope: $scope, top: $top) {
    nodeCount edgeCount scopeNodeCount directed cytoscape } }`;
const CENTRALITY = `query ExplorerCentrality($metric: CentralityMetric!, $projection: Projection!,
    $scope: ScopeInput, $top: Int!) {
  centrality(metric: $metric, projection: $projection, scope: $scope, top: $top) {
    nodeCount items { id score rank } } }`;
const COMMUNITIES = `query ExplorerCommunities($projection: Projection!, $scope: ScopeInput) {
  communities(algorithm: LOUVAIN, projection: $projection, scope: $scope, seed: 42, top: 10000) {
    count communities { id size members { id } } provenance { warnings { code parameters } } } }`;
const MAX_TOP = 10000; // the API's largest `top`

export const KIND_COLOURS = {
  CLUSTER: "#c0392b", VALUE_CHAIN: "#e67e22", LOCAL_PRODUCTIVE: "#d4a017",
  BUSINESS_NETWORK: "#b03a7a", SUPPLIER_DEVELOPMENT: "#8e44ad",
  FIRM: "#2f6fb5",
  GOVERNMENT: "#1e8449", ACADEMIA: "#17a2a2", BUSINESS_ASSOCIATION: "#5d8a3a",
  CIVIL_SOCIETY: "#7fb800", DEVELOPMENT_AGENCY: "#0e6655", FINANCIAL: "#6c7a89",
  INTERNATIONAL: "#34495e", PROGRAM: "#8d6e63",
};
export const EDGE_COLOURS = {
  PARTICIPATES_IN: "#9aa5b1", GOVERNS: "#1e8449", RUNS: "#8d6e63", SUPPORTS: "#e67e22",
  SUPPLIES: "#2f6fb5", COLLABORATES_WITH: "#c0392b", AGREEMENT_WITH: "#17a2a2",
  SHARES_INITIATIVES: "#9aa5b1", SHARES_ACTORS: "#9aa5b1", SHARES_ACTORS_AND_COLLABORATES: "#c0392b",
};
const SHAPES = { Initiative: "diamond", Firm: "ellipse", Institution: "round-rectangle",
  Program: "triangle" };
// Hues the edge colours leave free: each community colour is at least 15 (CIEDE2000) from
// every edge colour, plain or as drawn (at the edges' opacity), from the others and from
// OTHER_COMMUNITY, so that a node's community is never read as a kind of tie.
export const COMMUNITY_COLOURS = ["#a31489", "#918215", "#e962ca", "#b0cd3f", "#755316",
  "#7957cd", "#eb3c6c", "#515f19", "#e1aff3", "#e3be32", "#953c4e", "#55a92f"];
export const OTHER_COMMUNITY = "#c7ccd3";
export const EDGE_OPACITY = 0.55;
// Where a label may go around its node, first choice first: [class, text-valign, text-halign].
const LABEL_PLACES = [["label-b", "bottom", "center"], ["label-t", "top", "center"],
  ["label-r", "center", "right"], ["label-l", "center", "left"], ["label-br", "bottom", "right"],
  ["label-bl", "bottom", "left"], ["label-tr", "top", "right"], ["label-tl", "top", "left"]];
const LABEL_CLASSES = LABEL_PLACES.map(([name]) => name).join(" ");

/**
 * The force-directed `cose` while it stays quick: its cost grows with nodes² × iterations,
 * so fewer iterations as the drawing grows (about 1.5 s on a busy laptop core). Past
 * COSE_MAX_NODES, `cose` lays out the CORE_NODES most central nodes and each other node is
 * put next to its most central neighbour already placed (on a spiral around them if none).
 */
const COSE_MAX_NODES = 450;
const CORE_NODES = 300;
const COSE_BUDGET = 15e6;
const QUIET_NODES = 300;
// Edges cost most of the drawing time (style and geometry per edge): at most this many per
// node of the cap are drawn.
export const EDGES_PER_NODE = 3;

function coseFor(n, labelled) {
  return { name: "cose", animate: false, randomize: true, fit: false, padding: 24,
    numIter: Math.min(1000, Math.max(60, Math.round(COSE_BUDGET / (n * n)))),
    nodeRepulsion: () => 9000, idealEdgeLength: () => 60, componentSpacing: 60,
    nodeDimensionsIncludeLabels: labelled };
}

function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/**
 * Put each label where it overlaps no other label and no other node, trying the places of
 * LABEL_PLACES around its node, the most central nodes first; a label with no free place is
 * shown only when its node is chosen or highlighted (class `unlabelled`). Positions are the
 * model's, so zooming keeps labels apart.
 */
export function placeLabels(cy) {
  const nodes = cy.nodes().not(".quiet").sort((a, b) => a.data("rank") - b.data("rank"));
  if (nodes.empty()) return;
  const bodies = new Map(cy.nodes().map((node) => [node.id(), node.boundingBox(
    { includeLabels: false, includeOverlays: false })]));
  const placed = [];
  nodes.removeClass(`${LABEL_CLASSES} unlabelled`);
  for (const node of nodes) {
    let found = null;
    for (const [name] of LABEL_PLACES) {
      node.addClass(name);
      const box = node.boundingBox({ includeNodes: false, includeEdges: false,
        includeLabels: true, includeOverlays: false });
      const free = !placed.some((other) => overlaps(other, box))
        && ![...bodies].some(([id, body]) => id !== node.id() && overlaps(body, box));
      if (free) {
        found = box;
        break;
      }
      node.removeClass(name);
    }
    if (found) placed.push(found);
    else node.addClass("unlabelled");
  }
}

/** A small seeded generator, so that a big drawing comes out the same each time. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Run `work` with Math.random seeded (Cytoscape's cose draws its start from it), so that the
 * same network is laid out the same way each time it is drawn. */
function seeded(work, seed = 42) {
  const unseeded = Math.random;
  Math.random = random(seed);
  try {
    work();
  } finally {
    Math.random = unseeded;
  }
}

export function layOut(cy) {
  const n = cy.nodes().length;
  if (n <= COSE_MAX_NODES) {
    seeded(() => cy.layout(coseFor(n, n <= QUIET_NODES)).run());
    cy.fit(undefined, 24);
    return;
  }
  const core = cy.nodes().filter((node) => node.data("rank") < CORE_NODES);
  seeded(() => core.union(core.edgesWith(core)).layout(coseFor(core.length, false)).run());
  const placed = new Set(core.map((node) => node.id()));
  const box = core.boundingBox();
  const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
  const outer = Math.max(box.w, box.h) / 2 + 60;
  const next = random(42);
  let orphans = 0;
  const rest = cy.nodes().filter((node) => !placed.has(node.id()))
    .sort((a, b) => a.data("rank") - b.data("rank"));
  cy.startBatch();
  rest.forEach((node) => {
    const anchor = node.neighborhood("node").filter((m) => placed.has(m.id()))
      .min((m) => m.data("rank")).ele;
    const angle = next() * 2 * Math.PI;
    if (anchor) {
      const at = anchor.position();
      const r = 20 + next() * 40;
      node.position({ x: at.x + r * Math.cos(angle), y: at.y + r * Math.sin(angle) });
    } else {
      const r = outer + 14 * Math.sqrt(orphans);
      const turn = orphans * 2.39996; // the golden angle: an even spiral
      node.position({ x: centre.x + r * Math.cos(turn), y: centre.y + r * Math.sin(turn) });
      orphans += 1;
    }
    placed.add(node.id());
  });
  cy.endBatch();
  cy.fit(undefined, 24);
}

/** Each node's degree in these elements as its score, highest first, ties by id; ranks are
 * competition ranks, as the API's (1, 2, 2, 4). */
function degreeRanking({ nodes, edges }) {
  const degree = new Map(nodes.map((n) => [n.data.id, 0]));
  for (const e of edges) {
    degree.set(e.data.source, degree.get(e.data.source) + 1);
    degree.set(e.data.target, degree.get(e.data.target) + 1);
  }
  const ranked = [...degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  let rank = 0;
  return new Map(ranked.map(([id, score], index) => {
    if (index === 0 || score !== ranked[index - 1][1]) rank = index + 1;
    return [id, { id, score, rank }];
  }));
}

export class Graph {
  constructor(container, { onSelect, onStatus }) {
    this.onSelect = onSelect;
    this.onStatus = onStatus;
    this.all = { nodes: [], edges: [] };
    this.total = { nodes: 0, edges: 0 };
    this.scores = new Map(); // id -> {score, rank}
    this.communityOf = new Map(); // id -> community id
    this.warnings = []; // the communities' provenance warnings ({code, parameters})
    this.state = null;
    this.refusal = null; // the service's message when the network is shown as an overview
    this.highlighted = [];
    this.pinned = new Set(); // nodes past the cap drawn anyway: chosen in search or a gap
    this.cy = cytoscape({
      container, elements: [], minZoom: 0.05, maxZoom: 4, hideEdgesOnViewport: true,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", shape: "data(shape)", width: "data(size)",
          height: "data(size)", label: "data(short)", "font-size": 9, color: "#1d2733",
          "text-valign": "bottom", "text-margin-y": 2, "min-zoomed-font-size": 7,
          "text-wrap": "wrap", "text-max-width": 96, "line-height": 1.1,
          "border-width": 1, "border-color": "#ffffff" } },
        { selector: "node.label-t, node.label-tr, node.label-tl", style: {
          "text-valign": "top", "text-margin-y": -2 } },
        { selector: "node.label-r, node.label-l", style: { "text-valign": "center",
          "text-margin-y": 0 } },
        { selector: "node.label-r, node.label-br, node.label-tr", style: {
          "text-halign": "right", "text-margin-x": 2 } },
        { selector: "node.label-l, node.label-bl, node.label-tl", style: {
          "text-halign": "left", "text-margin-x": -2 } },
        { selector: "edge", style: {
          width: "mapData(weight, 1, 5, 1, 4)", "line-color": "data(colour)", opacity: EDGE_OPACITY,
          "curve-style": "haystack" } },
        // Supply has a direction (supplier to client), in every projection that draws it.
        { selector: "edge.directed", style: {
          "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)",
          "arrow-scale": 0.9 } },
        // Past QUIET_NODES labels show on the chosen and highlighted nodes only: measuring
        // thousands of labels is most of the drawing time. Below it, a label that would
        // overlap another shows the same way (placeLabels).
        { selector: "node.quiet, node.unlabelled", style: { label: "" } },
        { selector: "node.quiet:selected, node.quiet.highlighted, node.unlabelled:selected, "
          + "node.unlabelled.highlighted", style: { label: "data(short)", "z-index": 20 } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#ff9f1c" } },
        { selector: ".faded", style: { opacity: 0.12 } },
        { selector: "node.highlighted", style: { "border-width": 5, "border-color": "#ff9f1c",
          "z-index": 10 } },
      ],
    });
    this.cy.on("tap", "node", (event) => this.onSelect(event.target.id()));
    this.cy.on("dragfree", "node", () => placeLabels(this.cy));
  }

  /** The drawing as it is on screen, as a PNG blob (twice the screen's pixels). */
  png() {
    return this.cy.png({ output: "blob-promise", full: false, scale: 2, bg: "#ffffff" });
  }

  /**
   * Fetch and draw the network of the filters; on an error what is drawn stays as it was.
   * A network the service refuses to build whole (past its edge limit or its query timeout)
   * is shown as an overview: the cap's most connected nodes and the edges among them, sized by their degree
   * there, with the refusal's message; `overview` goes straight to it (Widen on an overview).
   */
  async load(state, { overview = false } = {}) {
    const scope = scopeOf(state);
    this.onStatus(t("loading"));
    let net = null;
    let refusal = overview ? this.refusal : null;
    if (!overview) {
      try {
        net = (await gql(NETWORK, { projection: state.projection, scope })).network;
      } catch (error) {
        // refused past the edge limit, or too big to build within the query timeout
        if (!["QUERY_TOO_COMPLEX", "DATABASE_TIMEOUT"].includes(error.code)) throw error;
        refusal = error.message;
      }
    }
    if (net === null) {
      net = (await gql(NETWORK, { projection: state.projection, scope, top: state.cap })).network;
    }
    const whole = refusal === null;
    const [scores, communities] = await Promise.all([
      whole && state.size !== "none" && net.nodeCount
        ? gql(CENTRALITY, { metric: state.size, projection: state.projection, scope,
          top: Math.min(net.nodeCount, MAX_TOP) })
        : null,
      whole && state.colour === "community" && net.nodeCount
        ? gql(COMMUNITIES, { projection: state.projection, scope }) : null,
    ]);
    this.state = { ...state };
    this.refusal = refusal;
    this.all = net.cytoscape;
    this.pinned = new Set();
    this.directed = net.directed;
    this.total = { nodes: whole ? net.nodeCount : net.scopeNodeCount, edges: net.edgeCount };
    this.scores = whole ? new Map((scores?.centrality.items ?? []).map((i) => [i.id, i]))
      : degreeRanking(net.cytoscape);
    this.communityOf = new Map();
    this.warnings = communities?.communities.provenance.warnings ?? [];
    for (const community of communities?.communities.communities ?? []) {
      for (const member of community.members) this.communityOf.set(member.id, community.id);
    }
    this.draw();
  }

  /** Draw the `cap` most central nodes (by the size metric, else degree), the pinned ones,
   * and the edges among them, at most EDGES_PER_NODE × cap. */
  draw() {
    const { nodes, edges } = this.all;
    const degree = new Map();
    for (const e of edges) {
      degree.set(e.data.source, (degree.get(e.data.source) ?? 0) + 1);
      degree.set(e.data.target, (degree.get(e.data.target) ?? 0) + 1);
    }
    this.degree = degree;
    // the API's order: by rank, equal ranks by id; nodes without a score by degree, then id
    const rank = (n) => this.scores.get(n.data.id)?.rank ?? Infinity;
    const ordered = [...nodes].sort((a, b) => (rank(a) - rank(b) || 0)
      || (rank(a) === Infinity ? (degree.get(b.data.id) ?? 0) - (degree.get(a.data.id) ?? 0) : 0)
      || (a.data.id < b.data.id ? -1 : 1));
    const drawn = [...ordered.slice(0, this.state.cap),
      ...ordered.slice(this.state.cap).filter((n) => this.pinned.has(n.data.id))];
    const position = new Map(drawn.map((n, index) => [n.data.id, index]));
    let drawnEdges = edges.filter((e) => position.has(e.data.source) && position.has(e.data.target));
    const edgeCap = EDGES_PER_NODE * this.state.cap;
    if (drawnEdges.length > edgeCap) {
      // Each node keeps its edge to its most central neighbour, then the edges among the
      // most central nodes fill the cap.
      const best = new Map();
      for (const e of drawnEdges) {
        const [s, t] = [e.data.source, e.data.target];
        if (!(best.get(s)?.[0] <= position.get(t))) best.set(s, [position.get(t), e]);
        if (!(best.get(t)?.[0] <= position.get(s))) best.set(t, [position.get(s), e]);
      }
      const backbone = new Set([...best.values()].map(([, e]) => e));
      const reach = (e) => Math.max(position.get(e.data.source), position.get(e.data.target));
      const others = drawnEdges.filter((e) => !backbone.has(e)).map((e) => [reach(e), e])
        .sort((a, b) => a[0] - b[0]).map(([, e]) => e);
      drawnEdges = [...backbone, ...others].slice(0, Math.max(edgeCap, backbone.size));
    }
    const values = drawn.map((n) => this.scores.get(n.data.id)?.score ?? 0);
    const max = Math.max(...values, 0);
    const min = Math.min(...values, max);
    const scale = Math.max(0.4, Math.sqrt(QUIET_NODES / Math.max(drawn.length, QUIET_NODES)));
    const size = (id) => {
      if (this.state.size === "none" || max === min) return 22 * scale;
      const s = this.scores.get(id)?.score ?? min;
      return (14 + 38 * Math.sqrt((s - min) / (max - min))) * scale;
    };
    const quiet = drawn.length > QUIET_NODES;
    const elements = [
      ...drawn.map((n, index) => ({ group: "nodes", classes: quiet ? "quiet" : "",
        data: { ...n.data, size: size(n.data.id), rank: index,
        colour: this.colourOf(n.data), shape: SHAPES[n.data.entity] ?? "ellipse",
        short: n.data.name.length > 28 ? `${n.data.name.slice(0, 26)}…` : n.data.name } })),
      ...drawnEdges.map((e) => ({ group: "edges",
        classes: this.directed || e.data.type === "SUPPLIES" ? "directed" : "",
        data: { ...e.data, colour: EDGE_COLOURS[e.data.type] ?? "#9aa5b1" } })),
    ];
    this.cy.startBatch();
    this.cy.elements().remove();
    this.cy.add(elements);
    this.cy.endBatch();
    layOut(this.cy);
    placeLabels(this.cy);
    this.shown = { nodes: drawn.length, edges: drawnEdges.length };
    this.highlighted = [];
    this.onStatus(null);
  }

  colourOf(data) {
    if (this.state.colour === "community") {
      const id = this.communityOf.get(data.id);
      return id && id <= COMMUNITY_COLOURS.length ? COMMUNITY_COLOURS[id - 1] : OTHER_COMMUNITY;
    }
    return KIND_COLOURS[data.kind] ?? "#999999";
  }

  /** The legend's entries: [{colour, text, line}] for what is drawn. */
  legend() {
    const entries = [];
    if (this.state.colour === "community") {
      const ids = new Set(this.cy.nodes().map((n) => this.communityOf.get(n.id())));
      for (let id = 1; id <= COMMUNITY_COLOURS.length; id += 1) {
        if (ids.has(id)) entries.push({ colour: COMMUNITY_COLOURS[id - 1], text: t("legend.community", { id }) });
      }
      if ([...ids].some((id) => !id || id > COMMUNITY_COLOURS.length)) {
        entries.push({ colour: OTHER_COMMUNITY, text: t("legend.otherCommunity") });
      }
    } else {
      const kinds = new Set(this.cy.nodes().map((n) => n.data("kind")));
      for (const kind of Object.keys(KIND_COLOURS)) {
        if (kinds.has(kind)) entries.push({ colour: KIND_COLOURS[kind], text: label("kind", kind) });
      }
    }
    const types = new Set(this.cy.edges().map((e) => e.data("type")));
    for (const type of Object.keys(EDGE_COLOURS)) {
      if (types.has(type)) {
        entries.push({ colour: EDGE_COLOURS[type], line: true,
          text: type === "SUPPLIES" ? t("legend.supplies") : label("edge", type) });
      }
    }
    return entries;
  }

  /** Every node of the network, drawn or not, for the search box. */
  nodes() { return this.all.nodes.map((n) => n.data); }

  isDrawn(id) { return this.cy.getElementById(id).nonempty(); }

  /** Draw these nodes of the network too, past the cap; whether any was added. */
  pin(ids) {
    const known = new Set(this.all.nodes.map((n) => n.data.id));
    const added = ids.filter((id) => known.has(id) && !this.isDrawn(id));
    if (!added.length) return false;
    for (const id of added) this.pinned.add(id);
    this.draw();
    return true;
  }

  /** Select and centre a drawn node. */
  focus(id) {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    this.cy.nodes(":selected").unselect();
    node.select();
    this.cy.animate({ center: { eles: node }, duration: 200 });
  }

  /** Emphasize these nodes (and the edges among them), fade the rest; the ids drawn. */
  highlight(ids) {
    this.pin(ids);
    this.clearHighlight();
    const drawn = ids.filter((id) => this.isDrawn(id));
    const set = this.cy.collection(drawn.map((id) => this.cy.getElementById(id)));
    if (set.nonempty()) {
      this.cy.elements().addClass("faded");
      set.removeClass("faded").addClass("highlighted");
      set.edgesWith(set).removeClass("faded");
      this.cy.fit(set, 80);
      if (this.cy.zoom() > 1.3) {
        this.cy.zoom(1.3);
        this.cy.center(set);
      }
    }
    this.highlighted = drawn;
    return drawn;
  }

  clearHighlight() {
    this.cy.elements().removeClass("faded highlighted");
    this.highlighted = [];
  }

  /** A drawn node's neighbours: [{id, name, entity, type, out}], `out` when the edge goes
   * from this node to the other (this firm supplies the other). */
  neighbours(id) {
    const node = this.cy.getElementById(id);
    return node.connectedEdges().map((edge) => {
      const out = edge.source().id() === id;
      const other = out ? edge.target() : edge.source();
      return { id: other.id(), name: other.data("name"), entity: other.data("entity"),
        type: edge.data("type"), out };
    });
  }
}
