// What the build put into a calculator page for its scripts (hooks/calculators.py renders it as
// #bfr-calculator-data): the language, every UI string, the screening's questions, the time
// limits, the cache names and the links the results use. Read once, by every module that needs
// it, with the page's words made from it.
import { makeWords } from "./words.js";

export const DATA = JSON.parse(document.getElementById("bfr-calculator-data").textContent);
export const words = makeWords(DATA);
