// Journey: the practitioner survey. A partnership admin reads the demo's survey, its
// links and results (figures, a flag, groups too small to show, and how many response
// codes were issued and used), opens a new survey (first with a mistake) and closes
// it; the police lead issues response codes for their practitioners (first with a
// mistake), and a practitioner answers with one without signing in, once.

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
  visit,
} from './lib.mjs';

const CYCLE = 'Section 11 audit 2027';
const SURVEY = 'Practitioner survey 2027';

async function openCycle(page) {
  await openFromHome(page, KESTREL_PARTNERSHIP);
  await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
  await click(page, page.getByRole('link', { name: CYCLE }).first());
  await assertHeading(page, CYCLE);
}

journey('Practitioner survey', ({ javaScript }) => {
  test('an admin reads the survey, its links and its results', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openCycle(page);
    await click(page, page.getByRole('link', { name: /^Dashboard/ }));
    await click(page, page.getByRole('link', { name: 'Practitioner surveys beside self-ratings' }));
    await assertHeading(page, 'Practitioner surveys');
    await click(page, page.getByRole('link', { name: SURVEY, exact: true }));
    await assertHeading(page, SURVEY);
    assert.ok((await page.getByRole('cell', { name: POLICE_ORGANISATION }).count()) > 0, 'every organisation has a link');
    await click(page, page.getByRole('link', { name: /^Results/ }));
    await assertHeading(page, `Results: ${SURVEY}`);
    assert.ok((await page.getByText('Not enough responses to show').count()) > 0, 'small groups are hidden');
    assert.ok((await page.getByText('Large difference', { exact: true }).count()) > 0, 'a difference is flagged');
    assert.ok((await page.getByText(/\d+ codes issued, \d+ used/).count()) > 0, 'codes issued and used are counted');
  });

  test('an admin opens a survey and closes it', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openCycle(page);
    await click(page, page.getByRole('link', { name: /^Practitioner surveys/ }));
    await click(page, page.getByRole('button', { name: 'Open a survey', exact: true }));
    await assertHeading(page, 'Open a practitioner survey');
    assert.notEqual(await page.locator('#q1-wording').inputValue(), '', 'a suggested set is offered');

    await page.getByLabel('Title', { exact: true }).fill('');
    await click(page, page.getByRole('button', { name: 'Open the survey' }), { status: 422 });
    const errors = await assertErrorSummary(page);
    assert.ok(errors.includes('Enter a title for the survey'), errors.join('; '));

    const title = unique('Staff survey');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await click(page, page.getByRole('button', { name: 'Open the survey' }));
    await assertHeading(page, title);
    await assertSuccessBanner(page, title);
    await click(page, page.getByRole('button', { name: 'Close the survey' }));
    await assertSuccessBanner(page, 'is closed');
    assert.equal(await page.getByRole('button', { name: 'Close the survey' }).count(), 0);
  });

  test('the lead issues response codes and a practitioner answers once with one', async () => {
    const lead = await newPage({ javaScript });
    await signIn(lead, demo.safeguardingLead);
    await openFromHome(lead, POLICE_ORGANISATION);
    await click(lead, lead.getByRole('link', { name: 'Self-assessments', exact: true }));
    assert.ok((await lead.getByRole('heading', { name: 'Practitioner surveys' }).count()) > 0);
    await click(lead, lead.getByRole('link', { name: `Response codes for ${SURVEY}` }));
    await assertHeading(lead, `Response codes: ${SURVEY}`);
    await lead.getByLabel('How many more codes do you need?').fill('0');
    await click(lead, lead.getByRole('button', { name: 'Issue codes' }), { status: 422 });
    const errors = await assertErrorSummary(lead);
    assert.ok(errors.some((e) => e.includes('from 1 to 500')), errors.join('; '));
    await lead.getByLabel('How many more codes do you need?').fill('2');
    await click(lead, lead.getByRole('button', { name: 'Issue codes' }));
    await assertHeading(lead, `Response codes: ${SURVEY}`);
    assert.ok((await lead.getByText('These codes are shown only once').count()) > 0);
    const codeLink = (await lead.locator('td', { hasText: '/survey/' }).first().innerText()).trim();

    const practitioner = await newPage({ javaScript });
    await visit(practitioner, new URL(codeLink).pathname);
    await assertHeading(practitioner, SURVEY);
    assert.equal(await practitioner.getByRole('button', { name: 'Sign out' }).count(), 0, 'not signed in');
    assert.notEqual(await practitioner.getByLabel('Your response code').inputValue(), '', 'the code is filled in');
    await click(practitioner, practitioner.getByRole('button', { name: 'Send answers' }), { status: 422 });
    await assertErrorSummary(practitioner);
    const yes = practitioner.getByRole('radio', { name: 'Yes', exact: true });
    const notSure = practitioner.getByRole('radio', { name: 'Not sure', exact: true });
    const questions = await yes.count();
    assert.ok(questions >= 3);
    const answerAll = async () => {
      for (let i = 0; i < questions; i += 1) {
        await (i % 2 === 0 ? yes : notSure).nth(i).check();
      }
    };
    await answerAll();
    await click(practitioner, practitioner.getByRole('button', { name: 'Send answers' }));
    await assertHeading(practitioner, 'Answers sent');

    // The same code a second time answers nothing, and says why.
    await visit(practitioner, new URL(codeLink).pathname);
    await answerAll();
    await click(practitioner, practitioner.getByRole('button', { name: 'Send answers' }), { status: 422 });
    const used = await assertErrorSummary(practitioner);
    assert.ok(used.some((e) => e.includes('already been used')), used.join('; '));
  });
});
