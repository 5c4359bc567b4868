// The Explorer's shell: hash routes, the filter form, the search box, the side panel, the
// language switch and the API key. Routes: #/network?…, #/gaps?…, #/initiative/<id>,
// #/territory/<code>, #/map?…, #/submit, #/submission/<reference>, #/moderation;
// /initiative/<id> opens #/initiative/<id>. `document.body.dataset.state` is "loading",
// "ready" or "error".

import { apiKey, gql, setApiKey } from "./api.js";
import { watchDataState } from "./data_state.js";
import { fill, h } from "./dom.js";
import { Gaps, GAP_KINDS } from "./gaps.js";
import { Graph } from "./graph.js";
import { applyStatic, label, lang, number, onLanguage, setLanguage, t } from "./i18n.js";
import { renderInitiative } from "./initiative.js";
import { renderMap } from "./map.js";
import { renderModeration } from "./moderation.js";
import { showProfile } from "./panel.js";
import { search } from "./search.js";
import { renderSubmission, renderSubmit } from "./submit.js";
import { COLOURS, INITIATIVE_TYPES, PROJECTIONS, SIZES, parse, serialize } from "./state.js";
import { countryList, renderTerritory } from "./territory.js";
import { Timeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const form = $("filters");
const panel = $("panel");
const SEARCH_RESULTS = 15;
let view = "";
let selected = null;
let regionsFor = null;

const graph = new Graph($("cy"), { onSelect: (id) => select(id), onStatus: (text) => status(text) });
const gaps = new Gaps(graph, { list: $("gap-list"), count: $("gap-count"), status: $("gap-status") });
const timeline = new Timeline({ figure: $("timeline"), chart: $("timeline-chart"),
  onPick: (year) => go({ ...formState(), year }) });
window.articulaExplorer = { graph, gaps, timeline };

function setState(value) { document.body.dataset.state = value; }

function status(text) {
  if (text) {
    fill($("shown"), text);
    $("widen").hidden = true;
    return;
  }
  const { shown, total } = graph;
  const counts = { shown: number(shown.nodes), total: number(total.nodes),
    edges: number(shown.edges), totalEdges: number(total.edges) };
  fill($("shown"), graph.refusal === null ? t("shown", counts)
    : t("overview", { ...counts, message: graph.refusal }));
  const widen = $("widen");
  widen.hidden = shown.nodes >= total.nodes && shown.edges >= total.edges;
  widen.textContent = t("cap.widen", { next: number(graph.state.cap * 2) });
  widen.title = t("cap.note");
  $("save-png").title = t("save.pngTitle");
  renderLegend();
}

/** Hand a blob to the browser as a download named `name`. */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

$("save-png").addEventListener("click", () => {
  graph.png().then((blob) => download(blob, `articula-${graph.state.projection.toLowerCase()}.png`))
    .catch(notice);
});

function renderLegend() {
  fill($("legend"), graph.legend().map((entry) => h("span", {},
    h("span", { class: `swatch${entry.line ? " line" : ""}`, style: { background: entry.colour } }), entry.text)));
  const warnings = graph.state?.colour === "community" ? graph.warnings : [];
  fill($("graph-warnings"), warnings.map((w) => h("p", { dataset: { code: w.code } },
    t(`warning.${w.code}.${w.parameters.partition}`, Object.fromEntries(
      Object.entries(w.parameters).map(([k, v]) => [k, typeof v === "number" ? number(v) : v]))))));
  $("graph-warnings").hidden = !warnings.length;
}

function notice(error) {
  const box = $("notice");
  if (!error) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  if (error.code === "UNAUTHENTICATED") {
    fill(box, t("error.unauthenticated"), h("button", { type: "button", onclick: openKeyDialog }, t("error.enterKey")));
  } else if (error.code === "NETWORK") {
    fill(box, t("error.network"));
  } else {
    fill(box, t("error.generic", { message: error.message }));
  }
}

// --- the filter form -------------------------------------------------------------------

function options(select, values, text, chosen) {
  fill(select, values.map((v) => h("option", { value: v, selected: v === chosen }, text(v))));
}

function buildForm() {
  const state = parse(location.hash.split("?")[1] ?? "");
  fill($("type-boxes"), INITIATIVE_TYPES.map((type) => h("label", {},
    h("input", { type: "checkbox", name: "types", value: type }), label("kind", type))));
  options(form.projection, PROJECTIONS, (p) => label("projection", p), state.projection);
  options(form.colour, COLOURS, (c) => t(`colour.${c}`), state.colour);
  options(form.size, SIZES, (s) => t(`size.${s}`), state.size);
  options($("gap-kind"), ["", ...GAP_KINDS], (k) => (k ? label("gap", k) : t("gaps.all")), state.gapKind);
}

async function fillCountries(state) {
  const countries = await countryList();
  fill(form.country, h("option", { value: "" }, t("filter.all")),
    countries.map((c) => h("option", { value: c.code, selected: c.code === state.country }, `${c.name} (${c.code})`)));
  await fillRegions(state);
}

async function fillRegions(state) {
  if (!state.country) {
    fill(form.territory, h("option", { value: "" }, t("filter.allRegions")));
    form.territory.disabled = true;
    regionsFor = "";
    return;
  }
  form.territory.disabled = false;
  if (regionsFor !== state.country) {
    const data = await gql(`query ExplorerRegions($scope: ScopeInput) { stats(scope: $scope) {
      byTerritory { code name level } } }`, { scope: { countries: [state.country] } });
    form.territory.regions = data.stats.byTerritory.filter((r) => r.level === "REGION");
    regionsFor = state.country;
  }
  fill(form.territory, h("option", { value: "" }, t("filter.allRegions")),
    form.territory.regions.map((r) => h("option", { value: r.code, selected: r.code === state.territory },
      `${r.name} (${r.code})`)));
}

function showFormState(state) {
  form.country.value = state.country;
  form.sector.value = state.sector;
  for (const box of form.querySelectorAll("input[name=types]")) box.checked = state.types.includes(box.value);
  form.projection.value = state.projection;
  form.colour.value = state.colour;
  form.size.value = state.size;
  $("gap-kind").value = state.gapKind;
  showYear(state.year);
}

/** The slider at `year` (at the timeline's last year when every year is drawn). */
function showYear(year) {
  const slider = form.year;
  if (timeline.first !== null) {
    slider.min = String(timeline.first);
    slider.max = String(timeline.last);
  }
  slider.value = String(year ?? slider.max);
  fill($("year-shown"), year === null ? t("filter.everyYear") : String(year));
  $("all-years").disabled = year === null;
}

function formState() {
  const state = parse(location.hash.split("?")[1] ?? "");
  state.country = form.country.value;
  state.territory = form.country.value ? form.territory.value : "";
  state.sector = form.sector.value.trim();
  state.types = [...form.querySelectorAll("input[name=types]:checked")].map((b) => b.value);
  state.projection = form.projection.value;
  state.colour = form.colour.value;
  state.size = form.size.value;
  state.gapKind = $("gap-kind").value;
  return state;
}

form.year.addEventListener("input", () => fill($("year-shown"), form.year.value));
form.year.addEventListener("change", () => go({ ...formState(), year: Number(form.year.value) }));
$("all-years").addEventListener("click", () => go({ ...formState(), year: null }));

function go(state) {
  location.hash = `#/${view}?${serialize(state)}`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  go(formState());
});
form.country.addEventListener("change", () => {
  fillRegions({ country: form.country.value, territory: "" }).catch(notice);
});
$("gap-kind").addEventListener("change", () => go(formState()));
$("widen").addEventListener("click", () => {
  const state = parse(location.hash.split("?")[1] ?? "");
  state.cap = graph.state.cap * 2;
  go(state);
});

