// Journey: a partnership admin reads the library, narrows it, and adds resources (a
// mistake first, which keeps what was typed); a safeguarding lead finds the libraries
// of the partnerships their force serves, and sees help beside an answer that is not
// met and on its action. Every page is scanned with axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
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

/** A small, valid one-page PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

journey('Resources and signposting', ({ javaScript }) => {
  test('a partnership admin reads the library and adds a link and a file', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('main').getByRole('link', { name: 'Resources', exact: true }));
    await assertHeading(page, 'Resources');
    assert.ok((await page.getByText('Safer recruitment training for interview panels').count()) > 0);

    await page.getByLabel('Kind', { exact: true }).selectOption('template');
    await click(page, page.getByRole('button', { name: 'Show resources', exact: true }));
    assert.ok((await page.getByText('Single central record template').count()) > 0);
    assert.equal(await page.getByText('Safer recruitment training for interview panels').count(), 0, 'training is filtered out');

    await click(page, page.getByRole('button', { name: 'Add a resource', exact: true }));
    await assertHeading(page, 'Add a resource');
    const title = unique('Allegations procedure for sports clubs');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await click(page, page.getByRole('button', { name: 'Add resource', exact: true }), { status: 422 });
    const problems = await assertErrorSummary(page);
    assert.ok(problems.some((p) => p.includes('kind of resource')), `${problems}`);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), title, 'the title is kept');

    await page.getByRole('radio', { name: 'Local procedure', exact: true }).check();
    await page.getByRole('radio', { name: 'They follow a link to a web page', exact: true }).check();
    await page.getByLabel('Web address (for a link)', { exact: true }).fill('https://www.kestrelvale-scp.example/procedures/allegations');
    await page.getByText(CHILDREN, { exact: true }).click();
    const recruitment = page.getByRole('group', { name: /^3\. Safer recruitment/ });
    await recruitment.getByRole('checkbox', { name: 'All of this standard', exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Add resource', exact: true }));
    await assertSuccessBanner(page, 'Resource added');
    assert.ok((await page.getByText(title).count()) > 0);

    await click(page, page.getByRole('button', { name: 'Add a resource', exact: true }));
    const fileTitle = unique('Volunteer induction checklist');
    await page.getByRole('radio', { name: 'Template', exact: true }).check();
    await page.getByLabel('Title', { exact: true }).fill(fileTitle);
    await page.getByRole('radio', { name: 'They download a file', exact: true }).check();
    await page.getByLabel('File (for a download)', { exact: true }).setInputFiles({
      name: 'induction-checklist.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await click(page, page.getByRole('button', { name: 'Add resource', exact: true }));
    await assertSuccessBanner(page, 'Resource added');
    assert.ok((await page.getByRole('link', { name: `Download “${fileTitle}”` }).count()) > 0);
  });

  test('a safeguarding lead reads the libraries of the partnerships the force serves', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await click(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Resources', exact: true }));
    await assertHeading(page, 'Resources');
    await click(page, page.getByRole('main').getByRole('link', { name: KESTREL_PARTNERSHIP, exact: true }));
    await assertHeading(page, 'Resources');
    assert.ok((await page.getByText('Kestrel Vale escalation and professional challenge procedure').count()) > 0);
    assert.equal(await page.getByRole('button', { name: 'Add a resource' }).count(), 0, 'reading only');
  });

  test('a safeguarding lead sees help beside an answer that is not met, and on its action', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await openSelfAssessment(page, POLICE_ORGANISATION, CHILDREN);
    await click(page, page.getByRole('link', { name: /^3\. / }).first());
    const first = page.locator('.osa-criterion').first();
    await first.getByRole('radio', { name: 'Not met', exact: true }).check();
    await first.getByLabel(/^Narrative evidence/).fill(unique('Interview panels have not had safer recruitment training'));
    await click(page, page.getByRole('button', { name: 'Save and return to the task list' }));
    await assertSuccessBanner(page, 'Saved');

    await click(page, page.getByRole('link', { name: /^3\. / }).first());
    const help = page.locator('.osa-criterion').first().locator('.osa-help');
    assert.ok((await help.getByText('Help with this').count()) > 0, 'help is shown beside the answer');
    assert.ok((await help.getByRole('link', { name: 'Safer recruitment training for interview panels' }).count()) > 0);

    await click(page, page.getByRole('link', { name: 'Back to the task list', exact: true }));
    await click(page, page.getByRole('link', { name: 'Action plan', exact: true }));
    await assertHeading(page, 'Action plan');
    const folded = page.getByText(/^Help with this \(\d+\)/).first();
    await folded.click();
    assert.ok((await page.getByRole('link', { name: 'Safer recruitment training for interview panels' }).count()) > 0);
  });
});
