// The submission form (#/submit): anyone proposes an initiative with its members, governance
// body and supporting programmes; it is sent with `submitInitiative` and kept apart until a
// moderator approves it. The answer's reference leads to #/submission/<reference>, its status.
// New initiatives, firms and institutions get ids made here (INI-, FIRM-, INST- and a random
// part), since a submitter cannot know the database's.

import { gql } from "./api.js";
import { fill, h } from "./dom.js";
import { label, t } from "./i18n.js";
import { INITIATIVE_TYPES } from "./state.js";

const SUBMIT = `mutation ExplorerSubmit($input: RegisterInitiativeInput!, $homepage: String) {
  submitInitiative(input: $input, homepage: $homepage) {
    reference likelyDuplicates { table item name candidate { id name } } } }`;
const STATUS = `query ExplorerSubmission($reference: String!) {
  submission(reference: $reference) { status reviewerNote submittedAt } }`;
const SEARCHES = {
  territory: ["territories", "code name", (n) => n.code, (n) => `${n.name} (${n.code})`],
  sector: ["sectors", "code name nameEs", (n) => n.code, (n) => `${n.code} ${n.nameEs ?? n.name}`],
  actor: ["actors", "... on Firm { id name } ... on Institution { id name }", (n) => n.id, (n) => n.name],
  institution: ["institutions", "id name", (n) => n.id, (n) => n.name],
  program: ["programs", "id name", (n) => n.id, (n) => n.name],
};
const FOUND = 8;
const MEMBER_ROLES = ["MEMBER", "LEADER", "ANCHOR", "SUPPLIER", "CLIENT", "PARTNER"];
const SEAT_ROLES = ["CHAIR", "BOARD_MEMBER", "TECHNICAL_SECRETARIAT", "FUNDER", "ADVISOR"];
const INSTITUTION_KINDS = ["GOVERNMENT", "ACADEMIA", "BUSINESS_ASSOCIATION", "CIVIL_SOCIETY",
  "DEVELOPMENT_AGENCY", "FINANCIAL", "INTERNATIONAL"];
const LEVELS = ["LOCAL", "SUBNATIONAL", "NATIONAL", "SUPRANATIONAL"];
const SIZES = ["MICRO", "SMALL", "MEDIUM", "LARGE"];

function newId(prefix) {
  return `${prefix}-${crypto.randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`;
}

function select(name, values, text, { blank = false, field = name } = {}) {
  return h("select", { name, dataset: { field } },
    blank ? h("option", { value: "" }, t("none")) : null,
    values.map((v) => h("option", { value: v }, text(v))));
}

function labelled(text, control) {
  return h("label", { class: "field" }, h("span", {}, text), control);
}

/** A text box that searches the API as one types; picking a result keeps its key. `many`
 * keeps several, shown as removable chips. The element's `.values` are the keys picked. */
function finder(kind, { many = false, field }) {
  const [list, fields, keyOf, textOf] = SEARCHES[kind];
  const input = h("input", { type: "search", autocomplete: "off", dataset: { finder: kind },
    "aria-label": t(`submit.find.${kind}`), placeholder: t(`submit.find.${kind}`) });
  const results = h("ul", { class: "found" });
  const chosen = h("span", { class: "chosen" });
  const box = h("div", { class: "finder", dataset: { field } }, chosen, input, results);
  box.values = [];
  const show = () => fill(chosen, box.values.map(([key, text]) => h("span", { class: "chip" }, text,
    h("button", { type: "button", "aria-label": t("submit.remove"),
      onclick: () => { box.values = box.values.filter((v) => v[0] !== key); show(); } }, "×"))));
  let asked = 0;
  input.addEventListener("input", async () => {
    const text = input.value.trim();
    const ask = ++asked;
    if (!text) { fill(results); return; }
    const data = await gql(`query ($search: String!) { found: ${list}(first: ${FOUND},
      filter: {search: $search}) { edges { node { ${fields} } } } }`, { search: text })
      .catch(() => ({ found: { edges: [] } }));
    if (ask !== asked) return;
    fill(results, data.found.edges.map(({ node }) => h("li", {}, h("button", { type: "button",
      onclick: () => {
        box.values = [...(many ? box.values.filter((v) => v[0] !== keyOf(node)) : []), [keyOf(node), textOf(node)]];
        input.value = "";
        fill(results);
        show();
      } }, textOf(node)))));
  });
  return box;
}

function removable(row) {
  return h("button", { type: "button", class: "remove", onclick: () => row.remove() }, t("submit.remove"));
}

