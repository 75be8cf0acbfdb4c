// Words and numbers in the reader's language, for every page script: the UI strings with their
// {placeholders} filled in, numbers as the language writes them (Intl.NumberFormat: "72,5" in
// Danish), ranges and durations. Pure: the language and the strings are handed in (page-data.js
// reads them from the page), so Node's test runner checks it without a browser.

// Number formats are made when first used, not as the page starts: the first one made in a
// page's process loads the browser's locale data (20-60 ms on a two-core machine, four times
// that on a phone), which would block the page while it loads. The worker makes one first, on
// its own thread (calculators-worker.js), so that here it costs a fraction of a millisecond.
export function numberFormat(lang, options) {
  let made = null;
  return { format: (value) => (made ??= new Intl.NumberFormat(lang, options)).format(value) };
}

// The language's own conventions for lists ("left arm, right arm and left leg": British English
// has no serial comma), which the bare language tag does not give.
const LOCALES = { en: "en-GB", da: "da-DK" };

function minutesSeconds(whole) {
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// A duration in seconds as minutes:seconds, to the nearest second (the steps of a plan).
export function clock(seconds) {
  return minutesSeconds(Math.round(seconds));
}

// Time left as minutes:seconds, rounded up, so that a countdown shows 0:00 only at its end.
export function countdown(seconds) {
  return minutesSeconds(Math.max(0, Math.ceil(seconds - 1e-6)));
}

// How many decimals a number is shown with, decided here and nowhere else. The core returns a
// number at the precision at which it is the answer: a load rounded to the step the reader can
// set, a converted weight to 0.1 (it is typed back into the field), a cuff pressure to whole mmHg,
// an estimated occlusion pressure and its range to 0.1 mmHg (as its vectors pin them); those are
// shown as they come. A number the core keeps at full precision, because others are computed
// from it, is shown with the decimals PRECISION gives its field, wherever it appears: in a table,
// a headline or a message's {placeholder} of that name. Any other number gets at most two.
export const PRECISION = { one_rm: 1, estimate: 1, aop_mmhg: 1, set_percent: 1 };

// The words of one page: `strings` is {key: text} in `lang` (calculators/strings.json).
// `grouping: false` writes numbers without thousands separators, as the session timer has always
// written its numbers.
export function makeWords({ lang, strings }, { grouping = true } = {}) {
  const format = (digits) => numberFormat(lang, grouping
    ? { maximumFractionDigits: digits } : { maximumFractionDigits: digits, useGrouping: false });
  const number = format(2);
  const fixed = Object.fromEntries(Object.entries(PRECISION).map(([field, digits]) => [field, format(digits)]));

  // A number of the core's field `field` (PRECISION), as the reader sees it.
  function figure(field, value) {
    return (fixed[field] || number).format(value);
  }

  function show(value, field) {
    if (typeof value === "number") return figure(field, value);
    if (Array.isArray(value)) return value.map((item) => show(item, field)).join(", ");
    return String(value);
  }

  // The text of `key` with its {placeholders} filled from `params`; a key the page lacks is
  // shown as itself (a test fails on it), a placeholder without a value stays as it is.
  function t(key, params) {
    const text = strings[key];
    if (text === undefined) return key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? show(params[name], name) : whole));
  }

  // "a, b and c" in the reader's language.
  let listFormat = null;
  function list(items) {
    listFormat ??= new Intl.ListFormat(LOCALES[lang] || lang, { style: "long", type: "conjunction" });
    return listFormat.format(items);
  }

  // A date as the pages' review dates are written (hooks/site_i18n.py), from the same strings:
  // "24 November 2026", "24. november 2026". The year is text: no thousands separator.
  function date(day) {
    const month = t(`site.month.${day.getMonth() + 1}`);
    return t("site.date", { day: String(day.getDate()), month, year: String(day.getFullYear()) });
  }

  // The text of `key` as parts, for a phrase with an element in it (a link to a source): a
  // {placeholder} whose value is an object stays that object, between the words around it.
  function parts(key, params) {
    const text = strings[key] ?? key;
    return text.split(/\{(\w+)\}/).map((part, i) => {
      if (i % 2 === 0) return part;
      if (!(part in params)) return `{${part}}`;
      return typeof params[part] === "object" ? params[part] : show(params[part], part);
    }).filter((part) => part !== "");
  }

  // "72,5 kg": a number with its unit's words, in the order and spacing of "ui.quantity".
  function quantity(value, unit) {
    return t("ui.quantity", { value, unit: t(`unit.${unit}`) });
  }

  // "20–40", or "20–40 mmHg" with the unit's words.
  function range(pair, unit) {
    const text = t("ui.range", { min: pair.min, max: pair.max });
    return unit ? t("ui.quantity", { value: text, unit: t(`unit.${unit}`) }) : text;
  }

  return {
    lang,
    t,
    show,
    range,
    quantity,
    parts,
    list,
    date,
    figure,
    // A number put back into a field: without separators.
    typed: numberFormat(lang, { maximumFractionDigits: 2, useGrouping: false }),
  };
}
