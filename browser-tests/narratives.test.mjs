// Journey: analysing narrative evidence. The Kestrel analyst searches what
// organisations wrote in the 2027 audit (matched words marked), narrows by standard,
// opens a passage and tags it with a theme (first without choosing one), removes the
// tag, reads the counts by theme and standard and follows one back to its passages,
// and keeps the partnership's list of themes. A panel member reads a passage but is
// given no way to tag it.

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
} from './lib.mjs';

async function openThisYearsCycle(page) {
  await openFromHome(page, KESTREL_PARTNERSHIP);
  await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
  await click(page, page.getByRole('link', { name: 'Section 11 audit 2027' }).first());
  await assertHeading(page, 'Section 11 audit 2027');
}

async function search(page, words) {
  await page.getByLabel('Words to search for').fill(words);
  await click(page, page.getByRole('button', { name: 'Search', exact: true }));
  await assertHeading(page, 'Search narrative evidence');
}

journey('Analysing narrative evidence', ({ javaScript }) => {
  test('an analyst searches, tags a passage and removes the tag', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openThisYearsCycle(page);
    await click(page, page.getByRole('link', { name: 'Search narrative evidence' }));
    await assertHeading(page, 'Search narrative evidence');

    await search(page, 'training gaps');
    assert.ok((await page.locator('mark', { hasText: /^training$/i }).count()) > 0, 'matched words are marked');
    await search(page, '!!!');
    assert.ok((await page.getByRole('heading', { name: 'No words to search for' }).count()) === 1);

    await page.getByLabel('Words to search for').fill('referrals');
    await page.getByText('Filter by standard, theme, sector, duty status or partnership').click();
    const standard = await page.locator('#standard option').nth(1).getAttribute('value');
    await page.locator('#standard').selectOption(standard);
    await click(page, page.getByRole('button', { name: 'Search', exact: true }));
    assert.equal(await page.locator('#standard').inputValue(), standard, 'the filter is kept');

    await search(page, 'supervision escalate');
    await click(page, page.locator('main ol a').first());
    assert.ok((await page.getByRole('heading', { name: 'Tag this passage' }).count()) === 1);
    await click(page, page.getByRole('button', { name: 'Add tag' }), { status: 422 });
    await assertErrorSummary(page);
    await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Online safety' });
    await page.getByLabel('Excerpt (optional)').fill('supervision');
    await click(page, page.getByRole('button', { name: 'Add tag' }));
    await assertSuccessBanner(page, 'Tagged with Online safety');
    await click(page, page.getByRole('button', { name: 'Remove the tag Online safety' }).last());
    await assertSuccessBanner(page, 'Tag removed');
    await click(page, page.getByRole('link', { name: 'Back to the search' }));
    await assertHeading(page, 'Search narrative evidence');
    assert.equal(await page.getByLabel('Words to search for').inputValue(), 'supervision escalate');
  });

  test('an analyst reads the counts by theme and follows one to its passages', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openThisYearsCycle(page);
    await click(page, page.getByRole('link', { name: /^Themes: tagged passages/ }));
    await assertHeading(page, 'Themes in the narrative evidence');
    await click(page, page.getByRole('link', { name: /passages tagged Neglect$/ }));
    await assertHeading(page, 'Search narrative evidence');
    assert.ok((await page.getByRole('heading', { name: /passages? found$/ }).count()) === 1);
  });

  test('an analyst adds a theme and retires it', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Themes for narrative evidence' }));
    await assertHeading(page, 'Themes');
    await click(page, page.getByRole('button', { name: 'Add theme' }), { status: 422 });
    await assertErrorSummary(page);
    const name = unique('Bullying');
    await page.getByLabel('Name of the theme').fill(name);
    await click(page, page.getByRole('button', { name: 'Add theme' }));
    await assertSuccessBanner(page, name);
    await click(page, page.getByRole('button', { name: `Retire ${name}` }));
    await assertSuccessBanner(page, 'Theme retired');
  });

  test('a panel member reads a passage but may not tag it', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.panelMember);
    await openThisYearsCycle(page);
    await click(page, page.getByRole('link', { name: 'Search narrative evidence' }));
    await search(page, 'neglect');
    await click(page, page.locator('main ol a').first());
    assert.ok((await page.getByRole('heading', { name: 'What the organisation wrote' }).count()) === 1);
    assert.equal(await page.getByRole('button', { name: 'Add tag' }).count(), 0);
  });
});
