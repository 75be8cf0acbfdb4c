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

export function table(caption, head, rows, attributes = {}) {
  return element("div", { class: "bfr-table" },
    element("table", attributes,
      element("caption", {}, caption),
      element("thead", {}, element("tr", {}, head.map((text) => element("th", { scope: "col" }, text)))),
      element("tbody", {}, rows)));
}

// A copy of the content of the first <template> under `root` that matches `selector`, or
// undefined: markup the partials hold (the screening's next steps and level icons).
export function fromTemplate(root, selector) {
  return root.querySelector(`template${selector}`)?.content.cloneNode(true);
}
