// The page's words and numbers (overrides/modules/words.js), as a reader in each language sees them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { clock, countdown, dateLocale, makeWords } from "../../overrides/modules/words.js";

const strings = {
  "ui.load.headline": "Train with {set_load} {unit}",
  "ui.percent_value": "{value} %",
  "unit.kg": "kg",
  "unit.mmhg": "mmHg",
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

test("the fixed formats round as the results need", () => {
  assert.equal(da.whole.format(30.4), "30");
  assert.equal(da.oneDecimal.format(123.456), "123,5");
  assert.equal(en.oneDecimal.format(123.456), "123.5");
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

test("dates follow the site's footer: British English and Danish", () => {
  const day = new Date(2026, 10, 24);
  assert.equal(day.toLocaleDateString(dateLocale("en"), { dateStyle: "long" }), "24 November 2026");
  assert.equal(day.toLocaleDateString(dateLocale("da"), { dateStyle: "long" }), "24. november 2026");
});
