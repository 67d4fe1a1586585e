// Journey: a partnership admin makes an API token (first with a mistake, which keeps
// what was typed), copies it from the one page that shows it, sees a tool's call with
// it answered, revokes it and sees the next call refused; anyone reads the API's
// documentation page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  baseURL,
  click,
  demo,
  journey,
  newPage,
  openFromHome,
  signIn,
  unique,
  visit,
} from './lib.mjs';

/** A call as a BI tool makes it: the status and the JSON body. */
async function callApi(token, path) {
  const response = await fetch(`${baseURL}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

journey('API tokens', ({ javaScript }) => {
  test('an admin makes a token, a tool uses it, and revoking it stops the tool', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'API tokens', exact: true }));
    await assertHeading(page, 'API tokens');

    const name = unique('Power BI board dashboard');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await click(page, page.getByRole('button', { name: 'Create token' }), { status: 422 });
    const errors = await assertErrorSummary(page);
    assert.ok(errors.includes('Enter the expiry date'), errors.join(' | '));
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), name, 'what was typed is kept');

    const expires = new Date(Date.now() + 90 * 24 * 3600 * 1000);
    await page.locator('#expires-day').fill(String(expires.getUTCDate()));
    await page.locator('#expires-month').fill(String(expires.getUTCMonth() + 1));
    await page.locator('#expires-year').fill(String(expires.getUTCFullYear()));
    await click(page, page.getByRole('button', { name: 'Create token' }));
    await assertHeading(page, 'API token created');
    const token = await page.getByLabel('Token', { exact: true }).inputValue();
    assert.match(token, /^osa_[A-Za-z0-9_-]{40,}$/);

    const answered = await callApi(token, '/api/v1/cycles');
    assert.equal(answered.status, 200);
    assert.ok(answered.body.items.length > 0, 'the partnership has cycles');

    await click(page, page.getByRole('link', { name: "Back to the partnership's API tokens" }));
    assert.equal(await page.getByText(token).count(), 0, 'the token is not shown again');
    const row = page.getByRole('row').filter({ hasText: name });
    assert.equal(await row.getByText('Active').count(), 1);
    await click(page, row.getByRole('button', { name: /^Revoke/ }));
    await assertSuccessBanner(page, 'API token revoked');
    assert.equal(await page.getByRole('row').filter({ hasText: name }).getByText('Revoked').count(), 1);

    const refused = await callApi(token, '/api/v1/cycles');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error, 'unauthorized');
  });

  test('the API documentation is a page anyone can read', async () => {
    const page = await newPage({ javaScript });
    await visit(page, '/api/docs');
    await assertHeading(page, 'osa API');
    assert.ok((await page.getByRole('heading', { name: 'GET /api/v1/cycles/{id}/figures' }).count()) === 1);
    await click(page, page.getByRole('link', { name: 'GET /api/v1/cycles', exact: true }), { status: null });
  });
});
