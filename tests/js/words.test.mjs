// The page's words and numbers (overrides/modules/words.js), as a reader in each language sees them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { readFileSync } from "node:fs";

import { clock, countdown, makeWords } from "../../overrides/modules/words.js";

const strings = {
  "ui.load.headline": "Train with {set_load} {unit}",
  "ui.percent_value": "{value} %",
  "unit.kg": "kg",
  "unit.mmhg": "mmHg",
  "ui.range": "{min}–{max}",
  "ui.quantity": "{value} {unit}",
  "ui.with_note": "{text} ({note})",
  "only.text": "No {placeholder} here",
};
const en = makeWords({ lang: "en", strings });
const da = makeWords({ lang: "da", strings });

test("t() fills every placeholder it has a value for", () => {
  assert.equal(en.t("ui.load.headline", { set_load: 30, unit: "kg" }), "Train with 30 kg");
});

test("t() leaves a placeholder without a value, and a text without params, as written", () => {
  assert.equal(en.t("ui.load.headline", { unit: "kg" }), "Train with {set_load} kg");
  assert.equal(en.t("only.text"), "No {placeholder} here");
});

test("t() shows a key the page lacks as the key itself", () => {
  assert.equal(en.t("no.such.key", { value: 1 }), "no.such.key");
});

test("numbers in a text are written the reader's way: a decimal comma in Danish", () => {
  assert.equal(da.t("ui.load.headline", { set_load: 72.5, unit: "kg" }), "Train with 72,5 kg");
  assert.equal(en.t("ui.load.headline", { set_load: 72.5, unit: "kg" }), "Train with 72.5 kg");
  assert.equal(da.t("ui.percent_value", { value: 1 / 3 }), "0,33 %"); // at most two decimals
});

test("thousands are grouped as each language groups them, unless a text asks for none", () => {
  assert.equal(en.show(1234.5), "1,234.5");
  assert.equal(da.show(1234.5), "1.234,5");
  assert.equal(makeWords({ lang: "da", strings }, { grouping: false }).show(1234.5), "1234,5");
  assert.equal(da.typed.format(1234.5), "1234,5"); // a number put back into a field
});

test("a field's number has the decimals PRECISION gives it, also inside a text", () => {
  assert.equal(da.figure("set_percent", 30.44), "30,4");
  assert.equal(da.figure("one_rm", 123.456), "123,5");
  assert.equal(en.figure("estimate", 123.456), "123.5");
  assert.equal(en.figure("target", 2.625), "2.63"); // a field of no precision of its own: two
  const words = makeWords({ lang: "da", strings: { share: "{set_percent} % af 1RM ({one_rm} kg)" } });
  assert.equal(words.t("share", { set_percent: 41.66, one_rm: 6.5454 }), "41,7 % af 1RM (6,5 kg)");
});

test("a list of numbers and a range are written with the language's numbers", () => {
  assert.equal(da.show([8.5, 10]), "8,5, 10");
  assert.equal(da.range({ min: 40.5, max: 80 }, "mmhg"), "40,5–80 mmHg");
  assert.equal(en.range({ min: 2, max: 3 }), "2–3");
});

test("a duration is minutes:seconds to the nearest second", () => {
  assert.equal(clock(0), "0:00");
  assert.equal(clock(59.4), "0:59");
  assert.equal(clock(59.5), "1:00");
  assert.equal(clock(605), "10:05");
});

test("a countdown rounds up, so that it shows 0:00 only at its end", () => {
  assert.equal(countdown(0.2), "0:01");
  assert.equal(countdown(59.5), "1:00");
  assert.equal(countdown(60), "1:00");
  assert.equal(countdown(60 + 1e-9), "1:00"); // the float noise of a sum of steps is no second
  assert.equal(countdown(0), "0:00");
  assert.equal(countdown(-3), "0:00");
});

test("a quantity is a number and its unit as the strings order them", () => {
  assert.equal(da.quantity(72.5, "kg"), "72,5 kg");
  assert.equal(en.quantity(1234, "mmhg"), "1,234 mmHg");
});

test("parts() keeps an element placeholder whole between the words around it", () => {
  const link = { tag: "a" };
  assert.deepEqual(en.parts("ui.with_note", { text: "Doppler", note: link }), ["Doppler", " (", link, ")"]);
  assert.deepEqual(da.parts("ui.with_note", { text: 2.5, note: link }), ["2,5", " (", link, ")"]);
  assert.deepEqual(en.parts("ui.with_note", { text: "x" }), ["x", " (", "{note}", ")"]);
});

test("a list is joined as each language joins one: no serial comma in British English", () => {
  assert.equal(en.list(["left arm", "right arm", "left leg"]), "left arm, right arm and left leg");
  assert.equal(da.list(["venstre arm", "højre arm", "venstre ben"]), "venstre arm, højre arm og venstre ben");
});

test("dates follow the site's footer: British English and Danish", () => {
  const table = JSON.parse(readFileSync(new URL("../../calculators/strings.json", import.meta.url), "utf8"));
  const words = (lang) => makeWords({ lang, strings: Object.fromEntries(
    Object.entries(table).map(([key, text]) => [key, text[lang]])) });
  const day = new Date(2026, 10, 24);
  assert.equal(words("en").date(day), "24 November 2026");
  assert.equal(words("da").date(day), "24. november 2026");
  assert.equal(words("en").date(new Date(2027, 0, 5)), "5 January 2027");
});
