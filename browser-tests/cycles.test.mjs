// Journey: a partnership admin runs an audit cycle: reads the invitations to run a
// cycle with another partnership, the demo's open cycle and its dashboard, adds a
// local question and opens a new cycle (first with mistakes, which keep what was
// typed; after "Yes", a different framework for one sector on the next page; the new
// question ticked on the last step), invites organisations and records a non-submission; the
// police lead sees the request on the self-assessments page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  POLICE_ORGANISATION,
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  chooseChildrensFramework,
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
    // A local question added now is ticked on the new cycle's second step.
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Local questions', exact: true }));
    const question = `${unique('Do volunteers know the escalation route')}?`;
    await page.getByLabel('Where does it go?', { exact: true }).selectOption('s11-children|1');
    await page.getByLabel('Question', { exact: true }).fill(question);
    await page.getByRole('group', { name: 'How is it answered?' }).getByRole('radio', { name: 'Yes or no', exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Add question', exact: true }));
    await assertSuccessBanner(page, 'Local question');

    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
    await click(page, page.getByRole('button', { name: 'Open a new cycle', exact: true }));
    await assertHeading(page, 'Open an audit cycle');
    // A children's partnership is offered no adults' framework.
    assert.equal(await page.getByRole('radio', { name: /\(adults\)/ }).count(), 0);

    const name = unique('Spring review');
    await page.getByLabel('Name of the cycle').fill(name);
    await page.locator('#opens_on-day').fill('10');
    await page.locator('#opens_on-month').fill('1');
    await page.locator('#opens_on-year').fill('2027');
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }), { status: 422 });
    await assertErrorSummary(page);
    assert.equal(await page.getByLabel('Name of the cycle').inputValue(), name, 'what was typed is kept');

    await chooseChildrensFramework(page);
    // After "Yes", small voluntary groups are given the short version on the next page.
    await page.getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.locator('#due_on-day').fill('31');
    await page.locator('#due_on-month').fill('3');
    await page.locator('#due_on-year').fill('2027');
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    await assertHeading(page, 'Which sectors need a different framework?');
    const sector = page.getByLabel('Voluntary and community', { exact: true });
    assert.equal(await sector.locator('option', { hasText: '(adults)' }).count(), 0, 'only children\'s frameworks');
    await sector.selectOption(await sector.locator('option', { hasText: 'short self-assessment' }).getAttribute('value'));
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    await assertHeading(page, 'Which local questions does this cycle ask?');
    assert.ok(await page.getByRole('checkbox', { name: question }).isChecked(), 'a question added since the last cycle starts ticked');
    await click(page, page.getByRole('button', { name: 'Open the cycle', exact: true }));
    await assertHeading(page, 'Invite organisations');
    await assertSuccessBanner(page, name);

    await page.getByRole('checkbox', { name: 'Statutory', exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Tick the matching organisations' }));
    await assertHeading(page, 'Invite organisations');
    await click(page, page.getByRole('button', { name: 'Invite and email the ticked organisations' }));
    await assertHeading(page, name);
    await assertSuccessBanner(page, 'invited');
    assert.ok((await page.getByText(question).count()) > 0, 'the cycle asks the question');
    assert.ok((await page.getByText(/^Voluntary and community: Keeping children safe/).count()) > 0);
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
