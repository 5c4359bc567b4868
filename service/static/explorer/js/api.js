// GraphQL over fetch to the same origin's /graphql, in the page's language (Accept-Language),
// with the API key kept in sessionStorage: it lives as long as the tab, and no other tab or
// later visit reads it.

import { lang } from "./i18n.js";

const KEY = "articula.apiKey";
const ENDPOINT = new URL("../../graphql", import.meta.url).toString(); // from explorer/js/

export class ApiError extends Error {
  constructor(message, code, extensions = {}) {
    super(message);
    this.code = code;
    this.extensions = extensions; // e.g. a BAD_USER_INPUT's problems, each naming its field
  }
}

const listeners = [];

/** Call `listener(extensions)` with every answer's `extensions` (an empty object if none). */
export function onAnswer(listener) { listeners.push(listener); }

export function apiKey() { return sessionStorage.getItem(KEY) || ""; }

export function setApiKey(value) {
  if (value) sessionStorage.setItem(KEY, value.trim());
  else sessionStorage.removeItem(KEY);
}

/** Run a query; its `data`, or an ApiError carrying the first error's extensions.code. */
export async function gql(query, variables = {}) {
  const headers = { "content-type": "application/json", accept: "application/json",
    "accept-language": lang() };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let response;
  try {
    response = await fetch(ENDPOINT, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    throw new ApiError(String(error), "NETWORK");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status}`, response.status === 401 ? "UNAUTHENTICATED" : "HTTP");
  }
  for (const listener of listeners) listener(body.extensions ?? {});
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.code ?? "ERROR", first.extensions ?? {});
  }
  return body.data;
}
