// Journey: reading frameworks, importing a new version as a draft and publishing it,
// seeing what changed, and adding a local question. Every page is scanned with axe.

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
  visit,
} from './lib.mjs';

const CHILDREN = 'Section 11 organisational self-assessment (children)';

/** A small, valid framework file with a key of its own for this run. */
function frameworkFile(key, question) {
  return `[framework]
key = "${key}"
name = "Browser test framework ${key}"
audience = "children"
version = 1
description = """
A framework imported by the browser tests."""
standing_rule = "default"

[[standards]]
code = "1"
title = "Who is responsible"
outcome = "Everyone knows who looks after safeguarding."

[[standards.criteria]]
code = "1.1"
question = "${question}"
guidance = """
The lead is the person anyone can go to with a worry. Everyone should know their name."""
evidence = ["Poster with names"]
answer = "rating"
not_applicable = false
narrative_required = true
`;
}

async function upload(page, text, { status = 200 } = {}) {
  await visit(page, '/frameworks/import');
  await assertHeading(page, 'Import a framework file');
  await page.getByLabel('Framework file', { exact: true }).setInputFiles({
    name: 'framework.toml',
    mimeType: 'text/plain',
    buffer: Buffer.from(text),
  });
  await click(page, page.getByRole('button', { name: 'Check and import', exact: true }), { status });
}

journey('Frameworks', ({ javaScript }) => {
  test('an organisation lead reads a shipped framework and its print view', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.safeguardingLead);
    await click(page, page.getByRole('link', { name: 'Frameworks', exact: true }).first());
    await assertHeading(page, 'Frameworks');
    await click(page, page.getByRole('link', { name: new RegExp(`^${CHILDREN.replace(/[()]/g, '\\$&')}`) }).first());
    await assertHeading(page, CHILDREN);
    assert.ok((await page.getByText('Examples of evidence').count()) > 50, 'guidance and evidence are shown');
    assert.equal(await page.getByRole('button', { name: 'Publish this version' }).count(), 0);
    await click(page, page.getByRole('link', { name: 'Print-friendly version', exact: true }));
    await assertHeading(page, CHILDREN);
  });

  test('a platform admin imports a draft, publishes it and sees what changed', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.platformAdmin);
    const key = unique('browser-fw').toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 60);

    await upload(page, frameworkFile(key, 'We have a named lead.').replace('answer = "rating"', 'answer = "ratings"'), {
      status: 422,
    });
    const problems = await assertErrorSummary(page);
    assert.ok(problems.some((p) => p.includes('line')), `problems name their line: ${problems}`);

    await upload(page, frameworkFile(key, 'We have a named lead.'));
    await assertSuccessBanner(page, 'as a draft');
    await click(page, page.getByRole('button', { name: 'Publish this version', exact: true }));
    await assertSuccessBanner(page, 'is published');

    await upload(page, frameworkFile(key, 'We have a named lead and a deputy.'));
    await assertSuccessBanner(page, 'version 2 as a draft');
    await click(page, page.getByRole('link', { name: 'What changed since the previous version', exact: true }));
    await assertHeading(page, 'Changes from version 1 to version 2');
    assert.ok((await page.getByText('We have a named lead and a deputy.').count()) > 0);
  });

  test('a partnership admin adds a local question', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, demo.partnershipAdmin);
    await openFromHome(page, KESTREL_PARTNERSHIP);
    await click(page, page.getByRole('link', { name: 'Local questions', exact: true }));
    await assertHeading(page, 'Local questions');

    await click(page, page.getByRole('button', { name: 'Add question', exact: true }), { status: 422 });
    await assertErrorSummary(page);

    const question = `${unique('How do you hear from young carers')}?`;
    await page.getByLabel('Where does it go?', { exact: true }).selectOption('s11-children|1');
    await page.getByLabel('Question', { exact: true }).fill(question);
    await page.getByRole('group', { name: 'How is it answered?' }).getByRole('radio', { name: 'Text', exact: true }).check();
    await click(page, page.getByRole('button', { name: 'Add question', exact: true }));
    await assertSuccessBanner(page, 'Local question');
    assert.ok((await page.getByText(question).count()) > 0);
  });
});
