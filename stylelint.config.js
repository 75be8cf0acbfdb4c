// Stylelint for the site's own stylesheets (tests/quality/test_lint.py runs it): the mistakes of
// stylelint-config-recommended (unknown properties, units and selectors, duplicates, invalid
// values), not a house layout; the sheets keep their compact one-line rules.
export default {
  extends: ["stylelint-config-recommended"],
  rules: {
    // It compares selectors that never match the same element (a table's cells and a marked
    // row's, a rule and its own :focus-visible): reordering by specificity would scatter rules
    // that belong together.
    "no-descending-specificity": null,
    // The visually-hidden pattern keeps `clip` beside `clip-path` for browsers without the latter.
    "property-no-deprecated": [true, { ignoreProperties: ["clip"] }],
  },
};
