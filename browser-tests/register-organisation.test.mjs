// Journey (b): an organisation registers; the partnership approves (or
// declines) it; the registrant follows the emailed link and sets a password.
// Registering with the email of an existing account sets nothing up until that
// person confirms through the link they are sent.
// Each duty status is explained beside its radio, and a name closely like one
// already registered is warned about (naming it only to someone signed in) and
// saved only once confirmed as a different organisation; the partnership's join
// requests then show who asked and flag the possible duplicate.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  POLICE_ORGANISATION,
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
  await fillRegistration(page, organisation);
  await click(page, page.getByRole('button', { name: 'Register organisation' }));
  await assertHeading(page, 'Registration received');
}

/** Fills in the organisation part of the form (and, for a visitor, "About you"). */
async function fillRegistration(page, organisation, { signedIn = false } = {}) {
  await page.getByLabel('Organisation name', { exact: true }).fill(organisation.name);
  await page.getByLabel('Sector', { exact: true }).selectOption({ label: 'Voluntary and community' });
  await page.getByRole('radio', { name: 'Voluntary', exact: true }).check();
  await page.getByRole('checkbox', { name: KESTREL_PARTNERSHIP, exact: true }).check();
  if (!signedIn) {
    await page.getByLabel('Your full name', { exact: true }).fill(organisation.contactName);
    await page.getByLabel('Your email address', { exact: true }).fill(organisation.contactEmail);
  }
}

const LOOKALIKE_WARNING = 'An organisation with a very similar name is already registered on osa';
const REGISTER_ANYWAY = 'This is a different organisation – register it anyway';

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

  test('each duty status is explained beside its radio', async () => {
    const page = await newPage({ javaScript });
    await visit(page, '/register');
    for (const [status, words] of [
      ['Statutory', 'Section 11 of the Children Act 2004 or the Care Act 2014'],
      ['Commissioned', 'your contract sets your safeguarding duties'],
      ['Voluntary', 'charity, faith group, sports club or community group'],
    ]) {
      const radio = page.getByRole('radio', { name: status, exact: true });
      const hintId = await radio.getAttribute('aria-describedby');
      assert.ok(hintId, `the ${status} radio has no hint`);
      const hint = page.locator(`[id="${hintId}"]`);
      assert.ok(await hint.isVisible(), `the ${status} hint is not visible`);
      assert.ok((await hint.innerText()).includes(words), `the ${status} hint does not say "${words}"`);
    }
  });

  test('a name like a registered one is warned about and registered only once confirmed', async () => {
    // Two registrations each run: with the others in this file, the suite's
    // registrations from one address stay within the ten an hour the service allows.
    const existing = newOrganisation('Hollinbrook Wheelers Cycling Club');
    const visitor = await newPage({ javaScript });
    await register(visitor, existing);

    // The same club with two letters swapped: warned, nothing saved, nothing lost.
    const lookalike = { ...newOrganisation('unused'), name: existing.name.replace('Wheelers', 'Wheelres') };
    const second = await newPage({ javaScript });
    await visit(second, '/register');
    await fillRegistration(second, lookalike);
    await click(second, second.getByRole('button', { name: 'Register organisation' }));
    await assertHeading(second, 'Register your organisation');
    const warning = second.locator('.govuk-warning-text');
    assert.ok((await warning.innerText()).includes(LOOKALIKE_WARNING), 'no lookalike warning');
    assert.ok(
      !(await warning.innerText()).includes(existing.name),
      'a visitor who is not signed in is told the existing name',
    );
    assert.equal(await second.getByLabel('Organisation name', { exact: true }).inputValue(), lookalike.name);
    assert.equal(
      await second.getByLabel('Your email address', { exact: true }).inputValue(),
      lookalike.contactEmail,
    );
    assert.ok(await second.getByRole('checkbox', { name: KESTREL_PARTNERSHIP, exact: true }).isChecked());

    // Sent again without confirming: an error, still nothing saved.
    await click(second, second.getByRole('button', { name: 'Register organisation' }), { status: 422 });
    const errors = await assertErrorSummary(second);
    assert.ok(
      errors.some((text) => text.includes('Confirm that this is a different organisation')),
      `unexpected errors: ${errors.join('; ')}`,
    );

    await second.getByRole('checkbox', { name: REGISTER_ANYWAY, exact: true }).check();
    await click(second, second.getByRole('button', { name: 'Register organisation' }));
    await assertHeading(second, 'Registration received');

    // The partnership admin sees who asked and that it may duplicate the first club.
    // (The first club's row names the second in its own duplicate flag, so the row is
    // found by its organisation link.)
    const admin = await openJoinRequests(javaScript);
    const row = admin
      .getByRole('row')
      .filter({ has: admin.getByRole('link', { name: lookalike.name, exact: true }) });
    assert.equal(await row.count(), 1, 'the confirmed registration did not ask to join');
    const rowText = await row.innerText();
    assert.ok(rowText.includes(`Possible duplicate of ${existing.name}`), `no duplicate flag in: ${rowText}`);
    assert.ok(rowText.includes(lookalike.contactName), `the requester's name is missing: ${rowText}`);
    assert.ok(rowText.includes(lookalike.contactEmail), `the requester's email is missing: ${rowText}`);
  });

  test('someone signed in is told which registered organisation the name is like', async () => {
    // A demo organisation's name with two letters swapped. Nothing is registered (the
    // warning is not confirmed), so this uses none of the registrations allowed an hour.
    const lead = await newPage({ javaScript });
    await signIn(lead, demo.safeguardingLead);
    await visit(lead, '/register');
    await fillRegistration(lead, { name: POLICE_ORGANISATION.replace('Police', 'Polcie') }, { signedIn: true });
    await click(lead, lead.getByRole('button', { name: 'Register organisation' }));
    await assertHeading(lead, 'Register your organisation');
    const warning = await lead.locator('.govuk-warning-text').innerText();
    assert.ok(warning.includes(`${LOOKALIKE_WARNING}: ${POLICE_ORGANISATION}.`), `unexpected warning: ${warning}`);
    await lead.getByRole('checkbox', { name: REGISTER_ANYWAY, exact: true }).waitFor();
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
