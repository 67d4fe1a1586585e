// Journey: analysing narrative evidence. The Kestrel analyst searches what
// organisations wrote in the 2027 audit (matched words marked), narrows by standard,
// opens a passage and tags it with a theme (first without choosing one), removes the
// tag, reads the counts by theme and standard and follows one back to its passages,
// and keeps the partnership's list of themes. The analyst also reads the hint under
// the search box and searches with OR, a minus sign and quotation marks. A panel member
// reads a passage but is given no way to tag it.

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

/** The number of passages the results heading says were found. */
async function found(page) {
  const text = (await page.locator('#results').innerText()).trim();
  const match = text.match(/^(\d+) passages? found$/);
  assert.ok(match, `a count of passages, not "${text}"`);
  return Number(match[1]);
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
    // Referrals are written about under information sharing, so that standard has some.
    const sharing = page.locator('#standard option', { hasText: /Information sharing/ }).first();
    const standard = await sharing.getAttribute('value');
    await page.locator('#standard').selectOption(standard);
    await click(page, page.getByRole('button', { name: 'Search', exact: true }));
    assert.equal(await page.locator('#standard').inputValue(), standard, 'the filter is kept');
    assert.ok((await found(page)) > 0, 'referrals are found under information sharing');
    // Supervision is written about under another standard: search every standard again.
    await page.locator('#standard').selectOption('');

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

  test('an analyst searches with OR, a minus sign and a phrase, as the hint says', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openThisYearsCycle(page);
    await click(page, page.getByRole('link', { name: 'Search narrative evidence' }));
    await assertHeading(page, 'Search narrative evidence');
    const hint = page.locator('#q-hint.govuk-hint');
    assert.match(await hint.innerText(), /Type OR in capitals between words to find either/);
    assert.equal(await page.getByLabel('Words to search for').getAttribute('aria-describedby'), 'q-hint');

    await search(page, 'neglect');
    const neglect = await found(page);
    await search(page, 'supervision');
    const supervision = await found(page);
    assert.ok(neglect > 0 && supervision > 0, 'the demo has passages with both words');
    await search(page, 'neglect OR supervision');
    const either = await found(page);
    assert.ok(either >= Math.max(neglect, supervision), 'OR finds passages with either word');
    assert.ok(either <= neglect + supervision);
    assert.ok((await page.locator('mark', { hasText: /^(neglect|supervision)$/i }).count()) > 0, 'found words are marked');
    await search(page, 'neglect -supervision');
    const without = await found(page);
    assert.ok(without <= neglect, 'a minus sign leaves passages out');
    await search(page, 'neglect NOT supervision');
    assert.equal(await found(page), without, 'NOT leaves out the same passages');
    await search(page, 'training gaps');
    const words = await found(page);
    await search(page, '"training gaps"');
    assert.ok((await found(page)) <= words, 'a phrase finds no more than its words do');
    assert.equal(await page.getByLabel('Words to search for').inputValue(), '"training gaps"', 'what was typed is kept');
    await search(page, '-neglect');
    assert.ok((await page.getByRole('heading', { name: 'Nothing to search for' }).count()) === 1);
    assert.ok((await page.getByText('Your search only says what to leave out').count()) === 1);
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
