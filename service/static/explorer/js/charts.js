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

/**
 * A line over the years, [{year, value}], with the `marked` year's point ringed; clicking a
 * point calls onPick(year). `title` names it for readers, `format` writes a value.
 */
export function lineChart(points, { title, marked = null, onPick = null, format = String,
  pickTitle = (year) => String(year), width = 240, height = 90 }) {
  const pad = { left: 8, right: 8, top: 18, bottom: 16 };
  const chart = svg("svg", { class: "chart line", width, height, viewBox: `0 0 ${width} ${height}`,
    role: "img", "aria-label": title });
  chart.append(svg("title", {}, title));
  if (!points.length) return chart;
  const first = points[0].year;
  const span = Math.max(1, points[points.length - 1].year - first);
  const max = Math.max(...points.map((p) => p.value), 0);
  const min = Math.min(...points.map((p) => p.value), 0);
  const x = (year) => pad.left + ((year - first) / span) * (width - pad.left - pad.right);
  const y = (value) => height - pad.bottom
    - ((value - min) / (max - min || 1)) * (height - pad.top - pad.bottom);
  chart.append(
    svg("text", { class: "caption", x: pad.left, y: 12 }, title),
    svg("text", { class: "value", x: width - pad.right, y: 12, "text-anchor": "end" },
      format(points.find((p) => p.year === marked)?.value ?? points[points.length - 1].value)),
    svg("text", { class: "axis", x: pad.left, y: height - 3 }, String(first)),
    svg("text", { class: "axis", x: width - pad.right, y: height - 3, "text-anchor": "end" },
      String(points[points.length - 1].year)),
    svg("polyline", { fill: "none", stroke: "#1f5f8b", "stroke-width": 1.5,
      points: points.map((p) => `${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ") }),
  );
  for (const p of points) {
    const dot = svg("circle", { cx: x(p.year).toFixed(1), cy: y(p.value).toFixed(1),
      r: p.year === marked ? 4 : 2.5, class: p.year === marked ? "marked" : "",
      "data-year": p.year, "data-value": p.value });
    dot.append(svg("title", {}, `${p.year}: ${format(p.value)}`));
    if (onPick) {
      dot.setAttribute("tabindex", "0");
      dot.setAttribute("role", "button");
      dot.setAttribute("aria-label", pickTitle(p.year));
      dot.addEventListener("click", () => onPick(p.year));
      dot.addEventListener("keydown", (event) => { if (event.key === "Enter") onPick(p.year); });
    }
    chart.append(dot);
  }
  return chart;
}
