// Journey: a panel member reads a submitted return of the Kestrel 2027 audit and
// challenges an answer (first with an empty message), and says another narrative
// describes activity, not impact; an analyst asks for changes;
// the council's safeguarding lead answers from the organisation's list and marks
// the challenge resolved; the admin reads the counts per organisation.

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

// The demo challenges this council's return (see `demo/challenges.rs`).
const COUNCIL = 'Kestrel Vale Council';
const COUNCIL_LEAD = 'lead.kestrel-vale-council@demo.example';

/** From Home to the council's return, through the cycle's challenges page. */
async function openCouncilReturn(page) {
  await openFromHome(page, KESTREL_PARTNERSHIP);
  await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
  await click(page, page.getByRole('link', { name: 'Section 11 audit 2027' }).first());
  await click(page, page.getByRole('link', { name: /^Challenges and requests for changes/ }));
  await assertHeading(page, 'Challenges and requests for changes');
  await click(page, page.getByRole('link', { name: new RegExp(`^${COUNCIL}`) }));
  await assertHeading(page, `${COUNCIL}: Section 11 organisational self-assessment (children) return`);
}

journey('Reading and challenging a return', ({ javaScript }) => {
  test('a panel member challenges an answer', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.panelMember);
    await openCouncilReturn(page);
    assert.ok((await page.getByText('Narrative evidence').count()) > 0, 'the answers are shown');
    assert.equal(
      await page.getByRole('button', { name: 'Request changes to this return' }).count(),
      0,
      'a panel member does not ask for changes',
    );
    await click(page, page.getByRole('link', { name: /^Comment or challenge/ }).first());
    await assertHeading(page, /^\d/);
    await click(page, page.getByRole('button', { name: 'Add it' }), { status: 422 });
    await assertErrorSummary(page);
    const text = unique('How is this checked? <b>now</b>');
    await page.getByLabel('Your comment or challenge').fill(text);
    await click(page, page.getByRole('button', { name: 'Add it' }));
    await assertHeading(page, `Challenge from ${KESTREL_PARTNERSHIP}`);
    await assertSuccessBanner(page, 'Your challenge is added');
    assert.ok((await page.getByText(text).count()) > 0, 'the message is shown as typed');
  });

  test('a panel member says a narrative describes activity, not impact', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.panelMember);
    await openCouncilReturn(page);
    await click(page, page.getByRole('link', { name: /^Comment or challenge/ }).first());
    await page.getByLabel('Your comment or challenge').fill(unique('What changed for children?'));
    await page.getByLabel('The narrative describes activity, not impact').check();
    await page.getByLabel(/^A comment/).check();
    await click(page, page.getByRole('button', { name: 'Add it' }), { status: 422 });
    await assertErrorSummary(page);
    await page.getByLabel(/^A challenge/).check();
    await click(page, page.getByRole('button', { name: 'Add it' }));
    await assertHeading(page, `Challenge from ${KESTREL_PARTNERSHIP}`);
    assert.ok(
      (await page.getByText(/says your narrative describes activity, not impact/).count()) > 0,
      'the thread asks for impact',
    );
  });

  test('an analyst asks for changes to the whole return', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openCouncilReturn(page);
    await click(page, page.getByRole('button', { name: 'Request changes to this return' }));
    await assertHeading(page, 'Request changes to this return');
    await page.getByLabel('What should change, and why?').fill(unique('Please add the audit of supervision'));
    await click(page, page.getByRole('button', { name: 'Send the request' }));
    await assertHeading(page, `Request for changes from ${KESTREL_PARTNERSHIP}`);
  });

  test('the council lead answers and marks it resolved', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, COUNCIL_LEAD);
    await openFromHome(page, COUNCIL);
    await click(page, page.getByRole('link', { name: /^Challenges and requests for changes from partnerships/ }));
    await assertHeading(page, 'Challenges and requests for changes');
    await page.getByLabel('Your answer').first().fill(unique('We check it every quarter'));
    await click(page, page.getByRole('button', { name: /^Send answer/ }).first());
    await assertSuccessBanner(page, 'Your answer is sent');
    await click(page, page.getByRole('link', { name: /^Open this thread/ }).first());
    await click(page, page.getByRole('button', { name: 'Mark resolved' }));
    await assertSuccessBanner(page, 'Marked resolved');
    assert.ok((await page.getByText('Resolved', { exact: true }).count()) > 0);
  });
});
