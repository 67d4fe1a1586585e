// Journey: a partnership admin turns a theme of the open audit into a partnership
// action from the themes page (first with mistakes, which keep what was typed), records its progress,
// changes it and filters the cycle's list by lead group and status; an analyst reads
// the closed audit's actions, with the overdue one marked in words.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  click,
  demo,
  journey,
  newPage,
  openFromHome,
  signIn,
  unique,
} from './lib.mjs';

async function openCycle(page, name) {
  await openFromHome(page, KESTREL_PARTNERSHIP);
  await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
  await click(page, page.getByRole('link', { name }).first());
  await assertHeading(page, name);
  await click(page, page.getByRole('link', { name: /^Partnership actions/ }));
  await assertHeading(page, 'Partnership actions');
}

journey('Partnership actions', ({ javaScript }) => {
  test('an admin adds an action to a cycle, records progress and filters the list', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openCycle(page, 'Section 11 audit 2027');
    assert.ok((await page.getByRole('link', { name: 'Audit how agencies record the voice of the child' }).count()) > 0);

    assert.equal(await page.getByRole('button', { name: 'Add a partnership action' }).count(), 1);
    // Start from the theme, as a partnership would.
    await click(page, page.getByRole('link', { name: 'Back to the audit cycle' }));
    await click(page, page.getByRole('link', { name: /^Themes: tagged passages/ }));
    await assertHeading(page, 'Themes in the narrative evidence');
    await click(page, page.getByRole('link', { name: 'Add a partnership action for Neglect' }));
    await assertHeading(page, 'Add a partnership action');
    const title = unique('Run a neglect practice week');
    const group = unique('Neglect task and finish group');
    await page.getByLabel('What will the partnership do?').fill(title);
    await click(page, page.getByRole('button', { name: 'Add the action' }), { status: 422 });
    const errors = await assertErrorSummary(page);
    assert.ok(errors.includes('Enter the subgroup or group that leads the action'), errors.join(' | '));
    assert.equal(await page.getByLabel('What will the partnership do?').inputValue(), title, 'what was typed is kept');

    await page.getByLabel('Lead subgroup or group').fill(group);
    await page.getByLabel('Lead person').fill('Priya Shah');
    await page.locator('#target-day').fill('30');
    await page.locator('#target-month').fill('9');
    await page.locator('#target-year').fill('2031');
    await page.getByLabel('Expected outcome and evidence of impact').fill('Neglect referrals arrive with an assessment.');
    const theme = page.getByLabel('Theme it answers (optional)');
    assert.equal(await theme.locator('option:checked').innerText(), 'Neglect', 'the theme is filled in');
    const source = page.getByLabel('Where the need was seen (optional)');
    assert.equal(await source.locator('option:checked').innerText(), 'Themes found in the returns');
    await click(page, page.getByRole('button', { name: 'Add the action' }));
    await assertHeading(page, title);
    await assertSuccessBanner(page, 'Partnership action added');

    await click(page, page.getByRole('button', { name: 'Add progress' }), { status: 422 });
    const noteErrors = await assertErrorSummary(page);
    assert.deepEqual(noteErrors, ['Enter the progress made']);
    await page.getByLabel('What has happened since the last update?').fill('Speakers booked for every agency.');
    await page.getByRole('radio', { name: 'On track', exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Add progress' }));
    await assertHeading(page, title);
    await assertSuccessBanner(page, 'Progress note added');
    assert.ok((await page.getByText('Status changed from Not started to On track').count()) > 0);
    assert.ok((await page.getByText('Speakers booked for every agency.').count()) > 0);

    await click(page, page.getByRole('button', { name: 'Change the action' }));
    await assertHeading(page, 'Change the partnership action');
    await page.getByLabel('Lead person').fill('Priya Shah, Neglect Lead');
    await click(page, page.getByRole('button', { name: 'Save changes' }));
    await assertHeading(page, title);
    await assertSuccessBanner(page, 'Partnership action saved');
    assert.ok((await page.getByText('Priya Shah, Neglect Lead').count()) > 0);

    await click(page, page.getByRole('link', { name: 'Back to the partnership actions' }));
    await page.getByLabel('Lead group').selectOption(group);
    await page.getByLabel('Status').selectOption({ label: 'On track' });
    await click(page, page.getByRole('button', { name: 'Apply filters' }));
    await assertHeading(page, 'Partnership actions');
    assert.equal(await page.getByRole('table').getByRole('link').count(), 1, 'only the new action matches');
    assert.ok((await page.getByRole('link', { name: title }).count()) === 1);
  });

  test('an analyst reads the closed audit\'s actions, the late one marked overdue', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openCycle(page, 'Section 11 audit 2025');
    assert.equal(await page.getByRole('button', { name: 'Add a partnership action' }).count(), 0, 'an analyst reads only');
    const late = page.getByRole('row').filter({ hasText: 'Make the escalation policy known across every agency' });
    assert.ok((await late.getByText('Overdue', { exact: true }).count()) === 1, 'the late action says it is overdue');
    await page.getByLabel('Status').selectOption({ label: 'Completed' });
    await click(page, page.getByRole('button', { name: 'Apply filters' }));
    assert.equal(await page.getByRole('table').getByRole('link').count(), 2, 'two actions were completed');
    await click(page, page.getByRole('link', { name: /neglect strategy/ }));
    await assertHeading(page, 'Agree a multi-agency neglect strategy and bring in one assessment tool');
    assert.ok((await page.getByText('Status changed from On track to Completed').count()) > 0);
    assert.equal(await page.getByRole('button', { name: 'Add progress' }).count(), 0);
  });
});
