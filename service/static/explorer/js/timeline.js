// The network year by year (the API's `evolution` over the filters without their year):
// small line charts of nodes, edges and modularity, the drawn year ringed; a point or the
// year slider draws the network of that year.

import { gql } from "./api.js";
import { lineChart } from "./charts.js";
import { fill, h } from "./dom.js";
import { number, t } from "./i18n.js";
import { spanScopeOf } from "./state.js";

const EVOLUTION = `query ExplorerEvolution($projection: Projection!, $scope: ScopeInput) {
  evolution(projection: $projection, scope: $scope) {
    years { year nodes edges modularity density } } }`;
const SERIES = [
  { key: "nodes", format: (v) => number(v) },
  { key: "edges", format: (v) => number(v) },
  { key: "modularity", format: (v) => number(v, 2) },
];

export class Timeline {
  constructor({ figure, chart, onPick }) {
    Object.assign(this, { figure, chart, onPick, years: [], loadedFor: null });
  }

  /** The series of the filters' projection and scope, fetched once per projection and scope. */
  async load(state) {
    const key = JSON.stringify([state.projection, spanScopeOf(state)]);
    if (this.loadedFor === key) return;
    const data = await gql(EVOLUTION, { projection: state.projection, scope: spanScopeOf(state) });
    this.years = data.evolution.years;
    this.loadedFor = key;
  }

  /** The charts, with `year` (null: every year) ringed; none without a series (the figure
   * keeps its place, so that the drawing above it never moves when the series arrives). */
  render(year) {
    fill(this.chart, SERIES.map(({ key, format }) => h("div", { class: "series", dataset: { series: key } },
      lineChart(this.years.map((y) => ({ year: y.year, value: y[key] })), {
        title: t(`timeline.${key}`), marked: year, format, onPick: this.onPick,
        pickTitle: (picked) => t("timeline.pick", { year: picked }),
      }))));
  }

  get first() { return this.years[0]?.year ?? null; }

  get last() { return this.years[this.years.length - 1]?.year ?? null; }
}
