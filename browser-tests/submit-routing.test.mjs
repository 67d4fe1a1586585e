// Journey: a fire service serving two children's partnerships, an adults' board and a
// joint partnership submits its children's return. The submit step ticks the three
// partnerships a children's return is for and leaves the adults' board unticked; the
// lead unticks everything (and is told to select one), then sends it to the adults'
// board and one children's partnership only. Each run signs the return off again
// first, so the journey can repeat against the same demo. Every page is scanned with axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  click,
  journey,
  newPage,
  openSelfAssessment,
  signIn,
  signOut,
} from './lib.mjs';

const FIRE = 'Kestrel and Marsham Fire and Rescue Service';
const FIRE_LEAD = 'lead.kestrel-marsham-fire@demo.example';
const FIRE_SIGNOFF = 'signoff.kestrel-marsham-fire@demo.example';
const CHILDREN = 'Section 11 organisational self-assessment (children)';

const KESTREL = 'Kestrel Vale Safeguarding Children Partnership';
const MARSHAM = 'Marsham Safeguarding Children Partnership';
const HOLLINBROOK = 'Hollinbrook Safeguarding Partnership';
const ADULTS = 'Kestrel Vale Safeguarding Adults Board';

async function openCheckPage(page, who) {
  await signIn(page, who);
  await openSelfAssessment(page, FIRE, CHILDREN);
  await click(page, page.getByRole('link', { name: 'Check answers, sign off and submit', exact: true }));
  await assertHeading(page, 'Check your answers');
}

/**
 * Answers "Yes" to every yes-or-no question the check page lists as still needed.
 * Other journeys add local questions to Kestrel's open cycles while the suite runs,
 * so the fire service may be asked more than the demo asked it.
 */
async function answerWhatIsStillNeeded(page) {
  for (;;) {
    const needed = page.locator('a[href*="/standards/"][href$="-value"]');
    if ((await needed.count()) === 0) return;
    const href = await needed.first().getAttribute('href');
    const field = href.split('#')[1];
    await click(page, needed.first());
    await page.locator(`#${field}`).check();
    await click(page, page.getByRole('button', { name: 'Save and return to the task list', exact: true }));
    await click(page, page.getByRole('link', { name: 'Check answers, sign off and submit', exact: true }));
    await assertHeading(page, 'Check your answers');
  }
}

function partnership(page, name) {
  return page.getByRole('checkbox', { name: new RegExp(`^${name} \\(`) });
}

journey('Where a return goes', ({ javaScript }) => {
  test('the lead sees where the return goes by default, and changes it', async () => {
    const page = await newPage({ javaScript });
    await openCheckPage(page, FIRE_LEAD);
    await answerWhatIsStillNeeded(page);
    await signOut(page);
    await openCheckPage(page, FIRE_SIGNOFF);
    const signOff = page.getByRole('button', { name: 'Sign off the return', exact: true });
    if ((await signOff.count()) > 0) {
      await page.locator('#declaration').check();
      await click(page, signOff);
      await assertSuccessBanner(page, 'The return is signed off');
    }
    await signOut(page);

    await openCheckPage(page, FIRE_LEAD);
    const group = page.getByRole('group', { name: 'Partnerships to send the return to' });
    assert.equal(await group.count(), 1, 'the choice is a fieldset with a legend');
    for (const name of [KESTREL, MARSHAM, HOLLINBROOK]) {
      assert.equal(await partnership(page, name).isChecked(), true, `${name} is ticked by default`);
    }
    assert.equal(await partnership(page, ADULTS).isChecked(), false, 'the adults board is not');

    for (const name of [KESTREL, MARSHAM, HOLLINBROOK]) {
      await partnership(page, name).uncheck();
    }
    const submit = page.getByRole('button', { name: 'Submit the return', exact: true });
    await click(page, submit, { status: 422 });
    assert.deepEqual(await assertErrorSummary(page), ['Select at least one partnership']);
    assert.match(await page.title(), /^Error: /);
    for (const name of [KESTREL, MARSHAM, HOLLINBROOK, ADULTS]) {
      assert.equal(await partnership(page, name).isChecked(), false, `${name} stays as the lead left it`);
    }

    await partnership(page, ADULTS).check();
    await partnership(page, KESTREL).check();
    await click(page, page.getByRole('button', { name: 'Submit the return', exact: true }));
    await assertSuccessBanner(page, `Return submitted to ${ADULTS} and ${KESTREL}.`);
    assert.equal(await page.getByRole('heading', { name: 'Returns submitted', exact: true }).count(), 1);
  });
});
