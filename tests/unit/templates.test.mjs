// The style picker's grouping (www/lib/templates.js): the engine's templates grouped
// by application in display order, labels and descriptions in the page's language,
// the engine's English where a catalogue has none; and every template named in
// docs/templates.md has its label and description in the catalogues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { APPLICATIONS, templateGroups, templateLabel } from '../../www/lib/templates.js';
import { strings, translator } from '../../www/lib/i18n.js';

const docs = readFileSync(new URL('../../docs/templates.md', import.meta.url), 'utf8');
// The table of names: "| `norwood-2` | `male-pattern` | receding temples |".
const listed = [...docs.matchAll(/^\| `([a-z0-9-]+)` \| `([a-z-]+)` \|/gm)]
  .map((m) => ({ name: m[1], application: m[2] }));
const engineLike = listed.map((x) => ({ ...x, label: `EN ${x.name}`, description: `EN about ${x.name}` }));

test('docs/templates.md lists the 19 templates over the six applications', () => {
  assert.equal(listed.length, 19);
  assert.deepEqual([...new Set(listed.map((x) => x.application))], APPLICATIONS);
});

test('the templates are grouped by application in display order, each group once', () => {
  const groups = templateGroups(engineLike, translator('en'));
  assert.deepEqual(groups.map((g) => g.application), APPLICATIONS);
  assert.deepEqual(groups.flatMap((g) => g.templates.map((x) => x.name)), listed.map((x) => x.name));
  const male = groups.find((g) => g.application === 'male-pattern');
  assert.equal(male.label, 'Male pattern loss');
  assert.deepEqual(male.templates.map((x) => x.name), ['norwood-2', 'norwood-3', 'norwood-3-vertex',
    'norwood-4', 'norwood-5', 'norwood-6', 'norwood-7', 'crown']);
  // Out of order input still gives one group per application, in the applications' order.
  const shuffled = [engineLike[18], engineLike[0], engineLike[15], engineLike[1]];
  const again = templateGroups(shuffled, translator('en'));
  assert.deepEqual(again.map((g) => [g.application, g.templates.map((x) => x.name)]),
    [
      ['hairline', ['soft-natural', 'defined']], ['alopecia-areata', ['alopecia-areata']],
      ['scar', ['scar']],
    ]);
});

test('labels and descriptions come from the language, else the engine\'s English', () => {
  const de = templateGroups(engineLike, translator('de'));
  const norwood5 = de.flatMap((g) => g.templates).find((x) => x.name === 'norwood-5');
  assert.equal(norwood5.label, strings.de['template.norwood-5']);
  assert.equal(norwood5.description, strings.de['templateInfo.norwood-5']);
  assert.equal(de[0].label, 'Haarlinien');
  const unknown = { name: 'new-one', label: 'New one', application: 'future',
    description: 'Not yet translated.' };
  const groups = templateGroups([...engineLike, unknown], translator('fr'));
  assert.deepEqual(groups.at(-1), { application: 'future', label: 'future',
    templates: [{ name: 'new-one', label: 'New one', description: 'Not yet translated.' }] });
  assert.equal(templateLabel(translator('ar'), { name: 'crown', label: 'Crown only' }),
    strings.ar['template.crown']);
});

test('every catalogue names every template and application', () => {
  for (const [lang, table] of Object.entries(strings)) {
    for (const { name } of listed) {
      assert.ok(table[`template.${name}`], `${lang} template.${name}`);
      assert.ok(table[`templateInfo.${name}`], `${lang} templateInfo.${name}`);
    }
    for (const id of APPLICATIONS) assert.ok(table[`application.${id}`], `${lang} application.${id}`);
  }
});
