// Journey: a partnership admin rewrites the open audit's child-friendly summary
// (first leaving a section empty, which keeps what was typed), previews it,
// publishes it after the confirmation page and opens its public address signed
// out; an edit made afterwards stays off the public page until it is published
// again. Anyone signed out reads the closed audit's published summary, which names
// no organisation's rating.

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
  signOut,
  unique,
  visit,
} from './lib.mjs';

const PUBLISHED_2025 = '/summaries/kestrel-vale-safeguarding-children-partnership-section-11-audit-2025';

async function openSummary(page, cycle) {
  await openFromHome(page, KESTREL_PARTNERSHIP);
  await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
  await click(page, page.getByRole('link', { name: cycle }).first());
  await assertHeading(page, cycle);
  await click(page, page.getByRole('link', { name: /^Child-friendly summary/ }));
  await assertHeading(page, 'Child-friendly summary');
}

async function publish(page) {
  // The demo's 2027 summary starts as a draft; a second run finds it published.
  await click(page, page.getByRole('button', { name: /^Publish( again)?$/ }));
  await assertHeading(page, /^Publish the (child-friendly summary|summary again)\?$/);
  await click(page, page.getByRole('button', { name: 'Yes, publish it' }));
  await assertHeading(page, 'Child-friendly summary');
  await assertSuccessBanner(page, 'Summary published');
}

journey('Child-friendly summary', ({ javaScript }) => {
  test('an admin edits, previews and publishes the summary, and anyone reads it signed out', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openSummary(page, 'Section 11 audit 2027');

    await click(page, page.getByRole('button', { name: 'Change the words' }));
    await assertHeading(page, 'Change the child-friendly summary');
    const told = page.getByLabel('What they told us', { exact: true });
    const intro = unique('We are the Kestrel Vale partnership. We help keep you safe.');
    await page.getByLabel('Who we are', { exact: true }).fill(intro);
    await told.fill('');
    await click(page, page.getByRole('button', { name: 'Save the summary' }), { status: 422 });
    const errors = await assertErrorSummary(page);
    assert.deepEqual(errors, ['Enter what organisations told you']);
    assert.equal(await page.getByLabel('Who we are', { exact: true }).inputValue(), intro, 'what was typed is kept');

    const words = unique('Most organisations sent us their answers.');
    await told.fill(words);
    await click(page, page.getByRole('button', { name: 'Save the summary' }));
    await assertHeading(page, 'Child-friendly summary');
    await assertSuccessBanner(page, 'Summary saved');

    await click(page, page.getByRole('button', { name: 'Preview the draft' }));
    assert.ok((await page.getByText('This is the draft.').count()) > 0, 'the preview says it is a draft');
    assert.ok((await page.getByText(words).count()) > 0, 'the preview shows the new words');
    await click(page, page.getByRole('link', { name: "Back to the summary's page" }));

    await publish(page);
    const address = page.getByRole('link', { name: /\/summaries\// });
    const path = new URL(await address.getAttribute('href'), page.url()).pathname;

    // An edit after publishing stays private until it is published again.
    await click(page, page.getByRole('button', { name: 'Change the words' }));
    const later = unique('These words are not published yet.');
    await page.getByLabel('What they told us', { exact: true }).fill(later);
    await click(page, page.getByRole('button', { name: 'Save the summary' }));
    assert.ok((await page.getByText('Published, with changes not yet published').count()) > 0);

    await signOut(page);
    await visit(page, path);
    await assertHeading(page, /^Keeping children safe/);
    assert.ok((await page.getByText(words).count()) > 0, 'the public page shows what was published');
    assert.equal(await page.getByText(later).count(), 0, 'an unpublished edit does not leak');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'read without signing in');
  });

  test('anyone signed out reads the closed audit\'s summary, with no ratings', async () => {
    const page = await newPage({ javaScript });
    await visit(page, PUBLISHED_2025);
    await assertHeading(page, 'Keeping children safe in Kestrel Vale: what we found out in 2025');
    for (const heading of ['What we asked organisations', 'What they told us', 'Your questions, and what they said', 'What will change']) {
      assert.equal(await page.getByRole('heading', { level: 2, name: heading }).count(), 1, heading);
    }
    const text = await page.locator('main').innerText();
    for (const word of [/\bassured\b/i, /\bnot met\b/i, /\bred\b/i, /\bamber\b/i, /\brated\b/i]) {
      assert.doesNotMatch(text, word);
    }
    await visit(page, '/summaries/no-such-summary', { status: 404 });
  });
});
