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

// Dates as the site's footer writes them: "24 November 2026", "24. november 2026".
const DATE_LOCALES = { en: "en-GB", da: "da-DK" };

export function dateLocale(lang) {
  return DATE_LOCALES[lang] || lang;
}

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

// The words of one page: `strings` is {key: text} in `lang` (calculators/strings.json). A number
// put into a text has at most two decimals; `grouping: false` writes it without thousands
// separators, as the session timer has always written its numbers.
export function makeWords({ lang, strings }, { grouping = true } = {}) {
  const number = numberFormat(lang, grouping
    ? { maximumFractionDigits: 2 } : { maximumFractionDigits: 2, useGrouping: false });

  function show(value) {
    if (typeof value === "number") return number.format(value);
    if (Array.isArray(value)) return value.map(show).join(", ");
    return String(value);
  }

  // The text of `key` with its {placeholders} filled from `params`; a key the page lacks is
  // shown as itself (a test fails on it), a placeholder without a value stays as it is.
  function t(key, params) {
    const text = strings[key];
    if (text === undefined) return key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? show(params[name]) : whole));
  }

  // "20–40", or "20–40 mmHg" with the unit's words.
  function range(pair, unit) {
    const text = `${show(pair.min)}–${show(pair.max)}`;
    return unit ? `${text} ${t(`unit.${unit}`)}` : text;
  }

  return {
    lang,
    t,
    show,
    range,
    // Weights and percentages on a gym floor: at most one decimal (the core has already rounded
    // the loads to the reader's step), and a number put back into a field without separators.
    whole: numberFormat(lang, { maximumFractionDigits: 0 }),
    oneDecimal: numberFormat(lang, { maximumFractionDigits: 1 }),
    typed: numberFormat(lang, { maximumFractionDigits: 2, useGrouping: false }),
    dateLocale: dateLocale(lang),
  };
}
