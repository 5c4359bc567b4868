// The side panel of a node: its profile (from the entity lookups), its links in the drawn
// network, and its metrics (the chosen centrality, degree, community).

import { gql } from "./api.js";
import { fill, h } from "./dom.js";
import { label, number, t } from "./i18n.js";

const TERRITORY = "territory { code name }";
const SECTORS = "sectors { code name nameEs }";
const PROFILES = {
  Initiative: `query ($id: ID!) { node: initiative(id: $id) { id name type status startYear endYear
    website territories { code name } ${SECTORS} } }`,
  Firm: `query ($id: ID!) { node: firm(id: $id) { id name size employees foundedYear ${TERRITORY}
    ${SECTORS} initiatives { initiative { id name } role } } }`,
  Institution: `query ($id: ID!) { node: institution(id: $id) { id name kind level ${TERRITORY}
    initiatives { initiative { id name } role } governs { initiative { id name } role }
    programs { id name } } }`,
  Program: `query ($id: ID!) { node: program(id: $id) { id name instrument startYear endYear budget
    currency runBy { id name } supports { initiative { id name } amount currency } } }`,
};
const MAX_LINKS = 40;

export function sectorName(sector, language) {
  return `${sector.code} ${language === "es" && sector.nameEs ? sector.nameEs : sector.name}`;
}

export function years(start, end) {
  if (!start && !end) return t("none");
  return `${start ?? "…"}–${end ?? ""}`;
}

export function initiativeLink(initiative) {
  return h("a", { href: `#/initiative/${encodeURIComponent(initiative.id)}` }, initiative.name);
}

function row(term, ...value) {
  return [h("dt", {}, term), h("dd", {}, ...value)];
}

function profileRows(entity, node, language) {
  const territory = node.territory ? `${node.territory.name} (${node.territory.code})` : t("none");
  const sectors = (node.sectors ?? []).map((s) => sectorName(s, language)).join("; ") || t("none");
  const roles = (list) => list.length
    ? h("ul", {}, list.map((e) => h("li", {}, initiativeLink(e.initiative), ` · ${label("role", e.role)}`)))
    : t("none");
  switch (entity) {
    case "Initiative":
      return [row(t("field.type"), label("kind", node.type)), row(t("field.status"), label("status", node.status)),
        row(t("field.years"), years(node.startYear, node.endYear)),
        row(t("field.territories"), node.territories.map((x) => x.name).join("; ") || t("none")),
        row(t("field.sectors"), sectors)];
    case "Firm":
      return [row(t("field.size"), label("size", node.size)),
        row(t("field.employees"), node.employees ?? t("none")),
        row(t("field.founded"), node.foundedYear ?? t("none")), row(t("field.territory"), territory),
        row(t("field.sectors"), sectors), row(t("field.initiatives"), roles(node.initiatives))];
    case "Institution":
      return [row(t("field.kind"), label("kind", node.kind)), row(t("field.level"), label("level", node.level)),
        row(t("field.territory"), territory), row(t("field.initiatives"), roles(node.initiatives)),
        row(t("field.governs"), roles(node.governs)),
        row(t("field.programs"), node.programs.map((p) => p.name).join("; ") || t("none"))];
    case "Program":
      return [row(t("field.instrument"), node.instrument ?? t("none")),
        row(t("field.years"), years(node.startYear, node.endYear)),
        row(t("field.budget"), node.budget == null ? t("none") : `${number(node.budget)} ${node.currency ?? ""}`),
        row(t("field.runBy"), node.runBy?.name ?? t("none")),
        row(t("field.supports"), node.supports.length
          ? h("ul", {}, node.supports.map((s) => h("li", {}, initiativeLink(s.initiative)))) : t("none"))];
    default:
      return [];
  }
}

/** Fill the panel with the profile of a drawn node. */
export async function showProfile(body, graph, id, { onPick, language }) {
  const element = graph.cy.getElementById(id);
  const entity = element.data("entity");
  const name = element.data("name");
  fill(body, h("h2", { id: "panel-title" }, name), h("p", { class: "muted" }, label("entity", entity), " · ", id),
    h("p", {}, t("loading")));
  let node = null;
  try {
    node = PROFILES[entity] ? (await gql(PROFILES[entity], { id })).node : null;
  } catch (error) {
    body.lastChild.textContent = t("error.generic", { message: error.message });
    return;
  }
  const neighbours = graph.neighbours(id).sort((a, b) => a.name.localeCompare(b.name));
  const score = graph.scores.get(id);
  const metrics = [row(t("panel.degree"), String(graph.degree.get(id) ?? 0))];
  if (score && graph.refusal === null) { // an overview's sizes are its own degrees
    metrics.push(row(t(`size.${graph.state.size}`),
      `${number(score.score, 4)} (${t("panel.rank", { rank: score.rank, n: graph.total.nodes })})`));
  }
  if (graph.communityOf.has(id)) metrics.push(row(t("panel.community"), String(graph.communityOf.get(id))));
  const links = neighbours.slice(0, MAX_LINKS).map((n) => {
    const pick = h("button", { type: "button", class: "linklike", onclick: () => onPick(n.id) },
      `${n.name}`);
    // a supply link says which way it runs, this node being the subject
    return n.type === "SUPPLIES"
      ? h("li", { class: "supply", dataset: { direction: n.out ? "out" : "in" } },
        h("span", { class: "muted" }, `${t(n.out ? "link.suppliesTo" : "link.suppliedBy")} `), pick)
      : h("li", {}, pick, h("span", { class: "muted" }, ` ${label("edge", n.type)}`));
  });
  if (neighbours.length > MAX_LINKS) links.push(h("li", {}, t("panel.more", { n: neighbours.length - MAX_LINKS })));
  fill(body,
    h("h2", { id: "panel-title", tabindex: "-1" }, node?.name ?? name),
    h("p", { class: "muted" }, label("entity", entity), " · ", id),
    entity === "Initiative" ? h("p", {}, h("a", { href: `#/initiative/${encodeURIComponent(id)}` }, t("panel.open"))) : null,
    h("h3", {}, t("panel.profile")), h("dl", {}, node ? profileRows(entity, node, language) : []),
    h("h3", {}, t("panel.metrics")), h("dl", {}, metrics),
    h("h3", {}, t("panel.links", { n: neighbours.length })), h("ul", { class: "links" }, links));
}
