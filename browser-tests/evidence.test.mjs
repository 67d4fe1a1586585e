// Journey: a safeguarding lead adds an evidence file to a criterion, keeps what they
// had typed through the upload, is told clearly when a file is refused, downloads the
// file and removes it. Every page (with the file list, with an upload error, the
// removal question) is scanned with axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  POLICE_ORGANISATION,
  assertErrorSummary,
  assertHeading,
  assertSuccessBanner,
  click,
  demo,
  journey,
  newPage,
  openFromHome,
  openSelfAssessment,
  signIn,
  unique,
} from './lib.mjs';

const CHILDREN = 'Section 11 organisational self-assessment (children)';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

async function openFirstStandard(page) {
  await openSelfAssessment(page, POLICE_ORGANISATION, CHILDREN);
  await click(page, page.getByRole('link', { name: /^1\. / }).first());
}

journey('Evidence files', ({ javaScript }) => {
  test('a lead adds a file, keeps what they typed, is told about a refused file, and removes it', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await openFirstStandard(page);

    const first = page.locator('.osa-criterion').first();
    const typed = unique('Minutes of the board meeting are attached');
    await first.getByLabel(/^Narrative evidence/).fill(typed);

    const name = `${unique('board-minutes').replace(/\s+/g, '-')}.pdf`;
    await first.getByLabel(/^Add files/).setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
    await click(page, first.getByRole('button', { name: /^Upload files/ }));
    await assertSuccessBanner(page, `Added ${name}`);
    const again = page.locator('.osa-criterion').first();
    assert.equal(await again.getByLabel(/^Narrative evidence/).inputValue(), typed, 'the typed narrative is kept');
    const link = again.getByRole('link', { name: new RegExp(`^${name.replace(/[.]/g, '\\.')}`) });
    assert.equal(await link.count(), 1, 'the file is listed under its question');

    const download = await page.request.get(await link.getAttribute('href'));
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    assert.match(download.headers()['content-disposition'], /^attachment;/);
    assert.deepEqual(Buffer.from(await download.body()), PDF);

    // A web page renamed to .pdf is refused, and the typed narrative is still kept.
    await again.getByLabel(/^Add files/).setInputFiles({
      name: 'not-really.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!DOCTYPE html><html><body>Not a PDF</body></html>'),
    });
    await click(page, again.getByRole('button', { name: /^Upload files/ }), { status: 422 });
    const messages = await assertErrorSummary(page);
    assert.ok(messages.some((m) => m.includes('must be a PDF')), `messages: ${messages.join(' | ')}`);
    assert.equal(
      await page.locator('.osa-criterion').first().getByLabel(/^Narrative evidence/).inputValue(),
      typed,
    );

    await click(page, page.getByRole('link', { name: `Remove ${name}` }));
    await assertHeading(page, `Do you want to remove ${name}?`);
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }), { status: 422 });
    await assertErrorSummary(page);
    await page.getByRole('radio', { name: 'Yes', exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
    await assertSuccessBanner(page, `Removed ${name}`);
    assert.equal(await page.getByRole('link', { name: new RegExp(`^${name.replace(/[.]/g, '\\.')}`) }).count(), 0);
  });
});
