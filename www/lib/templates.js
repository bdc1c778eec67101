// The style picker's list: the engine's templates (`Previewer.templates()`, in display
// order: `[{ name, label, application, description }]`, see docs/templates.md) grouped
// by application, with each group's heading and each template's label and description
// in the page's language. A name or application the catalogue lacks keeps the
// engine's English. Free of the DOM, so Node's test runner covers it.

/** The applications in display order (`Application::id()` in src/templates.rs). */
export const APPLICATIONS = [
  'hairline', 'male-pattern', 'female-pattern', 'diffuse', 'alopecia-areata', 'scar',
];

/** The translation of `key`, or `fallback` when the catalogue has none. */
function text(t, key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

/** Template `x`'s label in the page's language (`template.<name>`). */
export function templateLabel(t, x) {
  return text(t, `template.${x.name}`, x.label ?? x.name);
}

/**
 * The templates grouped by application for the picker: `[{ application, label,
 * templates: [{ name, label, description }] }]`. Groups come in the order of
 * `APPLICATIONS` (an unknown application after them, in the order first seen);
 * templates keep the engine's order within their group.
 */
export function templateGroups(templates, t) {
  const groups = new Map();
  for (const x of templates) {
    const id = x.application ?? 'hairline';
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push({
      name: x.name,
      label: templateLabel(t, x),
      description: text(t, `templateInfo.${x.name}`, x.description ?? ''),
    });
  }
  const rank = (id) => (APPLICATIONS.includes(id) ? APPLICATIONS.indexOf(id) : APPLICATIONS.length);
  return [...groups.entries()]
    .map(([application, list], i) => ({ application, order: [rank(application), i], templates: list }))
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1])
    .map(({ application, templates: list }) => ({
      application, label: text(t, `application.${application}`, application), templates: list,
    }));
}
