// Journey: a school's safeguarding lead, whose children's return is answered, starts
// the joint self-assessment, finds its first answer offered from the children's one,
// uses it, checks the copied fields and saves.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertHeading, assertSuccessBanner, click, journey, newPage, openSelfAssessment, signIn } from './lib.mjs';

const SCHOOL = 'Kestrel Vale Academy';
const SCHOOL_LEAD = 'lead.kestrel-vale-academy@demo.example';
const JOINT = 'Joint safeguarding self-assessment (children and adults)';

journey('Answering once', ({ javaScript }) => {
  test('a lead uses an answer given in another framework', async () => {
    const page = await newPage({ javaScript });
    await signIn(page, SCHOOL_LEAD);
    await openSelfAssessment(page, SCHOOL, JOINT);
    await assertHeading(page, JOINT);
    await click(page, page.getByRole('link', { name: /^1\. / }).first());
    const use = page.getByRole('button', { name: /^Use this answer/ }).first();
    assert.ok((await use.count()) > 0, 'an answer from the children framework is offered');
    await click(page, use);
    assert.ok((await page.getByText(/are copied into|is copied into/).count()) > 0, 'the copy is explained');
    assert.ok((await page.getByText('Nothing on this page is saved yet').count()) > 0);
    const narrative = page.getByLabel(/^Narrative evidence/).first();
    assert.notEqual((await narrative.inputValue()).trim(), '', 'the narrative is copied');
    await click(page, page.getByRole('button', { name: 'Save and return to the task list' }));
    // The second run (JavaScript on, then off) saves the same answer again.
    await assertSuccessBanner(page, /Saved 1\.|nothing had changed since the last save/);
  });
});
