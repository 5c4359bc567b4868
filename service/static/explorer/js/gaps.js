// The gaps view: the coordination gaps of the filters' scope, by kind; choosing one
// highlights its nodes in the drawn network.

import { gql } from "./api.js";
import { fill, h } from "./dom.js";
import { label, number, t } from "./i18n.js";
import { scopeOf } from "./state.js";

export const GAP_KINDS = ["UNGOVERNED", "VERTICAL", "HELIX", "OVERLAP", "FRAGMENTED_SUPPORT",
  "WHITE_SPOT", "INFORMAL_BROKER", "BROKER_DEPENDENCY"];
const GAPS = `query ExplorerGaps($kinds: [GapKind!], $scope: ScopeInput) {
  coordinationGaps(kinds: $kinds, scope: $scope) {
    kind severity explanation nodes { id name kind } } }`;

export class Gaps {
  constructor(graph, { list, count, status }) {
    this.graph = graph;
    this.list = list;
    this.count = count;
    this.status = status;
    this.findings = [];
    this.chosen = -1;
  }

  async load(state) {
    this.chosen = -1;
    fill(this.count, t("loading"));
    fill(this.list);
    const kinds = state.gapKind && GAP_KINDS.includes(state.gapKind) ? [state.gapKind] : null;
    this.findings = (await gql(GAPS, { kinds, scope: scopeOf(state) })).coordinationGaps;
    this.render();
  }

  render() {
    fill(this.count, t("gaps.count", { n: this.findings.length }));
    fill(this.list, this.findings.map((gap, index) => h("li", {},
      h("button", { type: "button", "aria-pressed": String(index === this.chosen),
        dataset: { gapIndex: String(index) }, onclick: () => this.choose(index) },
      h("span", { class: "badge" }, label("gap", gap.kind)),
      h("span", { class: "muted" }, t("gaps.severity", { s: number(gap.severity, 2) })),
      h("br"), gap.explanation))));
    this.renderStatus();
  }

  /** Highlight a finding's nodes (or clear the highlight when chosen again). */
  choose(index) {
    if (index === this.chosen) {
      this.chosen = -1;
      this.graph.clearHighlight();
    } else {
      this.chosen = index;
      this.graph.highlight(this.findings[index].nodes.map((n) => n.id)); // pins any past the cap
    }
    for (const button of this.list.querySelectorAll("button[data-gap-index]")) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.gapIndex) === this.chosen));
    }
    this.renderStatus();
  }

  renderStatus() {
    if (this.chosen < 0) {
      fill(this.status);
      return;
    }
    const nodes = this.findings[this.chosen].nodes;
    const drawn = this.graph.highlighted.length;
    const text = t("gaps.highlighted", { drawn, n: nodes.length })
      + (drawn < nodes.length ? t("gaps.notDrawn", { missing: nodes.length - drawn }) : "");
    fill(this.status, text, " ",
      h("button", { type: "button", onclick: () => this.choose(this.chosen) }, t("gaps.clear")));
  }
}
