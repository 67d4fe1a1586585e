// Journey: the senior sign-off reads the check page before signing off: each
// standard is a section holding every question asked of the organisation with its
// answer in words and its narrative evidence. With JavaScript the sections collapse
// (the GOV.UK accordion, with "Show all sections"); without it every section is open.
// Every page is scanned with axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POLICE_ORGANISATION, assertHeading, click, demo, journey, newPage, openSelfAssessment, signIn } from './lib.mjs';

const CHILDREN = 'Section 11 organisational self-assessment (children)';

async function openCheckPage(page, who) {
  await signIn(page, who);
  await openSelfAssessment(page, POLICE_ORGANISATION, CHILDREN);
  await click(page, page.getByRole('link', { name: 'Check answers, sign off and submit', exact: true }));
  await assertHeading(page, 'Check your answers');
}

journey('Sign-off', ({ javaScript }) => {
  test('the check page shows every answer and narrative, a section per standard', async () => {
    const page = await newPage({ javaScript });
    await openCheckPage(page, demo.seniorSignOff);

    const main = page.getByRole('main');
    assert.equal(
      await main.getByRole('heading', { name: 'Every answer and its evidence', exact: true }).count(),
      1,
      'the answers have their own heading',
    );
    const sections = page.locator('#answers .govuk-accordion__section');
    const standards = page.locator('.govuk-summary-list').first().locator('.govuk-summary-list__row');
    const count = await sections.count();
    assert.ok(count > 1, 'one section per standard');
    assert.equal(count, await standards.count(), 'as many sections as standings listed above');

    const firstContent = page.locator('#answers-content-1');
    const questions = firstContent.locator('h4');
    assert.ok((await questions.count()) > 0, 'the first standard lists its questions');
    assert.ok((await firstContent.getByText('Narrative evidence', { exact: true }).count()) > 0);
    assert.ok((await firstContent.getByText('Answer', { exact: true }).count()) > 0);

    if (javaScript) {
      // Collapsed until opened; "Show all sections" opens every one.
      assert.equal(await questions.first().isVisible(), false, 'sections start closed with JavaScript');
      const showAll = page.getByRole('button', { name: /^Show all sections/ });
      assert.equal(await showAll.count(), 1);
      await click(page, showAll);
      await questions.first().waitFor({ state: 'visible' });
      const last = page.locator(`#answers-content-${count}`);
      assert.equal(await last.isVisible(), true, 'every section is open after "Show all sections"');
      assert.equal(await page.getByRole('button', { name: /^Hide all sections/ }).count(), 1);
    } else {
      // Without JavaScript every section is open: nothing is hidden from the reader.
      for (let index = 1; index <= count; index += 1) {
        assert.equal(await page.locator(`#answers-content-${index}`).isVisible(), true, `section ${index} is open`);
      }
      assert.equal(await questions.first().isVisible(), true);
    }

    // The standings and the sign-off section are still on the page.
    assert.ok((await main.getByRole('heading', { name: 'Sign off and submit', exact: true }).count()) === 1);
  });

  test('the safeguarding lead reads the same answers on the check page', async () => {
    const page = await newPage({ javaScript });
    await openCheckPage(page, demo.safeguardingLead);
    assert.ok((await page.locator('#answers .govuk-accordion__section').count()) > 1);
    // The police return is not complete in the demo, so there is nothing to ask yet.
    if ((await page.getByText('Answers still needed', { exact: true }).count()) > 0) {
      assert.equal(await page.getByRole('button', { name: 'Ask for sign-off', exact: true }).count(), 0);
    }
  });
});
