// The network and gaps views' filters, kept in the hash's query (#/network?country=CO&...)
// so that a view can be shared as a URL.

export const INITIATIVE_TYPES = ["CLUSTER", "VALUE_CHAIN", "LOCAL_PRODUCTIVE", "BUSINESS_NETWORK",
  "SUPPLIER_DEVELOPMENT"];
export const PROJECTIONS = ["FULL", "ACTORS", "INITIATIVES", "GOVERNANCE", "SUPPLY"];
export const SIZES = ["DEGREE", "PAGERANK", "BETWEENNESS", "CLOSENESS", "none"];
export const COLOURS = ["kind", "community"];
export const DEFAULT_CAP = 1500;
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2200;

export function defaults() {
  return { country: "", territory: "", sector: "", types: [], projection: "FULL",
    colour: "kind", size: "DEGREE", cap: DEFAULT_CAP, gapKind: "", year: null };
}

/** Filters from a hash query string; unknown or bad values fall back to the defaults. */
export function parse(query) {
  const params = new URLSearchParams(query);
  const state = defaults();
  state.country = (params.get("country") || "").toUpperCase();
  state.territory = params.get("territory") || "";
  state.sector = params.get("sector") || "";
  state.types = (params.get("types") || "").split(",").filter((t) => INITIATIVE_TYPES.includes(t));
  if (PROJECTIONS.includes(params.get("projection"))) state.projection = params.get("projection");
  if (COLOURS.includes(params.get("colour"))) state.colour = params.get("colour");
  if (SIZES.includes(params.get("size"))) state.size = params.get("size");
  const cap = Number.parseInt(params.get("cap") || "", 10);
  if (cap > 0) state.cap = cap;
  state.gapKind = params.get("gap") || "";
  const year = Number(params.get("year") || "NaN");
  if (Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR) state.year = year;
  return state;
}

export function serialize(state) {
  const base = defaults();
  const params = new URLSearchParams();
  if (state.country) params.set("country", state.country);
  if (state.territory) params.set("territory", state.territory);
  if (state.sector) params.set("sector", state.sector);
  if (state.types.length) params.set("types", state.types.join(","));
  for (const name of ["projection", "colour", "size", "cap"]) {
    if (state[name] !== base[name]) params.set(name, state[name]);
  }
  if (state.gapKind) params.set("gap", state.gapKind);
  if (state.year !== null) params.set("year", String(state.year));
  return params.toString();
}

/** The GraphQL ScopeInput of the filters. */
export function scopeOf(state) {
  const scope = {};
  if (state.country) scope.countries = [state.country];
  if (state.territory) scope.territories = [state.territory];
  if (state.sector) scope.sectors = [state.sector];
  if (state.types.length) scope.initiativeTypes = state.types;
  if (state.year !== null) scope.year = state.year;
  return scope;
}

/** The filters' scope without its year: what the timeline runs over. */
export function spanScopeOf(state) {
  return scopeOf({ ...state, year: null });
}
