// The map view (#/map?measure=…&level=…&country=…): Latin America and the Caribbean, countries
// or first-level subdivisions coloured by a measure of `stats.territoryMeasures` (one query
// for the whole map), with a legend of its classes; initiatives as circles at each
// territory's centroid, their area proportional to the count. The mean PageRank, in the FULL
// network, of what lies in a territory (`rollup`, an analysis) is fetched only when chosen.
// The boundaries
// (explorer/map/lac.json, Natural Earth, public domain) come projected to SVG path data.
// Clicking a territory opens its territory page.

import { gql } from "./api.js";
import { fill, h } from "./dom.js";
import { number, t } from "./i18n.js";

const NS = "http://www.w3.org/2000/svg";
const BOUNDARIES = new URL("explorer/map/lac.json", document.baseURI).toString();
const MEASURES_QUERY = `query ExplorerMap { stats { territoryMeasures(levels: [COUNTRY, REGION]) {
  code name level initiatives actors ungoverned governanceTies } } }`;
export const MEASURES = {
  initiatives: { value: (m) => m.initiatives, format: (v) => number(v) },
  actors: { value: (m) => m.actors, format: (v) => number(v) },
  ungoverned: { value: (m) => (m.initiatives ? m.ungoverned / m.initiatives : null),
    format: (v) => `${number(v * 100)} %` },
  governance: { value: (m) => (m.initiatives ? m.governanceTies / m.initiatives : null),
    format: (v) => number(v, 1) },
  pagerank: { rollup: true, format: (v) => number(v, 3) },
};
const ROLLUP_QUERY = `query ExplorerMapRank($level: TerritoryLevel!) {
  rollup(metric: PAGERANK, level: $level, projection: FULL) { territories { code mean } } }`;
export const LEVELS = ["COUNTRY", "REGION"];
// Sequential (ColorBrewer Blues, 5 classes), and the fill of a territory without data.
export const CLASS_COLOURS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
export const NO_DATA = "#e4e4e4";

let boundaries = null;
let measures = null;
const rollups = new Map(); // level → Map(code → mean PageRank)

/** The mean PageRank of what lies in each territory of `level`, or the API's refusal. */
async function rollupOf(level) {
  if (!rollups.has(level)) {
    try {
      const data = await gql(ROLLUP_QUERY, { level });
      rollups.set(level, new Map(data.rollup.territories.map((r) => [r.code, r.mean])));
    } catch (error) {
      if (error.code === "NETWORK" || error.code === "UNAUTHENTICATED") throw error;
      return { refused: error.message };
    }
  }
  return rollups.get(level);
}
function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== null) el.textContent = text;
  return el;
}

/** The map's state from the hash's query: measure, level and the country zoomed to. */
export function mapState(query) {
  const params = new URLSearchParams(query);
  const measure = params.get("measure");
  const country = (params.get("country") ?? "").toUpperCase();
  return { measure: measure in MEASURES ? measure : "initiatives",
    level: country || params.get("level") === "REGION" ? "REGION" : "COUNTRY", country };
}

function go(state) {
  const params = new URLSearchParams({ measure: state.measure, level: state.level });
  if (state.country) params.set("country", state.country);
  location.hash = `#/map?${params}`;
}

/** Up to five classes of the values: bounds at their quantiles, equal bounds merged. */
export function classes(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return [];
  const cuts = [1, 2, 3, 4].map((k) => sorted[Math.floor((k * (sorted.length - 1)) / 5)]);
  const bounds = [...new Set([...cuts, sorted[sorted.length - 1]])]; // ascending, distinct
  let low = sorted[0];
  return bounds.map((high, i) => {
    const range = { low, high, colour: CLASS_COLOURS[Math.round((i * 4) / Math.max(1, bounds.length - 1))] };
    low = high;
    return range;
  });
}

function classOf(ranges, value) {
  return ranges.find((r) => value <= r.high) ?? ranges[ranges.length - 1];
}

