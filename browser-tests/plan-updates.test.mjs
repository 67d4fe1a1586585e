// Journey: the Kestrel analyst opens the closed 2025 audit's action-plan updates,
// reads the counts in words and the table of who has sent each update (one
// organisation overdue), opens a sent update and reads its frozen actions and the
// challenge answered on one of them. (Written for CI; not run on the helper's machine.)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KESTREL_PARTNERSHIP, assertHeading, click, demo, journey, newPage, openFromHome, signIn } from './lib.mjs';

journey('Action-plan updates', ({ javaScript }) => {
  test('the partnership sees who has sent each update and reads one', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.analyst);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Audit cycles', exact: true }));
    await click(page, page.getByRole('link', { name: 'Section 11 audit 2025' }).first());
    await click(page, page.getByRole('link', { name: /Action-plan updates/ }));
    await assertHeading(page, 'Action-plan updates');
    const body = await page.locator('main').innerText();
    assert.match(body, /organisations that submitted a return before .* have sent the .* update/);
    assert.match(body, /1 is overdue/);
    await click(page, page.getByRole('link', { name: /^Sent on / }).first());
    await assertHeading(page, /Action-plan update due/);
    assert.match(await page.locator('main').innerText(), /Actions as they stood on/);
    await page.close();
  });
});
