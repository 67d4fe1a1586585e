// Journey: the Kestrel admin schedules an assurance meeting with the police for the
// 2027 audit (first with nothing filled in), with a panel member and an independent
// scrutineer; adds a question, marks the meeting held, records the answer and outcome,
// agrees an action and finalises the record after confirming. The police's
// safeguarding lead then reads the record, comments on it, and finds the action in
// the force's action plan, marked as agreed at the meeting.

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
  pathOf,
  signIn,
  unique,
  visit,
} from './lib.mjs';

journey('Assurance meetings', ({ javaScript }) => {
  let meetingPath;
  const action = unique('Brief every response officer on the review');

  test('the admin schedules a meeting, records it and finalises the record', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
    await click(page, page.getByRole('link', { name: 'Section 11 audit 2027' }).first());
    await click(page, page.getByRole('link', { name: 'Assurance meetings with organisations' }));
    await assertHeading(page, 'Assurance meetings');
    await click(page, page.getByRole('button', { name: 'Schedule meetings' }));
    await assertHeading(page, 'Schedule assurance meetings');
    await click(page, page.getByRole('button', { name: 'Schedule', exact: true }), { status: 422 });
    await assertErrorSummary(page);

    await page.getByLabel('One organisation', { exact: true }).check();
    await page.getByLabel('Organisation (for one meeting)').selectOption({ label: POLICE_ORGANISATION });
    await page.getByLabel('Day', { exact: true }).fill('12');
    await page.getByLabel('Month', { exact: true }).fill('5');
    await page.getByLabel('Year', { exact: true }).fill('2027');
    await page.getByLabel(/^Marguerite Ashdown/).check();
    const scrutineer = unique('Dr Ann Lee');
    await page.getByLabel(/^Panel members from outside the partnership/).fill(`${scrutineer}, Independent scrutineer`);
    await click(page, page.getByRole('button', { name: 'Schedule', exact: true }));
    await assertHeading(page, `Assurance meeting with ${POLICE_ORGANISATION}`);
    await assertSuccessBanner(page, 'Meeting scheduled');
    meetingPath = pathOf(page);
    assert.match(meetingPath, /^\/meetings\/\d+$/);
    assert.ok((await page.getByText(`${scrutineer}, Independent scrutineer`).count()) > 0, 'the panel is shown');
    assert.ok((await page.getByText(/^Introductions/).count()) > 0, 'the agenda is drafted');

    await page.locator('summary', { hasText: 'Add a question' }).click();
    await page.getByLabel('Panel', { exact: true }).check();
    const question = unique('How do officers share concerns out of hours?');
    await page.getByLabel('Question', { exact: true }).fill(question);
    await click(page, page.getByRole('button', { name: 'Add the question' }));
    await assertSuccessBanner(page, 'Question added');
    assert.ok((await page.getByText(question).count()) > 0);

    await click(page, page.getByRole('button', { name: 'Mark as held' }));
    await assertSuccessBanner(page, 'Marked as held');
    await page.getByLabel('Notes of the meeting').fill('The force talked the panel through its training figures.');
    await page.getByLabel('What the organisation said to question 1').fill('A duty sergeant reviews every concern each shift.');
    await page.getByLabel('Partly assured', { exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Save the record' }));
    await assertSuccessBanner(page, 'Record saved');

    await page.getByLabel('What will be done').fill(action);
    await page.getByLabel('Who leads it').fill('Head of public protection');
    await page.getByLabel('Day', { exact: true }).fill('30');
    await page.getByLabel('Month', { exact: true }).fill('9');
    await page.getByLabel('Year', { exact: true }).fill('2027');
    await click(page, page.getByRole('button', { name: 'Agree the action' }));
    await assertSuccessBanner(page, 'Action agreed and added to the action plan');
    assert.ok((await page.getByRole('cell', { name: action }).count()) > 0, 'the action is listed');

    await click(page, page.getByRole('button', { name: 'Finalise record' }));
    await assertHeading(page, 'Are you sure you want to finalise the record?');
    await click(page, page.getByRole('button', { name: 'Yes, finalise the record' }));
    await assertSuccessBanner(page, 'Record finalised');
    assert.ok((await page.getByText('This record is final.').count()) > 0);
    assert.equal(await page.getByRole('button', { name: 'Save the record' }).count(), 0, 'nothing edits it now');
  });

  test("the police's lead reads the record, comments, and finds the action in the plan", async () => {
    assert.ok(meetingPath, 'the meeting was scheduled in the test before');
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await openFromHome(page, POLICE_ORGANISATION);
    await click(page, page.getByRole('link', { name: 'Assurance meetings with partnerships' }));
    await assertHeading(page, 'Assurance meetings');
    await visit(page, meetingPath);
    await assertHeading(page, `Assurance meeting with ${POLICE_ORGANISATION}`);
    assert.ok((await page.getByText('A duty sergeant reviews every concern each shift.').count()) > 0);
    const comment = unique('We will report on the briefings in the autumn');
    await page.getByLabel('Add a comment').fill(comment);
    await click(page, page.getByRole('button', { name: 'Add the comment' }));
    await assertSuccessBanner(page, 'Comment added');
    assert.ok((await page.getByText(comment).count()) > 0);
    assert.ok((await page.getByText('(added after the record was finalised)').count()) > 0);
    await click(page, page.getByRole('link', { name: 'Your action plan' }));
    const row = page.getByRole('row').filter({ hasText: action });
    assert.equal(await row.count(), 1, 'the agreed action is in the plan');
    assert.ok((await row.getByText(/^Agreed at the assurance meeting of 12 May 2027/).count()) > 0);
  });
});
