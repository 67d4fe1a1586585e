// Journey: the analyst writes a section of the 2027 board report and a standard's
// findings (first too long, which keeps what was typed), previews the report, opens
// the web version and downloads it as DOCX and PDF; the finalised 2025 report says
// when it was finalised and offers no way to change it. Every page is scanned by axe.

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
  visit,
} from './lib.mjs';

async function openReport(page, cycle) {
  await openFromHome(page, KESTREL_PARTNERSHIP);
  await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
  await click(page, page.getByRole('link', { name: cycle }).first());
  await assertHeading(page, cycle);
  await click(page, page.getByRole('link', { name: /^Board report/ }));
  await assertHeading(page, 'Board report');
}

journey('Board report', ({ javaScript }) => {
  test('the analyst writes a section and findings, previews and downloads the report', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openReport(page, 'Section 11 audit 2027');
    const reportPath = new URL(page.url()).pathname;

    await click(page, page.getByRole('link', { name: 'Change Recommendations' }));
    await assertHeading(page, 'Recommendations');
    const words = unique('Every agency reports its supervision figures');
    await page.getByLabel('Recommendations').fill(words);
    await click(page, page.getByRole('button', { name: 'Save the section' }));
    await assertSuccessBanner(page, 'Recommendations saved');

    await click(page, page.getByRole('link', { name: /^Write the findings for 1\./ }));
    assert.ok((await page.locator('#standard-figures').innerText()).includes('for whom this standard applies'));
    await page.getByLabel('Strengths').fill('x'.repeat(20001));
    await click(page, page.getByRole('button', { name: 'Save and continue' }), { status: 422 });
    const errors = await assertErrorSummary(page);
    assert.ok(errors.some((e) => e.includes('characters or fewer')), errors.join(' | '));
    await page.getByLabel('Strengths').fill('Boards name a lead.');
    await page.getByLabel('Areas for development').fill('Deputies are missing in small groups.');
    await click(page, page.getByRole('button', { name: 'Save and continue' }));
    await assertSuccessBanner(page, 'Findings for 1.');

    await visit(page, reportPath);
    await click(page, page.getByRole('link', { name: 'Preview the whole report' }));
    assert.ok((await page.content()).includes(words), 'the preview carries the words');
    assert.ok((await page.getByText('Strengths: Boards name a lead.').count()) > 0);

    for (const [suffix, type] of [
      ['.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['.pdf', 'application/pdf'],
    ]) {
      const file = await page.request.get(`${reportPath}${suffix}`);
      assert.equal(file.status(), 200, suffix);
      assert.equal(file.headers()['content-type'], type);
      assert.ok((await file.body()).length > 1000, `${suffix} has content`);
    }
    await visit(page, `${reportPath}.html`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en-GB');
    assert.ok((await page.content()).includes(words));
  });

  test('the finalised 2025 report says when and cannot be changed', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openReport(page, 'Section 11 audit 2025');
    const status = await page.locator('#report-status').innerText();
    assert.match(status, /Finalised on .* figures as at /);
    assert.equal(await page.getByRole('main').getByRole('link', { name: /^Change / }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Finalise the report' }).count(), 0);
    await click(page, page.getByRole('link', { name: 'Preview the whole report' }));
    assert.ok((await page.getByText('Agree one multi-agency neglect strategy').count()) > 0);
  });
});
