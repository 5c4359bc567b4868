// Horizontal bar charts drawn as inline SVG: no chart library.

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== null) el.textContent = text;
  return el;
}

/** A bar per [{key, label, value, colour}], labelled and valued; `title` names it for readers. */
export function barChart(rows, { title, width = 520, labelWidth = 200 }) {
  const bar = 20;
  const gap = 6;
  const height = rows.length * (bar + gap) + gap;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const room = width - labelWidth - 50;
  const chart = svg("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`,
    role: "img", "aria-label": title });
  chart.append(svg("title", {}, title));
  rows.forEach((row, i) => {
    const y = gap + i * (bar + gap);
    const length = Math.round((row.value / max) * room);
    const group = svg("g", { "data-key": row.key, "data-value": row.value });
    group.append(
      svg("text", { x: labelWidth - 8, y: y + bar * 0.7, "text-anchor": "end" }, row.label),
      svg("rect", { x: labelWidth, y, width: Math.max(length, row.value ? 2 : 0), height: bar,
        fill: row.colour, rx: 2 }),
      svg("text", { class: "value", x: labelWidth + length + 6, y: y + bar * 0.7 }, String(row.value)),
    );
    chart.append(group);
  });
  return chart;
}
