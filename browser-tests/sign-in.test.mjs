// Journey (a): signing in and out, and a wrong password.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertErrorSummary,
  assertHeading,
  assertPath,
  click,
  demo,
  demoPassword,
  journey,
  newPage,
  signIn,
  signOut,
  visit,
} from './lib.mjs';

journey('Signing in and out', ({ javaScript }) => {
  test('the start page leads to sign in; a signed-in user can sign out', async () => {
    const page = await newPage({ javaScript });

    await visit(page, '/');
    await assertHeading(page, 'Organisational Safeguarding Assessment');
    await click(page, page.getByRole('link', { name: 'Sign in', exact: true }).first());
    assertPath(page, '/sign-in');

    await page.getByLabel('Email address', { exact: true }).fill(demo.analyst);
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await click(page, page.getByRole('button', { name: 'Sign in', exact: true }));
    assertPath(page, '/home');
    await assertHeading(page, 'Home');

    await signOut(page);
    // Signed out, Home is no longer available: it asks the user to sign in.
    await visit(page, '/home');
    assertPath(page, '/sign-in');
  });

  test('a wrong password is refused with an error summary, keeping the email', async () => {
    const page = await newPage({ javaScript });

    await visit(page, '/sign-in');
    await page.getByLabel('Email address', { exact: true }).fill(demo.panelMember);
    await page.getByLabel('Password', { exact: true }).fill(`${demoPassword}-wrong`);
    await click(page, page.getByRole('button', { name: 'Sign in', exact: true }), { status: 422 });

    await assertErrorSummary(page);
    assert.equal(await page.getByLabel('Email address', { exact: true }).inputValue(), demo.panelMember);
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'signed in anyway');

    // The right password still works afterwards (and clears the failed attempt,
    // so reruns do not walk this account into the sign-in throttle).
    await signIn(page, demo.panelMember);
  });
});
