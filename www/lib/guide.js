// The guide panel: general guidance for visitors (who SMP can suit, the sessions and
// healing, the aftercare, questions to ask when choosing a technician), in the
// interface's language from the catalogues (lang/*.js: `section.guide`, `guide.*` and
// the `care.*` steps). A clinic replaces the whole text with its own by putting an
// element with `slot="guide"` inside <smp-previewer>; the built-in text is the slot's
// fallback. The `guide` attribute: `off` hides the panel, `open` shows it expanded,
// anything else (or none) shows it collapsed.
import { h } from './dom.js';

/** The guide's sections: a heading, an optional lead-in, and the list's entries. */
export const GUIDE_SECTIONS = [
  {
    title: 'guide.suits', intro: 'guide.suits.intro',
    items: [
      'guide.suits.male', 'guide.suits.female', 'guide.suits.areata', 'guide.suits.diffuse',
      'guide.suits.scars',
    ],
  },
  {
    title: 'guide.sessions',
    items: ['guide.sessions.count', 'guide.sessions.redness', 'guide.sessions.healing'],
  },
  { title: 'guide.care', items: ['care.dry', 'care.water', 'care.shower', 'care.long', 'guide.care.topups'] },
  {
    title: 'guide.choose',
    items: [
      'guide.choose.catalogue', 'guide.choose.reviews', 'guide.choose.clinic', 'guide.choose.natural',
      'guide.choose.background', 'guide.choose.listen',
    ],
  },
];

/** Every catalogue key the built-in guide shows. */
export function guideKeys() {
  return ['section.guide', 'guide.intro',
    ...GUIDE_SECTIONS.flatMap((s) => [s.title, ...(s.intro ? [s.intro] : []), ...s.items])];
}

/**
 * The guide panel: a collapsible section whose body is `<slot name="guide">` holding
 * the built-in text as its fallback.
 * @param {{t: (key: string) => string, show?: string | null}} o `show`: the `guide`
 *   attribute's value (see `showGuide`)
 * @returns {HTMLDetailsElement}
 */
export function buildGuide({ t, show = null }) {
  const text = [
    h('p', { class: 'hint' }, t('guide.intro')),
    ...GUIDE_SECTIONS.map((s) => h('section', {},
      h('h3', {}, t(s.title)),
      s.intro ? h('p', {}, t(s.intro)) : null,
      h('ul', {}, s.items.map((k) => h('li', {}, t(k)))))),
  ];
  const details = h('details', { class: 'guide', dataset: { panel: 'guide' } },
    h('summary', {}, t('section.guide')),
    h('div', { class: 'group' }, h('slot', { name: 'guide' }, h('div', { class: 'guide-text' }, text))));
  showGuide(details, show);
  return details;
}

/** Applies the `guide` attribute's value to the panel (`off`: hidden; `open`: expanded). */
export function showGuide(details, value) {
  if (!details) return;
  const v = String(value ?? '').trim().toLowerCase();
  details.hidden = v === 'off';
  if (v === 'open') details.open = true;
}