export async function renderMap(page, query) {
  const state = mapState(query);
  if (!boundaries || !measures) fill(page, h("h2", {}, t("map.title")), h("p", {}, t("loading")));
  [boundaries, measures] = await Promise.all([
    boundaries ?? fetch(BOUNDARIES).then((r) => r.json()),
    measures ?? gql(MEASURES_QUERY).then((data) => data.stats.territoryMeasures),
  ]);
  const measure = MEASURES[state.measure];
  const rows = new Map(measures.filter((m) => m.level === state.level).map((m) => [m.code, m]));
  const shapes = state.level === "COUNTRY" ? boundaries.countries
    : boundaries.regions.filter((r) => !state.country || r.country === state.country);
  const ranked = measure.rollup ? await rollupOf(state.level) : null;
  const refusal = ranked?.refused ?? null;
  const valueOf = measure.rollup ? (code) => (refusal === null ? ranked.get(code) ?? null : null)
    : (code) => (rows.has(code) ? measure.value(rows.get(code)) : null);
  const ranges = classes(shapes.map((s) => valueOf(s.code)).filter((v) => v !== null));
  const country = boundaries.countries.find((c) => c.code === state.country);
  const [[x0, y0], [x1, y1]] = country?.box ?? [[0, 0], [boundaries.width, boundaries.height]];
  const pad = Math.max(x1 - x0, y1 - y0) * 0.04;
  const map = svg("svg", { id: "map", viewBox: `${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}`,
    role: "group", "aria-label": t("map.label", { measure: t(`measure.${state.measure}`) }) });

  if (state.country) { // the other countries, for context
    for (const c of boundaries.countries.filter((b) => b.code !== state.country)) {
      map.append(svg("path", { d: c.d, class: "context" }));
    }
  }
  const territories = svg("g", { class: "territories" });
  for (const shape of shapes) {
    const row = rows.get(shape.code);
    const value = valueOf(shape.code);
    const linked = state.level === "COUNTRY" || shape.known;
    const name = row ? `${row.name} (${shape.code})` : shape.code;
    const path = svg("path", { d: shape.d, fill: value === null ? NO_DATA : classOf(ranges, value).colour,
      "data-code": shape.code, "data-value": value ?? "", class: linked ? "linked" : "" });
    path.append(svg("title", {}, `${name}: ${value === null ? t("map.noData") : measure.format(value)}`));
    if (linked) {
      const open = () => { location.hash = `#/territory/${shape.code}`; };
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "link");
      path.addEventListener("click", open);
      path.addEventListener("keydown", (event) => { if (event.key === "Enter") open(); });
    }
    territories.append(path);
  }
  map.append(territories);
  if (state.level === "REGION") {
    const outlines = svg("g", { class: "outlines" });
    for (const c of boundaries.countries.filter((b) => !state.country || b.code === state.country)) {
      outlines.append(svg("path", { d: c.d }));
    }
    map.append(outlines);
  }
  const points = svg("g", { class: "points", "aria-hidden": "true" });
  const most = Math.max(1, ...shapes.map((s) => rows.get(s.code)?.initiatives ?? 0));
  const scale = (state.country ? Math.max(x1 - x0, y1 - y0) : boundaries.width) / 40;
  for (const shape of shapes) {
    const count = rows.get(shape.code)?.initiatives ?? 0;
    if (!count) continue;
    points.append(svg("circle", { cx: shape.c[0], cy: shape.c[1], r: (scale * Math.sqrt(count / most)).toFixed(1),
      "data-code": shape.code, "data-initiatives": count }));
  }
  map.append(points);

  const select = (id, values, chosen, text, onchange) => h("select", { id, onchange },
    values.map((v) => h("option", { value: v, selected: v === chosen }, text(v))));
  const names = new Map(measures.filter((m) => m.level === "COUNTRY").map((m) => [m.code, m.name]));
  const countries = boundaries.countries.map((c) => c.code)
    .sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
  fill(page,
    h("h2", {}, t("map.title")),
    h("div", { class: "picker" },
      h("label", {}, t("map.measure"), select("map-measure", Object.keys(MEASURES), state.measure,
        (m) => t(`measure.${m}`), (e) => go({ ...state, measure: e.target.value }))),
      h("label", {}, t("map.level"), select("map-level", LEVELS, state.level, (l) => t(`map.level.${l}`),
        (e) => go({ ...state, level: e.target.value, country: e.target.value === "COUNTRY" ? "" : state.country }))),
      h("label", {}, t("map.country"), select("map-country", ["", ...countries], state.country,
        (c) => (!c ? t("map.everywhere") : names.has(c) ? `${names.get(c)} (${c})` : c),
        (e) => go({ ...state, country: e.target.value, level: e.target.value ? "REGION" : state.level })))),
    h("div", { class: "map-layout" },
      h("figure", { class: "map-figure" }, map),
      h("div", { id: "map-legend" },
        h("h3", {}, t(`measure.${state.measure}`)),
        h("ul", {},
          ranges.map((r, i) => h("li", { dataset: { class: i } },
            h("span", { class: "swatch", style: { background: r.colour } }),
            r.low === r.high ? measure.format(r.high) : `${measure.format(r.low)} – ${measure.format(r.high)}`)),
          h("li", { dataset: { class: "none" } }, h("span", { class: "swatch", style: { background: NO_DATA } }),
            t("map.noData"))),
        h("p", { class: "muted" }, t("map.points")),
        h("p", { class: "muted" }, t(`map.about.${state.measure}`)),
        refusal === null ? null : h("p", { id: "map-refusal", role: "note" }, t("map.refused", { message: refusal })),
        h("p", { class: "muted small" }, t("map.source")))));
}
