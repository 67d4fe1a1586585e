// Journey: a partnership admin runs an audit cycle: reads the invitations to run a
// cycle with another partnership, the demo's open cycle and its dashboard, opens a
// new cycle (first with mistakes, which keep what was typed), invites organisations
// and records a non-submission; the police lead sees the request on the
// self-assessments page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  POLICE_ORGANISATION,
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

journey('Running an audit cycle', ({ javaScript }) => {
  test('an admin reads the open cycle and its dashboard', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
    await assertHeading(page, 'Audit cycles');
    await click(page, page.getByRole('link', { name: 'Invitations to run a cycle together', exact: true }));
    await assertHeading(page, 'Invitations to run a cycle together');
    await click(page, page.getByRole('link', { name: /^Back to/ }));
    await click(page, page.getByRole('link', { name: 'Section 11 audit 2027' }).first());
    await assertHeading(page, 'Section 11 audit 2027');
    assert.ok((await page.getByRole('cell', { name: POLICE_ORGANISATION }).count()) > 0, 'the police are invited');
    await click(page, page.getByRole('link', { name: /^Dashboard/ }));
    await assertHeading(page, 'Dashboard');
    assert.ok((await page.getByText(/of invited organisations have submitted/).count()) > 0);
    await click(page, page.getByRole('link', { name: /^Back to/ }));
    await click(page, page.getByRole('link', { name: /^Reminders sent/ }));
    await assertHeading(page, 'Reminders');
    await click(page, page.getByRole('link', { name: /^Back to/ }));
    await click(page, page.getByRole('link', { name: /^Record non-submission/ }).first());
    await assertHeading(page, 'Record a non-submission');
  });

  test('an admin opens a new cycle and invites organisations', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
    await click(page, page.getByRole('button', { name: 'Open a new cycle', exact: true }));
    await assertHeading(page, 'Open an audit cycle');

    const name = unique('Spring review');
    await page.getByLabel('Name of the cycle').fill(name);
    await page.locator('#opens_on-day').fill('10');
    await page.locator('#opens_on-month').fill('1');
    await page.locator('#opens_on-year').fill('2027');
    await click(page, page.getByRole('button', { name: 'Continue to invite organisations' }), { status: 422 });
    await assertErrorSummary(page);
    assert.equal(await page.getByLabel('Name of the cycle').inputValue(), name, 'what was typed is kept');

    const children = await page.locator('#framework option', { hasText: 'Section 11 organisational self-assessment (children)' }).first().getAttribute('value');
    await page.locator('#framework').selectOption(children);
    await page.locator('#due_on-day').fill('31');
    await page.locator('#due_on-month').fill('3');
    await page.locator('#due_on-year').fill('2027');
    await click(page, page.getByRole('button', { name: 'Continue to invite organisations' }));
    await assertHeading(page, 'Invite organisations');
    await assertSuccessBanner(page, name);

    await page.getByRole('checkbox', { name: 'Statutory', exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Tick the matching organisations' }));
    await assertHeading(page, 'Invite organisations');
    await click(page, page.getByRole('button', { name: 'Invite and email the ticked organisations' }));
    await assertHeading(page, name);
    await assertSuccessBanner(page, 'invited');
  });

  test('the police lead sees the return asked for', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await openFromHome(page, POLICE_ORGANISATION);
    await click(page, page.getByRole('link', { name: 'Self-assessments', exact: true }));
    assert.ok((await page.getByText('Returns asked for').count()) > 0);
    assert.ok((await page.getByText('Section 11 audit 2027').count()) > 0);
  });
});
