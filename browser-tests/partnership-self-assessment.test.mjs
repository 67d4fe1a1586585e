// Journey: a partnership admin starts the partnership's own self-assessment from the
// partnership's page, answers every theme on the same pages organisations use, and
// signs it off; the signed-off version is kept on the check page to download, and
// nothing is submitted. Every page is scanned with axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  assertHeading,
  assertSuccessBanner,
  click,
  demo,
  journey,
  newPage,
  openFromHome,
  signIn,
} from './lib.mjs';

const FRAMEWORK = 'Safeguarding partnership self-assessment';

journey('Partnership self-assessment', ({ javaScript }) => {
  test('a partnership admin starts, answers and signs off the partnership’s own self-assessment', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: "The partnership's own self-assessment", exact: true }));
    await assertHeading(page, "The partnership's own self-assessment");
    const start = page.getByRole('button', { name: `Start the ${FRAMEWORK}` });
    if ((await start.count()) > 0) {
      await click(page, start);
    } else {
      // The other run of this journey started it already.
      await click(page, page.getByRole('link', { name: `Open the ${FRAMEWORK}` }));
    }
    await assertHeading(page, FRAMEWORK);
    assert.equal(
      await page.getByRole('link', { name: 'Check answers, sign off and submit', exact: true }).count(),
      0,
      'the partnership submits nothing',
    );

    const themes = page.locator('.govuk-task-list__link');
    const count = await themes.count();
    assert.equal(count, 6, 'six cross-cutting themes');
    for (let index = 0; index < count; index += 1) {
      await click(page, page.locator('.govuk-task-list__link').nth(index));
      const radios = page.locator('input[type="radio"][value="met"]');
      for (let r = 0; r < (await radios.count()); r += 1) await radios.nth(r).check();
      const numbers = page.locator('input[type="text"][name^="value:"]');
      for (let n = 0; n < (await numbers.count()); n += 1) await numbers.nth(n).fill('90');
      const narratives = page.locator('textarea[name^="narrative:"]');
      for (let n = 0; n < (await narratives.count()); n += 1) {
        await narratives.nth(n).fill('Agreed at the development session. Present: the three partners, the business unit and the scrutineer.');
      }
      await click(page, page.getByRole('button', { name: 'Save and return to the task list', exact: true }));
      await assertHeading(page, FRAMEWORK);
    }

    await click(page, page.getByRole('link', { name: 'Check answers, sign off', exact: true }));
    await assertHeading(page, 'Check your answers');
    assert.equal(await page.getByRole('button', { name: 'Submit the return' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Ask for sign-off' }).count(), 0);
    await page.getByLabel(/I have read this self-assessment/).check();
    await click(page, page.getByRole('button', { name: 'Sign off the return', exact: true }));
    await assertSuccessBanner(page, 'signed off and kept');
    const versions = page.getByRole('heading', { name: 'Signed-off versions', exact: true });
    assert.equal(await versions.count(), 1);
    assert.ok((await page.getByRole('link', { name: /^PDF/ }).count()) > 0, 'a copy to download');
  });
});
