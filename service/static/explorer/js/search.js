// Name search as people type, the same rule as the API's `search` (service/api/name_search.py):
// every typed word begins a word of the name, case and accents ignored, best matches first.

const UNFOLDED = { "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ħ": "h",
  "\u0131": "i", "þ": "th", "ð": "d" };
const WORD = /[\p{L}\p{N}\p{M}_]+(?:['.][\p{L}\p{N}\p{M}_]+)*/gu;

/** Lower-case and without accents, as the API's index stores names. */
export function fold(text) {
  return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
    .replace(/[øæœßđłħ\u0131þð]/g, (c) => UNFOLDED[c]);
}

/** The folded words of a text, in order. */
export function words(text) {
  return fold(text).match(WORD) ?? [];
}

function compare(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** How well `name` matches the typed words (smaller is better), null when it does not: more
 * typed words that are whole words first, then an earlier first matched word, then fewer
 * words, then the folded name. */
export function relevance(typed, name) {
  const found = words(name);
  let whole = 0;
  let earliest = found.length;
  for (const word of typed) {
    const at = found.flatMap((w, i) => (w.startsWith(word) ? [i] : []));
    if (!at.length) return null;
    if (at.some((i) => found[i] === word)) whole += 1;
    earliest = Math.min(earliest, at[0]);
  }
  return [typed.length - whole, earliest, found.length, found.join(" ")];
}

/** The items whose text (`textOf(item)`, a string or several) matches `query`, best first,
 * ties by `keyOf(item)`; at most `limit`. */
export function search(items, query, { textOf, keyOf, limit = Infinity }) {
  const typed = words(query);
  if (!typed.length) return [];
  const scored = [];
  for (const item of items) {
    const scores = [textOf(item)].flat().filter(Boolean)
      .map((text) => relevance(typed, text)).filter((s) => s !== null);
    if (!scores.length) continue;
    scores.sort(compare);
    scored.push([scores[0], keyOf(item), item]);
  }
  scored.sort((a, b) => compare(a[0], b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return scored.slice(0, limit).map((entry) => entry[2]);
}
