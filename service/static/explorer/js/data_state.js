// The banner that says a large load is under way. Every API answer carries
// `extensions.dataState` while one is (LOADING, or ROLLING_BACK when a failed one is being
// undone); the banner shows it, and asks again every few seconds while it shows, so that it
// goes away by itself once the load has ended.

import { gql, onAnswer } from "./api.js";
import { number, onLanguage, t } from "./i18n.js";

const POLL_MS = 5000;
let current = null; // the last answer's extensions while a load is under way, else null
let timer = null;

function render() {
  const box = document.getElementById("data-state");
  if (!current) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const load = current.loads?.[0] ?? {};
  const state = current.dataState === "ROLLING_BACK" ? "ROLLING_BACK" : "LOADING";
  box.textContent = t(`dataState.${state}`, {
    source: load.source ?? "",
    written: number(load.rowsWritten ?? 0),
    total: number(load.rowsTotal ?? 0),
  });
  box.dataset.state = state;
  box.hidden = false;
}

function note(extensions) {
  current = extensions?.dataState ? extensions : null;
  render();
  if (current && timer === null) {
    timer = setInterval(() => gql("{ __typename }").catch(() => {}), POLL_MS);
  } else if (!current && timer !== null) {
    clearInterval(timer);
    timer = null;
  }
}

export function watchDataState() {
  onAnswer(note);
  onLanguage(render);
}
