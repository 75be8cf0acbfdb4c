// Building the page's DOM: elements with attributes and children, and the few shapes every
// result uses (a list of facts, a fold, a table).

// An element; children that are null, undefined or false are left out, arrays are flattened.
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

// Writes `text` into `node` only when it differs: a text node replaced under a press that has
// begun makes WebKit (Safari) drop the click, and a live region would say the same words again.
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// A description list of [term, detail] rows; a false row is left out.
export function facts(rows) {
  return element("dl", { class: "bfr-facts" },
    rows.filter(Boolean).map(([term, detail]) => [element("dt", {}, term), element("dd", {}, detail)]));
}

export function details(summary, ...children) {
  return element("details", { class: "bfr-details" }, element("summary", {}, summary), ...children);
}

// A table with a caption and a heading row. Every body cell names its column's heading
// (data-label), and a table of three or more columns is marked data-stack: on a phone the site's
// styles show each of its rows as a block with every cell under its heading, so that no column
// hides behind a sideways scroll. The ARIA roles keep a stacked table a table for screen readers.
export function table(caption, head, rows, attributes = {}) {
  const stack = head.length >= 3;
  labelCells(rows, head, stack);
  const roles = (role) => (stack ? { role } : {});
  return element("div", { class: "bfr-table" },
    element("table", { ...attributes, ...(stack ? { "data-stack": "", role: "table" } : {}) },
      element("caption", {}, caption),
      element("thead", roles("rowgroup"), element("tr", roles("row"),
        head.map((text) => element("th", { scope: "col", ...roles("columnheader") }, text)))),
      element("tbody", roles("rowgroup"), rows)));
}

// Each cell of `rows` gets its column's heading as data-label (and, in a stacked table, its role).
export function labelCells(rows, head, stack = false) {
  for (const row of rows) {
    if (stack) row.setAttribute("role", "row");
    [...row.children].forEach((cell, index) => {
      cell.setAttribute("data-label", head[index] ?? "");
      if (stack) cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
    });
  }
}

// A copy of the content of the first <template> under `root` that matches `selector`, or
// undefined: markup the partials hold (the screening's next steps and level icons).
export function fromTemplate(root, selector) {
  return root.querySelector(`template${selector}`)?.content.cloneNode(true);
}
