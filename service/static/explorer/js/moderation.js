// The moderation view (#/moderation), for EDITOR and ADMIN keys: the pending submissions,
// each with its initiative, its ties (new or existing) and the new actors likely to be ones
// the database holds, offered for linking; approve (with those links as edits) or reject
// with a note the submitter reads.

import { gql } from "./api.js";
import { fill, h, webUrl } from "./dom.js";
import { label, t } from "./i18n.js";

const PENDING = `query ExplorerSubmissions { submissions(status: PENDING, first: 50) { totalCount
  edges { node { reference submittedAt name type territoryCodes sectorCodes description website contact input
    ties { tie id new entity name role existing { id name } }
    likelyDuplicates { table item name candidateId candidate { id name } } } } } }`;
const APPROVE = `mutation ExplorerApprove($reference: String!, $edits: RegisterInitiativeInput,
  $allow: Boolean!) { approveSubmission(reference: $reference, edits: $edits, allowDuplicate: $allow) {
  graphVersion node { id name } } }`;
const REJECT = `mutation ExplorerReject($reference: String!, $note: String!) {
  rejectSubmission(reference: $reference, note: $note) { auditId } }`;

/** The submission's input with each chosen duplicate linked: the new firm or institution
 * replaced by the existing one. Firms come from the participants; institutions from the
 * participants, then the governance seats (the order the tables number them in). */
export function linked(input, links) {
  const edits = structuredClone(input);
  const firms = edits.participants.filter((p) => p.firm);
  const institutions = [...edits.participants.filter((p) => p.institution),
    ...edits.governance.filter((g) => g.institution)];
  for (const d of links) {
    if (d.table === "firms") {
      const p = firms[d.item - 1];
      delete p.firm;
      p.actorId = d.candidateId;
    } else if (d.table === "institutions") {
      const tie = institutions[d.item - 1];
      delete tie.institution;
      if (edits.governance.includes(tie)) tie.institutionId = d.candidateId;
      else tie.actorId = d.candidateId;
    }
  }
  return edits;
}

function card(node, reload, outcome) {
  const note = h("textarea", { name: "note", rows: 2, "aria-label": t("moderation.note"),
    placeholder: t("moderation.note") });
  const status = h("p", { class: "outcome", "aria-live": "polite" });
  const choices = node.likelyDuplicates.map((d) => {
    const box = h("input", { type: "checkbox", checked: d.table !== "initiatives",
      disabled: d.table === "initiatives" });
    return [d, box];
  });
  const act = async (work) => {
    document.body.dataset.state = "loading";
    try {
      fill(outcome, await work());
      await reload();
    } catch (error) {
      fill(status, h("span", { class: "problem" }, error.message));
    } finally {
      document.body.dataset.state = "ready";
    }
  };
  const approve = () => act(async () => {
    const links = choices.filter(([, box]) => box.checked).map(([d]) => d);
    const edits = links.length ? linked(node.input, links) : null;
    const allow = choices.some(([, box]) => !box.checked);
    const written = (await gql(APPROVE, { reference: node.reference, edits, allow })).approveSubmission;
    return h("p", { id: "moderation-approved" }, t("moderation.approved"), " ",
      h("a", { href: `#/initiative/${encodeURIComponent(written.node.id)}` }, written.node.name));
  });
  const reject = () => act(async () => {
    await gql(REJECT, { reference: node.reference, note: note.value });
    return h("p", { id: "moderation-rejected" }, t("moderation.rejected", { name: node.name ?? "" }));
  });
  const website = webUrl(node.website);
  return h("article", { class: "submission card", dataset: { reference: node.reference } },
    h("h3", {}, node.name ?? t("none")),
    h("p", { class: "subtitle" }, `${label("kind", node.type)} · ${node.territoryCodes.join(", ")}`
      + (node.sectorCodes.length ? ` · ${node.sectorCodes.join(", ")}` : "")
      + ` · ${new Date(node.submittedAt).toLocaleString()}`),
    node.description ? h("p", {}, node.description) : null,
    website ? h("p", {}, h("a", { href: website, rel: "noopener noreferrer" }, node.website)) : null,
    node.contact ? h("p", { class: "contact" }, `${t("field.contact")}: ${node.contact}`) : null,
    h("table", { class: "ties" }, h("thead", {}, h("tr", {}, [t("moderation.tie"), t("field.name"),
      t("field.role"), ""].map((x) => h("th", {}, x)))),
    h("tbody", {}, node.ties.map((tie) => h("tr", {},
      h("td", {}, t(`moderation.tie.${tie.tie}`)),
      h("td", {}, tie.new ? tie.name : tie.existing?.name ?? tie.id),
      h("td", {}, label("role", tie.role)),
      h("td", {}, tie.new ? t("moderation.new") : t("moderation.existing")))))),
    choices.length ? h("div", { class: "duplicates" }, h("h4", {}, t("moderation.duplicates")),
      choices.map(([d, box]) => h("label", { class: "duplicate" }, box,
        d.table === "initiatives" ? t("moderation.initiativeLike", { other: d.candidate?.name ?? d.candidateId })
          : t("moderation.link", { name: d.name, other: d.candidate?.name ?? d.candidateId })))) : null,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary approve", onclick: approve }, t("moderation.approve")),
      note, h("button", { type: "button", class: "reject", onclick: reject }, t("moderation.reject"))),
    status);
}

export async function renderModeration(page) {
  const list = h("div", { id: "moderation-list" });
  const outcome = h("div", { id: "moderation-outcome", "aria-live": "polite" });
  const reload = async () => {
    const data = await gql(PENDING);
    const edges = data.submissions.edges;
    fill(list, edges.length ? edges.map((e) => card(e.node, reload, outcome))
      : h("p", { id: "moderation-empty" }, t("moderation.empty")));
  };
  fill(page, h("h2", {}, t("moderation.title")), h("p", { class: "subtitle" }, t("moderation.intro")),
    outcome, list);
  await reload();
}
