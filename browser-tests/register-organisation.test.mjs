// Journey (b): an organisation registers; the partnership approves (or
// declines) it; the registrant follows the emailed link and sets a password.
// Registering with the email of an existing account sets nothing up until that
// person confirms through the link they are sent.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  acceptInvitation,
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  baseURL,
  click,
  demo,
  journey,
  listMailTo,
  newPage,
  openFromHome,
  readLatestMailTo,
  signIn,
  unique,
  uniqueEmail,
  visit,
} from './lib.mjs';

/** Fills in and sends the registration form; checks the confirmation panel. */
async function register(page, organisation) {
  await visit(page, '/');
  await click(page, page.getByRole('link', { name: 'Register your organisation' }));
  await assertHeading(page, 'Register your organisation');
  await page.getByLabel('Organisation name', { exact: true }).fill(organisation.name);
  await page.getByLabel('Sector', { exact: true }).selectOption({ label: 'Voluntary and community' });
  await page.getByRole('radio', { name: 'Voluntary', exact: true }).check();
  await page.getByRole('checkbox', { name: KESTREL_PARTNERSHIP, exact: true }).check();
  await page.getByLabel('Your full name', { exact: true }).fill(organisation.contactName);
  await page.getByLabel('Your email address', { exact: true }).fill(organisation.contactEmail);
  await click(page, page.getByRole('button', { name: 'Register organisation' }));
  await assertHeading(page, 'Registration received');
}

/** Signs in as the Kestrel partnership admin and opens its join requests. */
async function openJoinRequests(javaScript) {
  const admin = await newPage({ javaScript });
  await signIn(admin, demo.partnershipAdmin);
  await openFromHome(admin, KESTREL_PARTNERSHIP);
  await click(admin, admin.getByRole('link', { name: 'Join requests', exact: true }));
  return admin;
}

function requestRow(page, organisationName) {
  return page.getByRole('row').filter({ hasText: organisationName });
}

function newOrganisation(label) {
  return {
    name: unique(label),
    contactName: 'Robin Ashdown',
    contactEmail: uniqueEmail('registrant'),
  };
}

journey('Registering an organisation', ({ javaScript }) => {
  test('a registration with missing answers is refused and keeps what was typed', async () => {
    const page = await newPage({ javaScript });
    const name = unique('Marsham Riverside Youth Trust');

    await visit(page, '/register');
    await page.getByLabel('Organisation name', { exact: true }).fill(name);
    await click(page, page.getByRole('button', { name: 'Register organisation' }), { status: 422 });

    const errors = await assertErrorSummary(page);
    assert.ok(errors.length > 0, 'the error summary lists no errors');
    assert.equal(await page.getByLabel('Organisation name', { exact: true }).inputValue(), name);
  });

  test('the partnership approves a registration and the registrant sets a password', async () => {
    const organisation = newOrganisation('Marsham Riverside Youth Trust');
    const visitor = await newPage({ javaScript });

    await register(visitor, organisation);
    // The registrant is emailed a link to set a password.
    const invitation = await readLatestMailTo(visitor, organisation.contactEmail);
    assert.ok(invitation.startsWith(`${baseURL}/invitation/`), `unexpected link ${invitation}`);
    const mailBeforeApproval = await listMailTo(visitor, organisation.contactEmail);

    const admin = await openJoinRequests(javaScript);
    const joinRequestsUrl = admin.url();
    await click(admin, requestRow(admin, organisation.name).getByRole('button', { name: /^Approve/ }));
    await assertSuccessBanner(admin, organisation.name);
    await visit(admin, joinRequestsUrl);
    assert.equal(await requestRow(admin, organisation.name).count(), 0, 'the request is still pending');

    const mailAfterApproval = await listMailTo(visitor, organisation.contactEmail);
    assert.ok(
      mailAfterApproval.length > mailBeforeApproval.length,
      `the registrant was not emailed about the approval (messages: ${mailAfterApproval.join(', ')})`,
    );

    await acceptInvitation(visitor, invitation);
    await visitor.getByRole('heading', { name: 'Your organisations' }).waitFor();
    await visitor.getByRole('main').getByRole('link', { name: organisation.name, exact: true }).waitFor();
  });

  test('registering with the email of an existing account asks that person to confirm first', async () => {
    // A different account in each run, so neither reaches the per-email limit.
    const owner = javaScript ? demo.contributor : demo.seniorSignOff;
    const organisation = { ...newOrganisation('Harrow Green Community Choir'), contactEmail: owner };
    const visitor = await newPage({ javaScript });

    await register(visitor, organisation);
    const confirmation = await readLatestMailTo(visitor, owner, { linkPath: '/register/confirm/' });

    // Nothing is set up until the account's owner confirms: no join request yet.
    const admin = await openJoinRequests(javaScript);
    assert.equal(
      await requestRow(admin, organisation.name).count(),
      0,
      'the registration asked to join before its lead confirmed',
    );

    await visit(visitor, confirmation);
    await assertHeading(visitor, "Confirm your organisation's registration");
    await visitor.getByText(organisation.name, { exact: true }).waitFor();
    await visitor.getByRole('button', { name: 'Confirm registration', exact: true }).waitFor();
  });

  test('the partnership declines a registration, giving a reason', async () => {
    const organisation = newOrganisation('Ashby Lanes Boxing Club');
    const visitor = await newPage({ javaScript });

    await register(visitor, organisation);
    const mailBeforeDecline = await listMailTo(visitor, organisation.contactEmail);

    const admin = await openJoinRequests(javaScript);
    const joinRequestsUrl = admin.url();
    await click(admin, requestRow(admin, organisation.name).getByRole('link', { name: /^Decline/ }));
    await admin
      .getByLabel('Reason for declining', { exact: true })
      .fill('The organisation works outside the Kestrel Vale area.');
    await click(admin, admin.getByRole('button', { name: 'Decline request', exact: true }));
    await visit(admin, joinRequestsUrl);
    assert.equal(await requestRow(admin, organisation.name).count(), 0, 'the request is still pending');

    const mailAfterDecline = await listMailTo(visitor, organisation.contactEmail);
    assert.ok(
      mailAfterDecline.length > mailBeforeDecline.length,
      `the registrant was not emailed about the decision (messages: ${mailAfterDecline.join(', ')})`,
    );
  });
});