// --- search and the side panel -----------------------------------------------------------

$("search").addEventListener("input", renderSearch);

function renderSearch() {
  const query = $("search").value;
  const list = $("search-results");
  if (!query.trim()) {
    fill(list);
    return;
  }
  const found = search(graph.nodes(), query,
    { textOf: (n) => [n.name, n.id], keyOf: (n) => n.id, limit: SEARCH_RESULTS });
  fill(list, found.length ? found.map((n) => h("li", {},
    h("button", { type: "button", onclick: () => select(n.id) }, n.name,
      h("span", { class: "muted" }, ` · ${label("kind", n.kind)}`
        + (graph.isDrawn(n.id) ? "" : ` · ${t("search.hidden")}`)))))
    : h("li", { class: "muted" }, t("search.none")));
}

async function select(id) {
  graph.pin([id]); // a search result past the cap is drawn too
  if (!graph.isDrawn(id)) return;
  selected = id;
  panel.hidden = false;
  graph.cy.resize();
  graph.focus(id);
  await showProfile($("panel-body"), graph, id, { onPick: (other) => select(other), language: lang() });
  if (selected === id) $("panel-title")?.focus({ preventScroll: true });
}

function closePanel() {
  selected = null;
  panel.hidden = true;
  graph.cy.nodes(":selected").unselect();
  graph.cy.resize();
}

$("panel-close").addEventListener("click", closePanel);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !panel.hidden) closePanel();
});

// --- the API key ----------------------------------------------------------------------

function openKeyDialog() {
  $("api-key").value = apiKey();
  $("api-key-dialog").showModal();
}

