// Journey (c): admins invite users, the invitees accept, and users are removed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  POLICE_ORGANISATION,
  acceptInvitation,
  assertErrorSummary,
  assertSuccessBanner,
  click,
  demo,
  journey,
  newPage,
  openFromHome,
  pathOf,
  readLatestMailTo,
  signIn,
  unique,
  uniqueEmail,
  visit,
} from './lib.mjs';

/** From a partnership or organisation page, invites a user; returns the users page URL. */
async function invite(page, { name, email, role }) {
  await click(page, page.getByRole('link', { name: 'Users', exact: true }));
  const usersUrl = page.url();
  await click(page, page.getByRole('button', { name: 'Invite a user', exact: true }));
  await page.getByLabel('Full name', { exact: true }).fill(name);
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByRole('group', { name: 'Role' }).getByRole('radio', { name: role, exact: true }).check();
  await click(page, page.getByRole('button', { name: 'Send invitation', exact: true }));
  assert.equal(pathOf(page), new URL(usersUrl).pathname, 'not back on the users page');
  await assertSuccessBanner(page, 'Invitation sent');
  return usersUrl;
}

function userRow(page, { name, email }) {
  return page.getByRole('row').filter({ hasText: name }).or(page.getByRole('row').filter({ hasText: email }));
}

/** Removes a user from a users page (confirming, if a confirmation page is shown). */
async function removeUser(page, usersUrl, user) {
  await visit(page, usersUrl);
  await click(page, userRow(page, user).getByRole('button', { name: /^Remove/ }));
  if (pathOf(page) !== new URL(usersUrl).pathname) {
    await click(page, page.getByRole('button', { name: /^(Remove|Yes)/ }).first());
  }
  await visit(page, usersUrl);
  assert.equal(await userRow(page, user).count(), 0, `${user.email} is still listed after removal`);
}

/** A removed user either cannot sign in, or no longer sees `place` on Home. */
async function assertNoLongerMember({ javaScript }, user, password, place) {
  const page = await newPage({ javaScript });
  await visit(page, '/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const response = await click(page, page.getByRole('button', { name: 'Sign in', exact: true }), {
    status: [200, 422],
  });
  if (response.status() === 422) {
    await assertErrorSummary(page);
    return;
  }
  const link = page.getByRole('main').getByRole('link', { name: place, exact: true });
  assert.equal(await link.count(), 0, `${user.email} still sees ${place} after removal`);
}

journey('Inviting and removing users', ({ javaScript }) => {
  test('a partnership admin invites an analyst, who accepts and is later removed', async () => {
    const analyst = { name: unique('Sam Okafor'), email: uniqueEmail('analyst') };

    const admin = await newPage({ javaScript });
    await signIn(admin, demo.partnershipAdmin);
    await openFromHome(admin, KESTREL_PARTNERSHIP);
    const usersUrl = await invite(admin, { ...analyst, role: 'Analyst' });

    const invitee = await newPage({ javaScript });
    const link = await readLatestMailTo(invitee, analyst.email, { linkPath: '/invitation/' });
    const password = await acceptInvitation(invitee, link);
    await invitee.getByRole('heading', { name: 'Your partnerships' }).waitFor();
    await invitee.getByRole('main').getByRole('link', { name: KESTREL_PARTNERSHIP, exact: true }).waitFor();

    await removeUser(admin, usersUrl, analyst);
    await assertNoLongerMember({ javaScript }, analyst, password, KESTREL_PARTNERSHIP);
  });

  test('a safeguarding lead invites a contributor, who accepts and is later removed', async () => {
    const contributor = { name: unique('Priya Castell'), email: uniqueEmail('contributor') };

    const lead = await newPage({ javaScript });
    await signIn(lead, demo.safeguardingLead);
    await openFromHome(lead, POLICE_ORGANISATION);
    const usersUrl = await invite(lead, { ...contributor, role: 'Contributor' });

    const invitee = await newPage({ javaScript });
    const link = await readLatestMailTo(invitee, contributor.email, { linkPath: '/invitation/' });
    const password = await acceptInvitation(invitee, link);
    await invitee.getByRole('heading', { name: 'Your organisations' }).waitFor();
    await invitee.getByRole('main').getByRole('link', { name: POLICE_ORGANISATION, exact: true }).waitFor();

    await removeUser(lead, usersUrl, contributor);
    await assertNoLongerMember({ javaScript }, contributor, password, POLICE_ORGANISATION);
  });
});
