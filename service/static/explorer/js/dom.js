// A tiny element builder: h("a", {href: "#/x"}, "text", child) — text is always set as text.
// Styles go through the style object ({style: {background: "#fff"}}): the page's
// Content-Security-Policy refuses style attributes.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name === "style") Object.assign(el.style, value); // an object: the CSP forbids style attributes
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A public contact as a link: `mailto:` for an e-mail address, else as `webUrl`; or null. */
export function contactUrl(text) {
  const value = String(text);
  if (/^[^@\s:/]+@[^@\s/]+$/.test(value)) return `mailto:${value}`;
  return webUrl(value);
}

/** `text` as an absolute http(s) URL, or null: only those become links (never `javascript:`). */
export function webUrl(text) {
  let url;
  try {
    url = new URL(String(text));
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}
