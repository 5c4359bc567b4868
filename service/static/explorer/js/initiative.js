// The initiative page (#/initiative/<id>): profile, its own network, members by helix,
// governance by level, support, collaborations, its centralities in the initiative network
// of its countries, its coordination gaps and the initiatives like it (matchmaking). It has
// a URL to share (/initiative/<id>) and prints on one page (explorer.css, @media print).

import { gql } from "./api.js";
import { contactUrl, fill, h, webUrl } from "./dom.js";
import { actorKind, egoNetwork } from "./ego.js";
import { label, lang, number, t } from "./i18n.js";
import { initiativeLink, sectorName, years } from "./panel.js";

const INITIATIVE = `query ExplorerInitiative($id: ID!) {
  initiative(id: $id) {
    id name type status startYear endYear description website contact
    territories { code name level } sectors { code name nameEs }
    participants { actor { __typename id name territory { name }
      ... on Firm { size } ... on Institution { kind level } } role since until }
    governance { institution { id name kind level } role since until }
    supportedBy { program { id name runBy { name } } amount currency since until }
    collaborations { partner { id name } kind since until }
  }
  matchmaking(id: $id, k: 5) { matches { suggestion { id name kind } score reasons } emptyReason }
}`;
const METRICS = ["DEGREE", "PAGERANK", "BETWEENNESS"];
const RANKS = `query ExplorerInitiativeRanks($scope: ScopeInput) {
  ${METRICS.map((m) => `${m}: centrality(metric: ${m}, projection: INITIATIVES, scope: $scope, top: 10000) {
    nodeCount items { id score rank } }`).join("\n  ")}
}`;

// The initiative's own gaps: those of its countries' scope that name it.
const GAPS = `query ExplorerInitiativeGaps($scope: ScopeInput) {
  coordinationGaps(kinds: [UNGOVERNED, VERTICAL, HELIX, OVERLAP, FRAGMENTED_SUPPORT], scope: $scope) {
    kind severity explanation nodes { id } } }`;

// The helices as the HELIX gap counts them (docs/gaps.md): firms and business associations
// are business; development agencies, financial and international bodies are "other".
const HELICES = ["GOVERNMENT", "ACADEMIA", "BUSINESS", "CIVIL_SOCIETY", "OTHER"];
const LEVELS = ["SUPRANATIONAL", "NATIONAL", "SUBNATIONAL", "LOCAL", null];

function helixOf(actor) {
  const kind = actorKind(actor);
  if (kind === "FIRM" || kind === "BUSINESS_ASSOCIATION") return "BUSINESS";
  return HELICES.includes(kind) ? kind : "OTHER";
}

function table(id, headers, rows) {
  return h("table", { id }, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
    h("tbody", {}, rows));
}

/** A table whose rows come in groups, [{key, title, rows}], each under its own heading row. */
function groupedTable(id, headers, groups) {
  return h("table", { id }, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
    groups.filter((g) => g.rows.length).map((g) => h("tbody", { dataset: { group: g.key ?? "none" } },
      h("tr", { class: "group" }, h("th", { colspan: headers.length, scope: "colgroup" },
        `${g.title} (${g.rows.length})`)), g.rows)));
}

function byKey(items, keyOf, keys) {
  return keys.map((key) => ({ key, items: items.filter((x) => (keyOf(x) ?? null) === key) }));
}

/** The address that opens this initiative's page with its title and link preview. */
export function shareUrl(id) {
  return new URL(`initiative/${encodeURIComponent(id)}`, new URL(".", location.href)).href;
}

function period(item) { return years(item.since, item.until); }

