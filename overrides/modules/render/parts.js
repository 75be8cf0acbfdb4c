// Pieces more than one result uses.
import { element } from "../dom.js";
import { words } from "../page-data.js";

// The core's warnings about a result, in words (their placeholders from the result).
export function notes(codes, result) {
  if (!codes || codes.length === 0) return null;
  return element("div", { class: "bfr-notes" },
    element("p", { class: "bfr-notes__title" }, words.t("result.warnings")),
    element("ul", {}, codes.map((code) => element("li", {}, words.t(`warning.${code}`, result)))));
}
