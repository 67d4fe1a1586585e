// Journey: turning on two-factor sign-in from the account pages, signing in with a
// code from the "app" (computed here as RFC 6238 says, with node's HMAC-SHA-1), and
// turning it off again, so that the next run (and the other JavaScript mode) starts
// from the same place. The person is a demo lead no other browser test signs in as.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import {
  assertErrorSummary,
  assertHeading,
  assertPath,
  assertSuccessBanner,
  click,
  demoPassword,
  journey,
  newPage,
  signIn,
  signOut,
  visit,
} from './lib.mjs';

const PERSON = 'lead.hollinbrook-college@demo.example';
const STEP_SECONDS = 30;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Bytes(text) {
  const clean = text.replace(/[^A-Z2-7]/gi, '').toUpperCase();
  let bits = '';
  for (const char of clean) bits += BASE32.indexOf(char).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit code for `key` (base32) `steps` time steps from now (RFC 6238, SHA-1). */
function appCode(key, steps = 0) {
  const counter = Math.floor(Date.now() / 1000 / STEP_SECONDS) + steps;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Bytes(key)).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/** A code for no step near now. */
function wrongCode(key) {
  const near = [-2, -1, 0, 1, 2].map((s) => appCode(key, s));
  let n = 0;
  while (near.includes(String(n).padStart(6, '0'))) n += 1;
  return String(n).padStart(6, '0');
}

/** Waits out the last seconds of a time step, so a code is not sent as it changes. */
async function awayFromStepEdge() {
  const into = (Date.now() / 1000) % STEP_SECONDS;
  if (into > STEP_SECONDS - 3) await new Promise((r) => setTimeout(r, (STEP_SECONDS - into + 0.5) * 1000));
}

journey('Two-factor sign-in', ({ javaScript }) => {
  test('set up from the account, sign in with a code, and turn it off', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, PERSON);

    await visit(page, '/account/password');
    await click(page, page.getByRole('link', { name: 'Manage two-factor sign-in', exact: true }));
    assertPath(page, '/account/two-factor');
    await assertHeading(page, 'Two-factor sign-in');
    await click(page, page.getByRole('button', { name: 'Set up two-factor sign-in', exact: true }));
    assertPath(page, '/account/two-factor/set-up');
    await assertHeading(page, 'Set up two-factor sign-in');
    assert.equal(await page.getByRole('img', { name: /QR code/ }).count(), 1);
    const key = (await page.locator('#setup-key').innerText()).trim();
    assert.match(key, /^[A-Z2-7-]{32,}$/);

    await page.getByLabel('Code from your app', { exact: true }).fill(wrongCode(key));
    await click(page, page.getByRole('button', { name: 'Turn on two-factor sign-in', exact: true }), {
      status: 422,
    });
    await assertErrorSummary(page);

    // Each code below is for a later step than the one before, as a phone's would be
    // over a minute: a code is never accepted twice, nor one older than the last.
    await awayFromStepEdge();
    await page.getByLabel('Code from your app', { exact: true }).fill(appCode(key, -1));
    await click(page, page.getByRole('button', { name: 'Turn on two-factor sign-in', exact: true }));
    assertPath(page, '/account/two-factor/recovery-codes');
    await assertHeading(page, 'Your recovery codes');
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    await click(page, page.getByRole('button', { name: 'I have kept my codes, continue', exact: true }));
    assertPath(page, '/account/two-factor');

    await signOut(page);
    await visit(page, '/sign-in');
    await page.getByLabel('Email address', { exact: true }).fill(PERSON);
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await click(page, page.getByRole('button', { name: 'Sign in', exact: true }));
    assertPath(page, '/sign-in/two-factor');
    await assertHeading(page, 'Enter your security code');
    await awayFromStepEdge();
    await page.getByLabel('Enter your security code', { exact: true }).fill(appCode(key, 0));
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    assertPath(page, '/home');

    await visit(page, '/account/two-factor');
    await awayFromStepEdge();
    await page.locator('#off-code').fill(appCode(key, 1));
    await click(page, page.getByRole('button', { name: 'Turn off two-factor sign-in', exact: true }));
    assertPath(page, '/account/two-factor');
    await assertSuccessBanner(page, 'Two-factor sign-in is off');
  });
});
