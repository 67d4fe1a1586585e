// Journey: a partnership admin reads their partnership's audit log from the header,
// filters it by kind of record and by date (first with a date that does not exist, which is
// explained and kept), and finds the download link; a safeguarding lead reads their
// organisation's part; an analyst is refused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertErrorSummary, assertHeading, click, demo, journey, newPage, signIn, visit } from './lib.mjs';

journey('Audit log', ({ javaScript }) => {
  test('a partnership admin filters their audit log and finds the download', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await click(page, page.getByRole('link', { name: 'Audit log', exact: true }));
    await assertHeading(page, 'Audit log');
    assert.ok((await page.getByRole('row').count()) > 1, 'the demo made entries about the partnership');

    await page.locator('#from-day').fill('31');
    await page.locator('#from-month').fill('2');
    await page.locator('#from-year').fill('2027');
    await click(page, page.getByRole('button', { name: 'Apply filters' }), { status: 422 });
    const errors = await assertErrorSummary(page);
    assert.ok(errors.includes('The date to start from must be a real date, like 31 3 2027'), errors.join(' | '));
    assert.equal(await page.locator('#from-day').inputValue(), '31', 'what was typed is kept');

    await page.locator('#from-day').fill('');
    await page.locator('#from-month').fill('');
    await page.locator('#from-year').fill('');
    await page.getByLabel('Kind of record').selectOption('partnership_action');
    await click(page, page.getByRole('button', { name: 'Apply filters' }));
    await assertHeading(page, 'Audit log');
    const records = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
    assert.ok(records.length > 0, 'the demo\'s partnership actions were audited');
    assert.ok(records.every((r) => r.startsWith('Partnership action ')), records.join(' | '));
    const download = page.getByRole('link', { name: 'Download these entries (CSV)' });
    assert.match(await download.getAttribute('href'), /^\/audit-log\.csv\?entity=partnership_action$/);
    await click(page, page.getByRole('link', { name: 'Clear filters' }));
    await assertHeading(page, 'Audit log');
  });

  test('a safeguarding lead reads their organisation\'s part and an analyst is refused', async () => {
    const lead = await newPage({ javaScript });
    await signIn(lead, demo.safeguardingLead);
    await visit(lead, '/audit-log');
    await assertHeading(lead, 'Audit log');
    assert.ok(
      (await lead.getByText('the organisations you are the safeguarding lead for').count()) === 1,
      'the page says whose entries these are',
    );

    const analyst = await newPage({ javaScript });
    await signIn(analyst, demo.analyst);
    await visit(analyst, '/audit-log', { status: 403 });
  });
});