$("api-key-button").addEventListener("click", openKeyDialog);
$("api-key-dialog").addEventListener("close", () => {
  const choice = $("api-key-dialog").returnValue;
  if (choice === "save") setApiKey($("api-key").value);
  if (choice === "clear") setApiKey("");
  if (choice === "save" || choice === "clear") location.reload();
});

// --- language -------------------------------------------------------------------------

$("language").addEventListener("change", () => setLanguage($("language").value));
onLanguage(() => {
  buildForm();
  showFormState(parse(location.hash.split("?")[1] ?? ""));
  route(true).catch(failed);
});

// --- routes ---------------------------------------------------------------------------

function loadKey(state) {
  return JSON.stringify([state.country, state.territory, state.sector, state.types, state.projection,
    state.colour, state.size, state.year]);
}

async function route(relabel = false) {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const [name, ...rest] = path.split("/");
  const arg = decodeURIComponent(rest.join("/"));
  const next = ["network", "gaps", "initiative", "territory", "map", "submit", "submission",
    "moderation"].includes(name) ? name : "network";
  view = next;
  for (const link of document.querySelectorAll("header nav a")) {
    if (link.dataset.view === next) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `Articula · ${t(`view.${next}`)}`;
  notice(null);
  setState("loading");
  const graphView = next === "network" || next === "gaps";
  $("graph-layout").hidden = !graphView;
  $("page").hidden = graphView;
  if (graphView) await routeGraph(next, query, relabel);
  else if (next === "initiative") await renderInitiative($("page"), arg);
  else if (next === "map") await renderMap($("page"), query);
  else if (next === "submit") renderSubmit($("page"));
  else if (next === "submission") await renderSubmission($("page"), arg);
  else if (next === "moderation") await renderModeration($("page"));
  else await renderTerritory($("page"), arg.toUpperCase());
  setState("ready");
}

async function routeGraph(name, query, relabel) {
  const state = parse(query);
  $("gaps-section").hidden = name !== "gaps";
  showFormState(state);
  await fillCountries(state);
  graph.cy.resize();
  if (!graph.state || loadKey(graph.state) !== loadKey(state)) {
    closePanel();
    await graph.load(state);
    gaps.loadedFor = null;
  } else if (graph.state.cap !== state.cap && graph.refusal !== null) {
    closePanel();
    await graph.load(state, { overview: true }); // the overview of the wider cap
    gaps.loadedFor = null;
  } else if (graph.state.cap !== state.cap) {
    graph.state.cap = state.cap;
    graph.draw();
  } else if (relabel) {
    status(null);
    if (selected) await select(selected);
  }
  if (name === "gaps") {
    const key = JSON.stringify([loadKey(state), state.gapKind, lang()]); // texts in its language
    if (gaps.loadedFor !== key) {
      await gaps.load(state);
      gaps.loadedFor = key;
    } else if (relabel) {
      gaps.render();
    }
  } else {
    graph.clearHighlight();
    gaps.chosen = -1;
  }
  const target = new URLSearchParams(query).get("select");
  if (target) await select(target);
  renderSearch();
  showTimeline(state);
}

// The series costs a Louvain run per year: fetched once asked for (or with a year in the URL).
let timelineOn = false;
$("timeline-show").addEventListener("click", () => {
  timelineOn = true;
  showTimeline(parse(location.hash.split("?")[1] ?? ""));
});

/**
 * The timeline of the filters, fetched after the network is drawn (its figure's data-state
 * says when it is there); none for a network the service would not build whole.
 */
function showTimeline(state) {
  const figure = $("timeline");
  const shown = () => {
    const now = parse(location.hash.split("?")[1] ?? "");
    timeline.render(now.year);
    showYear(now.year);
    form.year.disabled = timeline.first === null;
  };
  $("timeline-show").hidden = timelineOn || state.year !== null;
  if (!(timelineOn || state.year !== null) || (graph.refusal !== null && state.year === null)) {
    timeline.years = [];
    timeline.loadedFor = null;
    shown();
    figure.dataset.state = "none";
    return;
  }
  figure.dataset.state = "loading";
  timeline.load(state).then(() => {
    shown();
    figure.dataset.state = "ready";
  }).catch(() => {
    timeline.years = [];
    timeline.loadedFor = null;
    shown();
    figure.dataset.state = "error";
  });
}

function failed(error) {
  fill($("shown"));
  setState("error");
  notice(error);
}

// A shared initiative's address (/initiative/<id>, served with its title and link preview)
// opens its view at the page's own address, where every hash route works.
const shared = location.pathname.match(/\/initiative\/([^/]+)$/);
if (shared) history.replaceState(null, "", new URL(`../#/initiative/${shared[1]}`, location.href));
window.addEventListener("hashchange", () => route().catch(failed));

applyStatic();
watchDataState();
buildForm();
route().catch(failed);
