// Journey: a platform admin answers a subject-access request (the person's record,
// with its JSON and PDF downloads), looks at what the retention rules will delete
// next, and erases a person (first without a reason, which is refused and keeps the
// page, then with one). Each run erases a demo analyst no other journey signs in as.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertErrorSummary, assertHeading, assertSuccessBanner, click, demo, journey, newPage, signIn, visit } from './lib.mjs';

journey('Data protection', ({ javaScript }) => {
  const person = javaScript ? 'analyst.fenby@demo.example' : 'analyst.marsham@demo.example';

  test('a platform admin exports what osa holds about a person and sees the retention dry run', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.platformAdmin);
    await visit(page, `/admin/users?q=${encodeURIComponent(person)}`);
    const row = page.getByRole('row').filter({ hasText: person });
    await click(page, row.getByRole('link').first());
    await click(page, page.getByRole('link', { name: /^Everything osa holds about / }));
    await assertHeading(page, /^Personal data held about /);

    for (const [name, type] of [
      [/^Download as JSON/, 'application/json'],
      [/^Download as a PDF/, 'application/pdf'],
    ]) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const response = await page.request.get(href);
      assert.equal(response.status(), 200, href);
      assert.equal(response.headers()['content-type'], type, href);
    }

    await visit(page, '/admin/retention');
    await assertHeading(page, 'Retention: what the next run will do');
    assert.equal(await page.locator('#rules tbody tr').count(), 4);
  });

  test('a platform admin erases a person, giving a reason', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.platformAdmin);
    await visit(page, `/admin/users?q=${encodeURIComponent(person)}`);
    await click(page, page.getByRole('row').filter({ hasText: person }).getByRole('link').first());
    await click(page, page.getByRole('link', { name: /^Everything osa holds about / }));
    await click(page, page.getByRole('button', { name: /^Erase / }));
    await assertHeading(page, /^Erase /);
    assert.equal(await page.locator('.govuk-warning-text').count(), 1);

    await click(page, page.getByRole('button', { name: 'Erase this person' }), { status: 422 });
    assert.deepEqual(await assertErrorSummary(page), ['Enter why this person is being erased']);

    await page.getByLabel('Why is this person being erased?').fill('They asked to be forgotten (browser test).');
    await click(page, page.getByRole('button', { name: 'Erase this person' }));
    await assertSuccessBanner(page, 'Erased');
    await assertHeading(page, /^Personal data held about Erased person \d+$/);
  });
});
