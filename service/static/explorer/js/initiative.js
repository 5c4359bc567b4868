// The initiative page (#/initiative/<id>): profile, members, governance, support,
// collaborations, its centralities in the initiative network of its countries, and the
// matchmaking suggestions.

import { gql } from "./api.js";
import { fill, h, webUrl } from "./dom.js";
import { label, lang, number, t } from "./i18n.js";
import { initiativeLink, sectorName, years } from "./panel.js";

const INITIATIVE = `query ExplorerInitiative($id: ID!) {
  initiative(id: $id) {
    id name type status startYear endYear description website
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

function table(id, headers, rows) {
  return h("table", { id }, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
    h("tbody", {}, rows));
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
    h("p", {}, h("a", { href: `#/network?country=${countries[0]}&select=${encodeURIComponent(ini.id)}` },
      t("initiative.showInNetwork"))),
    h("div", { class: "cards" },
      h("div", { class: "card" }, h("strong", {}, String(ini.participants.length)), t("initiative.participants")),
      h("div", { class: "card" }, h("strong", {}, String(ini.governance.length)), t("initiative.seats")),
      h("div", { class: "card" }, h("strong", {}, String(support.length)), t("initiative.programs")),
      ...[...totals].map(([currency, amount]) => h("div", { class: "card" },
        h("strong", {}, number(amount)), `${t("field.amount")} ${currency}`))),
    h("h3", {}, t("initiative.members", { n: ini.participants.length })),
    table("members", [t("field.actor"), t("field.kind"), t("field.territory"), t("field.role"), t("field.years")],
      ini.participants.map((p) => h("tr", { dataset: { id: p.actor.id } },
        h("td", {}, p.actor.name),
        h("td", {}, p.actor.__typename === "Firm"
          ? `${label("kind", "FIRM")} · ${label("size", p.actor.size)}` : label("kind", p.actor.kind)),
        h("td", {}, p.actor.territory?.name ?? t("none")), h("td", {}, label("role", p.role)),
        h("td", {}, period(p))))),
    h("div", { class: "columns" },
      h("section", {}, h("h3", {}, t("initiative.governance", { n: ini.governance.length })),
        table("governance", [t("field.institution"), t("field.level"), t("field.role"), t("field.years")],
          ini.governance.map((g) => h("tr", {}, h("td", {}, g.institution.name),
            h("td", {}, label("level", g.institution.level)), h("td", {}, label("role", g.role)),
            h("td", {}, period(g)))))),
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
        ini.collaborations.length ? h("ul", {}, ini.collaborations.map((c) => h("li", {},
          initiativeLink(c.partner), c.kind ? ` · ${c.kind}` : ""))) : h("p", {}, t("none"))),
      h("section", {}, h("h3", {}, t("initiative.matches")),
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
}
