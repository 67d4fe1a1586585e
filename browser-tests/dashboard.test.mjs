// Journey: the partnership reads what the returns say (the dashboard's breakdowns,
// the change since the 2025 audit and the numbers, for the main framework and for the
// short one the voluntary and community groups answer), and a school's lead sees how
// its return compares with its sector.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KESTREL_PARTNERSHIP, assertHeading, click, demo, journey, newPage, openFromHome, signIn, visit } from './lib.mjs';

journey('Reading the returns of an area', ({ javaScript }) => {
  test('an analyst reads the breakdowns, the change since the last audit and the numbers', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
    await click(page, page.getByRole('link', { name: 'Section 11 audit 2027' }).first());
    await click(page, page.getByRole('link', { name: /^Dashboard/ }));
    await assertHeading(page, 'Dashboard');
    // A section per framework: the main one, then the short one for small groups.
    const sections = page.getByRole('heading', { level: 2, name: /\(version \d+\)$/ });
    assert.equal(await sections.count(), 2, 'a section per framework');
    assert.match(await sections.nth(0).innerText(), /^Main framework/);
    assert.match(await sections.nth(1).innerText(), /short self-assessment for small groups/);
    assert.equal(await page.getByText(/\d+ of \d+ organisations? asked ha(s|ve) submitted \(\d+%\)\./).count(), 2, "each framework's own rate");
    for (const heading of ['Standards', 'By sector', 'By duty status', 'Change since the last cycle', 'Numbers given in returns']) {
      assert.equal(await page.getByRole('heading', { name: heading, level: 3 }).count(), 2, heading);
    }
    assert.equal(await page.getByText('No standing', { exact: true }).count(), 0, 'no empty rows for the small groups');
    assert.ok((await page.getByRole('cell', { name: /^(Up|Down) \d+ points$|^No change$/ }).count()) > 0);
    assert.ok((await page.getByText('Median').count()) > 0, 'the numbers are summarised');
    // The comparison links to the earlier audit's own dashboard.
    await click(page, page.getByRole('link', { name: 'Section 11 audit 2025' }).first());
    await assertHeading(page, 'Dashboard');
    assert.ok((await page.getByText(/first cycle in osa/).count()) > 0, '2025 had nothing before it');
  });

  test('the dashboard fits the window, labels its bars in full, has contents and prints whole', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
    await click(page, page.getByRole('link', { name: 'Section 11 audit 2027' }).first());
    const cyclePath = new URL(page.url()).pathname;
    await click(page, page.getByRole('link', { name: /^Dashboard/ }));
    await assertHeading(page, 'Dashboard');

    // Every entry of the contents list leads to a heading of the page, each
    // framework's section and its parts included.
    const contents = page.getByRole('navigation', { name: 'Contents' }).getByRole('link');
    assert.ok((await contents.count()) >= 17, 'a contents entry per section and part');
    for (let i = 0; i < (await contents.count()); i += 1) {
      const href = await contents.nth(i).getAttribute('href');
      assert.equal(await page.locator(`:is(h2, h3)${href}`).count(), 1, href);
    }

    // Nothing widens the page past the 1280 px window: wide tables scroll in their own region.
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    assert.ok(await fits(), 'the dashboard is no wider than the window');

    // Each bar's label is drawn whole inside its chart, in every framework's section.
    assert.equal(await page.locator('svg.osa-bars').count(), 2, 'a chart per framework');
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('svg.osa-bars')].flatMap((chart) => {
        const box = chart.getBoundingClientRect();
        return [...chart.querySelectorAll('.osa-bars__label')]
          .filter((label) => {
            const r = label.getBoundingClientRect();
            // A glyph such as T may reach a pixel left of its origin; that is not a cut.
            return r.right > box.right + 0.5 || r.left < box.left - 2;
          })
          .map((label) => label.textContent);
      }),
    );
    assert.deepEqual(cut, [], 'labels cut at the edge of the chart');

    // On paper the tables print whole rather than in a scrolling region.
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.locator('.osa-table-scroll').first().evaluate((el) => getComputedStyle(el).overflowX);
    assert.equal(overflow, 'visible');
    await page.emulateMedia({ media: 'screen' });

    await visit(page, `${cyclePath}/themes`);
    assert.ok(await fits(), 'the themes page is no wider than the window');
  });

  test("a school's lead sees its standings beside its sector's", async () => {
    const page = await newPage({ javaScript });
    await signIn(page, 'lead.kestrel-vale-academy@demo.example');
    await openFromHome(page, 'Kestrel Vale Academy');
    await click(page, page.getByRole('link', { name: /self-assessments/i }).first());
    await click(page, page.getByRole('link', { name: 'How your returns compare with your sector' }));
    await assertHeading(page, 'How you compare');
    assert.ok((await page.getByText(/% fully met, \d+% partially met, \d+% not met \(\d+ organisations\)/).count()) > 0);
    assert.equal(await page.getByText('Harrowfield Primary School').count(), 0, 'no other school is named');
  });
});
