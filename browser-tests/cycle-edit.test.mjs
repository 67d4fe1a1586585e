// Journey: a partnership admin corrects and closes an audit cycle. The test opens a
// cycle of its own (never the demo's, which other journeys need open), moves its due
// date into the past, which asks for confirmation first (Change keeps what was typed,
// Continue saves), then closes it after the "Are you sure" page: the closed cycle
// says so and offers no more changes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  chooseChildrensFramework,
  click,
  continueToInvite,
  demo,
  journey,
  newPage,
  openFromHome,
  signIn,
  unique,
} from './lib.mjs';

/** A date `days` from today (negative for the past), as the three date fields. */
function daysFromToday(days) {
  const d = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

async function fillDate(page, id, { day, month, year }) {
  await page.locator(`#${id}-day`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}

/** Opens a cycle of the Kestrel partnership and ends on its page. */
async function openCycle(page, name) {
  await openFromHome(page, KESTREL_PARTNERSHIP);
  await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
  await click(page, page.getByRole('button', { name: 'Open a new cycle', exact: true }));
  await page.getByLabel('Name of the cycle').fill(name);
  await chooseChildrensFramework(page);
  // Opened after the demo's 2027 audit (a month ago), so that audit's dashboard still
  // compares with 2025 rather than with this cycle, which other tests rely on.
  await fillDate(page, 'opens_on', daysFromToday(-10));
  await fillDate(page, 'due_on', daysFromToday(30));
  await continueToInvite(page);
  await assertHeading(page, 'Invite organisations');
  await click(page, page.getByRole('link', { name: `Back to ${name}` }));
  await assertHeading(page, name);
}

journey('Correcting and closing an audit cycle', ({ javaScript }) => {
  test('an admin moves the due date into the past, confirms, then closes the cycle', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    const name = unique('Cycle to correct');
    await openCycle(page, name);

    await click(page, page.getByRole('link', { name: /^Change the name and dates/ }));
    await assertHeading(page, /^Change the name(,| and) dates/);
    assert.equal(await page.getByLabel('Name of the cycle').inputValue(), name, 'the form shows the cycle');

    // A mistake first: the error summary, and what was typed is kept.
    await page.getByLabel('Name of the cycle').fill('');
    await click(page, page.getByRole('button', { name: 'Save changes' }), { status: 422 });
    await assertErrorSummary(page);

    const renamed = `${name} (corrected)`;
    const past = daysFromToday(-5);
    await page.getByLabel('Name of the cycle').fill(renamed);
    await fillDate(page, 'due_on', past);
    await click(page, page.getByRole('button', { name: 'Save changes' }));
    await assertHeading(page, 'The due date is in the past');
    assert.ok((await page.getByText('Invited organisations will be shown as overdue.').count()) > 0);

    // Change goes back to the form with the past date still typed; nothing is saved.
    await click(page, page.getByRole('button', { name: 'Change', exact: true }));
    await assertHeading(page, /^Change the name(,| and) dates/);
    assert.equal(await page.locator('#due_on-day').inputValue(), past.day);
    assert.equal(await page.getByLabel('Name of the cycle').inputValue(), renamed);

    await click(page, page.getByRole('button', { name: 'Save changes' }));
    await assertHeading(page, 'The due date is in the past');
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    await assertHeading(page, renamed);
    await assertSuccessBanner(page, `${renamed} is updated`);

    await click(page, page.getByRole('button', { name: 'Close this cycle' }));
    await assertHeading(page, `Are you sure you want to close ${renamed}?`);
    await click(page, page.getByRole('button', { name: 'Yes, close the cycle' }));
    await assertHeading(page, renamed);
    await assertSuccessBanner(page, 'is closed');
    assert.ok((await page.getByText(/This cycle closed on .*; it can be read but not changed\./).count()) > 0);
    assert.equal(await page.getByRole('link', { name: /^Change the name and dates/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Close this cycle' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Invite organisations' }).count(), 0);
  });
});
