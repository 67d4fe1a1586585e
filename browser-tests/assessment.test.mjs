// Journey: a safeguarding lead starts a self-assessment, answers a standard (first
// with a mistake, which keeps what was typed), and sees the task list and history.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  POLICE_ORGANISATION,
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  click,
  demo,
  journey,
  newPage,
  openFromHome,
  openSelfAssessment,
  signIn,
  unique,
  visit,
} from './lib.mjs';

const CHILDREN = 'Section 11 organisational self-assessment (children)';
const SHORT = 'Keeping children safe: short self-assessment for small groups';

journey('Completing a self-assessment', ({ javaScript }) => {
  test('a lead answers a standard and sees it on the task list and in the history', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await openSelfAssessment(page, POLICE_ORGANISATION, CHILDREN);
    await assertHeading(page, 'Section 11 organisational self-assessment (children)');

    await click(page, page.getByRole('link', { name: /^1\. / }).first());
    const first = page.locator('.osa-criterion').first();
    const evidence = unique('Our board receives a safeguarding report every quarter');
    await first.getByRole('radio', { name: 'Met', exact: true }).check();
    await first.getByLabel(/^Narrative evidence/).fill(evidence);
    if (javaScript) {
      // Autosave: the answer is saved a moment after typing stops, and the page says so.
      await first.locator('.osa-autosave-status').filter({ hasText: /^Saved/ }).waitFor({ timeout: 15000 });
    }

    // A percentage over 100 somewhere on the page is refused, and nothing typed is lost.
    const percentage = page.locator('.govuk-input__wrapper input').first();
    if ((await percentage.count()) > 0) {
      await percentage.fill('150');
      await click(page, page.getByRole('button', { name: 'Save and return to the task list' }), { status: 422 });
      await assertErrorSummary(page);
      assert.equal(await page.locator('.osa-criterion').first().getByLabel(/^Narrative evidence/).inputValue(), evidence);
      await page.locator('.govuk-input__wrapper input').first().fill('95');
    }
    await click(page, page.getByRole('button', { name: 'Save and return to the task list' }));
    await assertSuccessBanner(page, 'Saved');

    await click(page, page.getByRole('link', { name: 'History of changes', exact: true }));
    await assertHeading(page, 'History of changes');
    assert.ok((await page.getByText(evidence).count()) > 0, 'the change is in the history');
  });

  test('a lead adds an action to the plan by hand', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await openSelfAssessment(page, POLICE_ORGANISATION, CHILDREN);
    const taskList = new URL(page.url()).pathname;
    await click(page, page.getByRole('link', { name: 'Check answers, sign off and submit', exact: true }));
    await assertHeading(page, 'Check your answers');
    assert.ok((await page.getByText('Answers still needed').count()) > 0, 'an unfinished assessment lists what is missing');
    await visit(page, taskList);
    await click(page, page.getByRole('link', { name: 'Share standards with contributors', exact: true }));
    await assertHeading(page, 'Share standards with contributors');
    await visit(page, taskList);
    await click(page, page.getByRole('link', { name: 'Action plan', exact: true }));
    await assertHeading(page, 'Action plan');
    await click(page, page.getByRole('button', { name: 'Add an action', exact: true }));
    await click(page, page.getByRole('button', { name: 'Save action', exact: true }), { status: 422 });
    await assertErrorSummary(page);
    const what = unique('Run a safeguarding refresher for custody staff');
    await page.getByLabel('What will be done', { exact: true }).fill(what);
    await page.getByLabel('Responsible lead', { exact: true }).fill('Head of custody');
    await page.getByLabel('Day', { exact: true }).fill('30');
    await page.getByLabel('Month', { exact: true }).fill('6');
    await page.getByLabel('Year', { exact: true }).fill('2027');
    await click(page, page.getByRole('button', { name: 'Save action', exact: true }));
    await assertSuccessBanner(page, 'Action added');
    assert.ok((await page.getByText(what).count()) > 0);
  });

  test('a contributor can read the short framework list but not start one', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.contributor);
    await openFromHome(page, POLICE_ORGANISATION);
    await click(page, page.getByRole('link', { name: 'Self-assessments', exact: true }));
    assert.equal(await page.getByRole('button', { name: new RegExp(`^Start ${SHORT}`) }).count(), 0);
  });
});