/** A member: an existing actor found by search, or a new firm or institution. */
function memberRow() {
  const row = h("fieldset", { class: "tie member" });
  const mode = select("mode", ["existing", "firm", "institution"], (m) => t(`submit.mode.${m}`));
  const existing = h("div", { class: "existing" }, finder("actor", { field: "actorId" }));
  const fresh = newActor(true);
  const swap = () => {
    existing.hidden = mode.value !== "existing";
    fresh.hidden = mode.value === "existing";
    fresh.querySelector(".firm-only").hidden = mode.value !== "firm";
    fresh.querySelector(".institution-only").hidden = mode.value !== "institution";
  };
  mode.addEventListener("change", swap);
  fill(row, h("legend", {}, t("submit.member")), labelled(t("submit.which"), mode), existing, fresh,
    labelled(t("field.role"), select("role", MEMBER_ROLES, (r) => label("role", r))), removable(row));
  swap();
  return row;
}

/** The fields of a new firm or institution. */
function newActor(either) {
  return h("div", { class: "new" },
    labelled(t("field.name"), h("input", { name: "name", dataset: { field: "name" } })),
    h("div", { class: "firm-only", hidden: !either },
      labelled(t("field.size"), select("size", SIZES, (s) => label("size", s), { blank: true }))),
    h("div", { class: "institution-only" },
      labelled(t("submit.helix"), select("kind", INSTITUTION_KINDS, (k) => label("kind", k))),
      labelled(t("field.level"), select("level", LEVELS, (l) => label("level", l)))),
    labelled(t("field.territory"), finder("territory", { field: "territoryCode" })));
}

/** A governance seat: an existing institution, or a new one. */
function seatRow() {
  const row = h("fieldset", { class: "tie seat" });
  const mode = select("mode", ["existing", "institution"], (m) => t(`submit.mode.${m}`));
  const existing = h("div", { class: "existing" }, finder("institution", { field: "institutionId" }));
  const fresh = newActor(false);
  const swap = () => {
    existing.hidden = mode.value !== "existing";
    fresh.hidden = mode.value === "existing";
  };
  mode.addEventListener("change", swap);
  fill(row, h("legend", {}, t("submit.seat")), labelled(t("submit.which"), mode), existing, fresh,
    labelled(t("field.role"), select("role", SEAT_ROLES, (r) => label("role", r))), removable(row));
  swap();
  return row;
}

function programRow() {
  const row = h("fieldset", { class: "tie program" });
  fill(row, h("legend", {}, t("field.program")), finder("program", { field: "programId" }), removable(row));
  return row;
}

function value(root, name) {
  const el = root.querySelector(`[name=${name}]`);
  return el && el.value.trim() ? el.value.trim() : null;
}

function picked(root, field) {
  const box = root.querySelector(`.finder[data-field=${field}]`);
  return box ? box.values.map((v) => v[0]) : [];
}

function newOf(row, kind) {
  const fresh = row.querySelector(".new");
  const base = { id: newId(kind === "firm" ? "FIRM" : "INST"), name: value(fresh, "name"),
    territoryCode: picked(fresh, "territoryCode")[0] ?? null };
  return kind === "firm" ? { ...base, size: value(fresh, "size") }
    : { ...base, kind: value(fresh, "kind"), level: value(fresh, "level") };
}

/** The form as a RegisterInitiativeInput, and where each row of each dataset table is on the
 * page (to put a problem next to the field it names). */
function collect(form) {
  const at = { initiatives: [form.querySelector("#submit-initiative")], firms: [], institutions: [],
    participations: [], governance: [], supports: [] };
  const initiative = { id: newId("INI"), name: value(form, "name"), type: value(form, "type"),
    territoryCodes: picked(form, "territoryCodes"), sectorCodes: picked(form, "sectorCodes"),
    description: value(form, "description"), website: value(form, "website"),
    contact: value(form, "contact") };
  const participants = [...form.querySelectorAll(".member")].map((row) => {
    at.participations.push(row);
    const mode = value(row, "mode");
    const role = value(row, "role");
    if (mode === "existing") return { actorId: picked(row, "actorId")[0] ?? null, role };
    at[mode === "firm" ? "firms" : "institutions"].push(row);
    return { [mode]: newOf(row, mode), role };
  });
  const governance = [...form.querySelectorAll(".seat")].map((row) => {
    at.governance.push(row);
    const role = value(row, "role");
    if (value(row, "mode") === "existing") return { institutionId: picked(row, "institutionId")[0] ?? null, role };
    at.institutions.push(row);
    return { institution: newOf(row, "institution"), role };
  });
  const support = [...form.querySelectorAll(".program")].map((row) => {
    at.supports.push(row);
    return { programId: picked(row, "programId")[0] ?? null };
  });
  return { input: { initiative, participants, governance, support }, at };
}