export async function renderInitiative(page, id) {
  fill(page, h("p", {}, t("loading")));
  const data = await gql(INITIATIVE, { id }).catch((error) => {
    if (error.code === "NOT_FOUND") return { initiative: null };
    throw error;
  });
  const ini = data.initiative;
  if (!ini) {
    fill(page, h("h2", {}, t("initiative.notFound", { id })));
    return;
  }
  const matches = data.matchmaking.matches;
  const countries = [...new Set(ini.territories.map((x) => x.code.split(/[-:]/)[0]))].sort();
  const language = lang();
  const support = ini.supportedBy;
  const totals = new Map();
  for (const s of support) {
    if (s.amount != null) totals.set(s.currency ?? "", (totals.get(s.currency ?? "") ?? 0) + s.amount);
  }
  const metricsBody = h("tbody", {}, h("tr", {}, h("td", { colspan: 3 }, t("loading"))));
  const gapList = h("div", { id: "initiative-gaps", "aria-live": "polite" }, t("loading"));
  const governors = ini.governance.map((g) => g.institution);
  const link = shareUrl(ini.id);
  document.title = t("initiative.pageTitle", { name: ini.name });
  fill(page,
    h("h2", { id: "initiative-name" }, ini.name),
    h("p", { class: "subtitle" }, `${label("kind", ini.type)} · ${label("status", ini.status)} · `
      + `${years(ini.startYear, ini.endYear)} · ${ini.id}`),
    ini.description ? h("p", {}, ini.description) : null,
    h("p", {}, h("strong", {}, `${t("field.territories")}: `),
      ini.territories.map((x) => x.name).join("; ")),
    h("p", {}, h("strong", {}, `${t("field.sectors")}: `),
      ini.sectors.map((s) => sectorName(s, language)).join("; ") || t("none")),
    ini.website ? h("p", { id: "initiative-website" }, webUrl(ini.website)
      ? h("a", { href: webUrl(ini.website), rel: "noopener noreferrer" }, ini.website) : ini.website) : null,
    ini.contact ? h("p", { id: "initiative-contact" }, h("strong", {}, `${t("field.contact")}: `),
      contactUrl(ini.contact) ? h("a", { href: contactUrl(ini.contact), rel: "noopener noreferrer" }, ini.contact)
        : ini.contact) : null,
    h("p", { class: "links" }, h("a", { href: `#/network?country=${countries[0]}&select=${encodeURIComponent(ini.id)}` },
      t("initiative.showInNetwork")), " · ", h("span", { id: "initiative-share" },
      `${t("initiative.share")} `, h("a", { href: link }, link)), " · ",
      h("button", { type: "button", id: "initiative-print", class: "save", onclick: () => window.print() },
        t("initiative.print"))),
    h("div", { class: "cards" },
      h("div", { class: "card" }, h("strong", {}, String(ini.participants.length)), t("initiative.participants")),
      h("div", { class: "card" }, h("strong", {}, String(ini.governance.length)), t("initiative.seats")),
      h("div", { class: "card" }, h("strong", {}, String(support.length)), t("initiative.programs")),
      ...[...totals].map(([currency, amount]) => h("div", { class: "card" },
        h("strong", {}, number(amount)), `${t("field.amount")} ${currency}`))),
    h("div", { class: "columns profile" },
      h("figure", { id: "initiative-network" },
        egoNetwork(ini, governors, ini.participants.map((p) => p.actor), {
          title: t("initiative.picture", { name: ini.name }), more: (n) => t("initiative.notDrawn", { n }) }),
        h("figcaption", {}, t("initiative.pictureNote"))),
      h("section", {}, h("h3", {}, t("initiative.members", { n: ini.participants.length })),
        groupedTable("members", [t("field.actor"), t("field.kind"), t("field.territory"), t("field.role"), t("field.years")],
          byKey(ini.participants, (p) => helixOf(p.actor), HELICES).map(({ key, items }) => ({
            key, title: t(`helix.${key}`), rows: items.map((p) => h("tr", { dataset: { id: p.actor.id } },
              h("td", {}, p.actor.name),
              h("td", {}, p.actor.__typename === "Firm"
                ? `${label("kind", "FIRM")} · ${label("size", p.actor.size)}` : label("kind", p.actor.kind)),
              h("td", {}, p.actor.territory?.name ?? t("none")), h("td", {}, label("role", p.role)),
              h("td", {}, period(p)))) }))))),
    h("div", { class: "columns" },
      h("section", {}, h("h3", {}, t("initiative.governance", { n: ini.governance.length })),
        groupedTable("governance", [t("field.institution"), t("field.kind"), t("field.role"), t("field.years")],
          byKey(ini.governance, (g) => g.institution.level, LEVELS).map(({ key, items }) => ({
            key, title: label("level", key), rows: items.map((g) => h("tr", { dataset: { id: g.institution.id } },
              h("td", {}, g.institution.name), h("td", {}, label("kind", g.institution.kind)),
              h("td", {}, label("role", g.role)), h("td", {}, period(g)))) })))),
      h("section", {}, h("h3", {}, t("initiative.support", { n: support.length })),
        table("support", [t("field.program"), t("field.runBy"), t("field.amount"), t("field.years")],
          support.map((s) => h("tr", {}, h("td", {}, s.program.name), h("td", {}, s.program.runBy?.name ?? t("none")),
            h("td", { class: "num" }, s.amount == null ? t("none") : `${number(s.amount)} ${s.currency ?? ""}`),
            h("td", {}, period(s))))))),
    h("div", { class: "columns" },
      h("section", {}, h("h3", {}, t("initiative.metrics")),
        h("p", { class: "muted" }, t("initiative.metricsNote", { countries: countries.join(", ") })),
        h("table", { id: "metrics" }, h("thead", {}, h("tr", {}, h("th", {}, t("initiative.metric")),
          h("th", { class: "num" }, t("initiative.value")), h("th", { class: "num" }, t("initiative.rankOf")))),
        metricsBody),
        h("h3", {}, t("initiative.collaborations", { n: ini.collaborations.length })),
        ini.collaborations.length ? h("ul", { class: "collaborations" }, ini.collaborations.map((c) => h("li", {},
          initiativeLink(c.partner), c.kind ? ` · ${c.kind}` : ""))) : h("p", {}, t("none"))),
      h("section", {}, h("h3", {}, t("initiative.gaps")), gapList,
        h("h3", {}, t("initiative.matches")),
        matches.length ? h("ol", { class: "matches", id: "matches" }, matches.map((m) => h("li", {},
          m.suggestion.kind === "Initiative" ? initiativeLink(m.suggestion) : m.suggestion.name,
          ` · ${t("initiative.score", { score: number(m.score, 3) })}`,
          h("div", { class: "reasons" }, m.reasons.join("; ")))))
          : h("p", { id: "no-matches" }, t("initiative.noMatches"), " ", data.matchmaking.emptyReason ?? ""))));

  try {
    const ranks = await gql(RANKS, { scope: { countries } });
    fill(metricsBody, METRICS.map((metric) => {
      const item = ranks[metric].items.find((i) => i.id === ini.id);
      return h("tr", {}, h("td", {}, t(`size.${metric}`)),
        h("td", { class: "num" }, item ? number(item.score, 4) : t("none")),
        h("td", { class: "num" }, item ? `${item.rank} / ${ranks[metric].nodeCount}` : t("none")));
    }));
  } catch (error) {
    fill(metricsBody, h("tr", {}, h("td", { colspan: 3 }, t("error.generic", { message: error.message }))));
  }
  try {
    const found = (await gql(GAPS, { scope: { countries } })).coordinationGaps
      .filter((gap) => gap.nodes.some((n) => n.id === ini.id));
    fill(gapList, found.length ? h("ul", {}, found.map((gap) => h("li", { dataset: { kind: gap.kind } },
      h("span", { class: "badge" }, label("gap", gap.kind)), " ", gap.explanation)))
      : h("p", { id: "no-gaps" }, t("initiative.noGaps")));
  } catch (error) {
    fill(gapList, t("error.generic", { message: error.message }));
  }
}
