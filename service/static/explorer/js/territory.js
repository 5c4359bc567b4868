// The territory view (#/territory/<code>): for a country or a region, initiatives by type
// and actors by kind as bar charts, and a table of the territories below it.

import { gql } from "./api.js";
import { barChart } from "./charts.js";
import { fill, h } from "./dom.js";
import { label, t } from "./i18n.js";
import { KIND_COLOURS } from "./graph.js";
import { INITIATIVE_TYPES } from "./state.js";

const ACTOR_KINDS = ["FIRM", "GOVERNMENT", "ACADEMIA", "BUSINESS_ASSOCIATION", "CIVIL_SOCIETY",
  "DEVELOPMENT_AGENCY", "FINANCIAL", "INTERNATIONAL"];
const COUNTRIES = `query ExplorerCountries { stats { byCountry { code name initiatives firms institutions } } }`;
// Counts of what is located in the territory or below it, one alias per type and kind.
const TERRITORY = `query ExplorerTerritory($code: String!, $codes: [String!], $scope: ScopeInput) {
  territory(code: $code) { code name level parent { code name } children { code } }
  stats(scope: $scope) { byTerritory { code name level initiatives firms institutions } }
  ${INITIATIVE_TYPES.map((type) => `${type}: initiatives(first: 0, filter: {territories: $codes, types: [${type}]}) { totalCount }`).join("\n  ")}
  ${ACTOR_KINDS.map((kind) => `${kind}: actors(first: 0, filter: {territories: $codes, kinds: [${kind}]}) { totalCount }`).join("\n  ")}
}`;
const BELOW = { COUNTRY: "REGION", REGION: "MUNICIPALITY" };

let countries = null;

export async function countryList() {
  countries ??= (await gql(COUNTRIES)).stats.byCountry;
  return countries;
}

export async function renderTerritory(page, code) {
  const list = await countryList();
  const chosen = code || list[0]?.code || "";
  fill(page, h("h2", {}, t("territory.title")), h("p", {}, t("loading")));
  if (!chosen) return;
  const data = await gql(TERRITORY, { code: chosen, codes: [chosen], scope: { territories: [chosen] } });
  const territory = data.territory;
  if (!territory) {
    fill(page, h("h2", {}, t("territory.title")), h("p", {}, t("territory.noData")));
    return;
  }
  const country = territory.level === "COUNTRY" ? territory.code : chosen.split(/[-:]/)[0];
  const rows = data.stats.byTerritory;
  const regions = (await regionsOf(country, rows, territory));
  const own = rows.find((r) => r.code === territory.code)
    ?? { initiatives: 0, firms: 0, institutions: 0 };
  const children = new Set(territory.children.map((c) => c.code));
  const below = rows.filter((r) => r.level === BELOW[territory.level] && children.has(r.code));

  const countrySelect = h("select", { id: "territory-country",
    onchange: (e) => { location.hash = `#/territory/${e.target.value}`; } },
  list.map((c) => h("option", { value: c.code, selected: c.code === country }, `${c.name} (${c.code})`)));
  const regionSelect = h("select", { id: "territory-region",
    onchange: (e) => { location.hash = `#/territory/${e.target.value || country}`; } },
  h("option", { value: "" }, t("territory.whole")),
  regions.map((r) => h("option", { value: r.code, selected: r.code === territory.code }, r.name)));

  const typeRows = INITIATIVE_TYPES.map((type) => ({ key: type, label: label("kind", type),
    value: data[type].totalCount, colour: KIND_COLOURS[type] }));
  const kindRows = ACTOR_KINDS.map((kind) => ({ key: kind, label: label("kind", kind),
    value: data[kind].totalCount, colour: KIND_COLOURS[kind] }));
  const cell = (value) => h("td", { class: "num" }, String(value));
  const heading = territory.parent
    ? `${territory.name} · ${territory.parent.name}` : territory.name;

  fill(page,
    h("h2", {}, heading),
    h("p", { class: "subtitle" }, `${label("level", territory.level)} · ${territory.code}`),
    h("div", { class: "picker" },
      h("label", {}, t("territory.country"), countrySelect),
      h("label", {}, t("territory.region"), regionSelect)),
    h("div", { class: "cards", id: "territory-totals" },
      h("div", { class: "card", dataset: { total: "initiatives" } }, h("strong", {}, String(own.initiatives)), t("territory.initiatives")),
      h("div", { class: "card", dataset: { total: "firms" } }, h("strong", {}, String(own.firms)), t("territory.firms")),
      h("div", { class: "card", dataset: { total: "institutions" } }, h("strong", {}, String(own.institutions)), t("territory.institutions"))),
    h("div", { class: "columns" },
      h("section", { id: "chart-types" }, h("h3", {}, t("territory.byType")),
        barChart(typeRows, { title: t("territory.byType") })),
      h("section", { id: "chart-kinds" }, h("h3", {}, t("territory.byKind")),
        barChart(kindRows, { title: t("territory.byKind") }))),
    h("h3", {}, t("territory.table")),
    below.length ? h("table", { id: "territory-table" },
      h("thead", {}, h("tr", {}, h("th", {}, label("level", BELOW[territory.level])),
        h("th", { class: "num" }, t("territory.initiatives")), h("th", { class: "num" }, t("territory.firms")),
        h("th", { class: "num" }, t("territory.institutions")))),
      h("tbody", {}, below.map((r) => h("tr", { dataset: { code: r.code } },
        h("td", {}, BELOW[territory.level] === "REGION"
          ? h("a", { href: `#/territory/${r.code}` }, `${r.name} (${r.code})`) : `${r.name} (${r.code})`),
        cell(r.initiatives), cell(r.firms), cell(r.institutions)))),
      h("tfoot", {}, h("tr", {}, h("th", {}, t("territory.total", { name: territory.name })), cell(own.initiatives), cell(own.firms),
        cell(own.institutions))))
      : h("p", { class: "muted" }, t("territory.noData")),
    h("h3", {}, t("territory.countries")),
    h("table", { id: "country-table" },
      h("thead", {}, h("tr", {}, h("th", {}, t("territory.country")),
        h("th", { class: "num" }, t("territory.initiatives")), h("th", { class: "num" }, t("territory.firms")),
        h("th", { class: "num" }, t("territory.institutions")))),
      h("tbody", {}, list.map((c) => h("tr", { dataset: { code: c.code } },
        h("td", {}, h("a", { href: `#/territory/${c.code}` }, `${c.name} (${c.code})`)),
        cell(c.initiatives), cell(c.firms), cell(c.institutions))))));
}

async function regionsOf(country, rows, territory) {
  if (territory.level === "COUNTRY") return rows.filter((r) => r.level === "REGION");
  const data = await gql(`query ($scope: ScopeInput) { stats(scope: $scope) {
    byTerritory { code name level } } }`, { scope: { territories: [country] } });
  return data.stats.byTerritory.filter((r) => r.level === "REGION");
}