/** Each problem next to the field it names (or at the top when it names none on the page). */
function showProblems(form, at, error) {
  const top = form.querySelector("#submit-problems");
  const problems = error.extensions.problems ?? [];
  const loose = [];
  for (const problem of problems) {
    const table = String(problem.source ?? "").split(", ").pop();
    const row = at[table]?.[(problem.item ?? 1) - 1];
    const field = row?.querySelector(`[data-field=${problem.field}]`);
    const note = h("p", { class: "problem", role: "alert" }, problem.message);
    if (field) field.after(note);
    else if (row) row.append(note);
    else loose.push(note);
  }
  if (!problems.length) loose.push(h("p", { class: "problem", role: "alert" }, error.message));
  fill(top, loose);
}

export function renderSubmit(page) {
  const initiative = h("fieldset", { id: "submit-initiative" },
    h("legend", {}, t("view.initiative")),
    labelled(t("field.name"), h("input", { name: "name", required: true, dataset: { field: "name" } })),
    labelled(t("field.type"), select("type", INITIATIVE_TYPES, (v) => label("kind", v))),
    labelled(t("field.territories"), finder("territory", { many: true, field: "territoryCodes" })),
    labelled(t("field.sectors"), finder("sector", { many: true, field: "sectorCodes" })),
    labelled(t("submit.description"), h("textarea", { name: "description", rows: 3, dataset: { field: "description" } })),
    labelled(t("field.website"), h("input", { name: "website", type: "url", dataset: { field: "website" } })),
    labelled(t("field.contact"), h("input", { name: "contact", autocomplete: "email", dataset: { field: "contact" } })));
  const members = h("div", { id: "submit-members" });
  const seats = h("div", { id: "submit-seats" });
  const programs = h("div", { id: "submit-programs" });
  // A field people do not see: whatever fills it is taken for a robot.
  const trap = h("div", { class: "trap", "aria-hidden": "true" },
    h("input", { name: "homepage", tabindex: "-1", autocomplete: "off" }));
  const result = h("div", { id: "submit-result", "aria-live": "polite" });
  const form = h("form", { id: "submit-form", novalidate: true },
    h("div", { id: "submit-problems" }), initiative,
    h("h3", {}, t("submit.members")), members,
    h("button", { type: "button", id: "add-member", onclick: () => members.append(memberRow()) }, t("submit.addMember")),
    h("h3", {}, t("submit.governance")), seats,
    h("button", { type: "button", id: "add-seat", onclick: () => seats.append(seatRow()) }, t("submit.addSeat")),
    h("h3", {}, t("submit.programs")), programs,
    h("button", { type: "button", id: "add-program", onclick: () => programs.append(programRow()) }, t("submit.addProgram")),
    trap, h("p", {}, h("button", { type: "submit", class: "primary" }, t("submit.send"))), result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const note of form.querySelectorAll(".problem")) note.remove();
    fill(result);
    const { input, at } = collect(form);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    document.body.dataset.state = "loading";
    try {
      const data = await gql(SUBMIT, { input, homepage: form.homepage.value || null });
      const receipt = data.submitInitiative;
      const href = `#/submission/${encodeURIComponent(receipt.reference)}`;
      fill(result, h("div", { id: "submit-done", class: "done" },
        h("p", {}, t("submit.done")),
        h("p", {}, `${t("submit.reference")}: `, h("code", { id: "submit-reference" }, receipt.reference)),
        h("p", {}, h("a", { href, id: "submit-status-link" }, t("submit.follow"))),
        receipt.likelyDuplicates.length ? h("ul", {}, receipt.likelyDuplicates.map((d) => h("li", {},
          t("submit.duplicate", { name: d.name, other: d.candidate?.name ?? "" })))) : null));
      form.querySelector("#submit-initiative").disabled = true;
      button.hidden = true;
    } catch (error) {
      if (error.code === "BAD_USER_INPUT") showProblems(form, at, error);
      else fill(form.querySelector("#submit-problems"), h("p", { class: "problem", role: "alert" },
        error.code === "RATE_LIMITED" ? t("submit.rateLimited") : error.message));
    } finally {
      button.disabled = false;
      document.body.dataset.state = "ready";
    }
  });
  fill(page, h("h2", {}, t("submit.title")), h("p", { class: "subtitle" }, t("submit.intro")), form);
  members.append(memberRow());
}

export async function renderSubmission(page, reference) {
  fill(page, h("p", {}, t("loading")));
  const data = await gql(STATUS, { reference }).catch((error) => {
    if (error.code === "NOT_FOUND") return { submission: null };
    throw error;
  });
  const state = data.submission;
  if (!state) {
    fill(page, h("h2", {}, t("submission.notFound")));
    return;
  }
  fill(page, h("h2", {}, t("submission.title")),
    h("p", {}, `${t("submit.reference")}: `, h("code", {}, reference)),
    h("p", { id: "submission-status", dataset: { status: state.status } },
      h("strong", {}, t(`submission.${state.status}`))),
    state.reviewerNote ? h("p", { id: "submission-note" }, `${t("submission.note")}: ${state.reviewerNote}`) : null);
}
