// Journey (d): a crawl. Signed out, every page linked from the start page; then,
// for each demo role, every link in the service navigation and on Home. Each
// page is scanned by axe on the way (see lib.mjs).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KESTREL_PARTNERSHIP,
  POLICE_ORGANISATION,
  assertHeading,
  baseURL,
  demo,
  journey,
  newPage,
  signIn,
  visit,
} from './lib.mjs';

/** What each role must find on Home, beside whatever else is there. */
const roles = [
  { role: 'platform admin', email: demo.platformAdmin, home: ['Partnerships', 'Organisations', 'Users', 'Outbox'] },
  { role: 'partnership admin', email: demo.partnershipAdmin, home: [KESTREL_PARTNERSHIP] },
  { role: 'analyst', email: demo.analyst, home: [KESTREL_PARTNERSHIP] },
  { role: 'panel member', email: demo.panelMember, home: [KESTREL_PARTNERSHIP] },
  { role: 'safeguarding lead', email: demo.safeguardingLead, home: [POLICE_ORGANISATION] },
  { role: 'contributor', email: demo.contributor, home: [POLICE_ORGANISATION] },
  { role: 'senior sign-off', email: demo.seniorSignOff, home: [POLICE_ORGANISATION] },
];

// Files (exports) download rather than load as a page; the crawl skips them.
const DOWNLOAD = /\.(csv|xlsx|docx|pdf|json|zip)$/i;

/** The distinct same-site page URLs linked from `locator`, without fragments. */
async function linksIn(locator) {
  const hrefs = await locator.locator('a[href]').evaluateAll((links) => links.map((a) => a.href));
  const urls = new Set();
  for (const href of hrefs) {
    const url = new URL(href);
    url.hash = '';
    if (url.origin === new URL(baseURL).origin && !DOWNLOAD.test(url.pathname)) urls.add(url.href);
  }
  return [...urls];
}

/** Visits every URL, then fails once, listing every page that failed. */
async function visitAll(page, urls) {
  const failures = [];
  for (const url of urls) {
    try {
      await visit(page, url);
    } catch (error) {
      failures.push(error.message);
    }
  }
  if (failures.length > 0) {
    assert.fail(`${failures.length} of ${urls.length} pages failed:\n\n${failures.join('\n\n')}`);
  }
}

journey('Crawling every page a role can reach from Home', ({ javaScript }) => {
  test('signed out: the start page and every page it links to', async () => {
    const page = await newPage({ javaScript });
    await visit(page, '/');
    await assertHeading(page, 'Organisational Safeguarding Assessment');

    const footer = page.getByRole('contentinfo');
    for (const name of ['Accessibility', 'Privacy', 'Cookies']) {
      assert.ok(
        (await footer.getByRole('link', { name: new RegExp(name, 'i') }).count()) > 0,
        `no ${name} link in the footer`,
      );
    }
    const urls = await linksIn(page.locator('body'));
    for (const path of ['/sign-in', '/register', '/accessibility', '/privacy', '/cookies']) {
      assert.ok(urls.includes(`${baseURL}${path}`), `the start page does not link to ${path}`);
    }
    await visitAll(page, urls);
  });

  for (const { role, email, home } of roles) {
    test(`${role}: every link in the service navigation and on Home`, async () => {
      const page = await newPage({ javaScript });
      await signIn(page, email);

      const main = page.getByRole('main');
      for (const name of home) {
        assert.ok(
          (await main.getByRole('link', { name, exact: true }).count()) > 0,
          `Home for the ${role} has no "${name}" link`,
        );
      }

      const urls = new Set([
        ...(await linksIn(page.locator('.govuk-service-navigation'))),
        ...(await linksIn(main)),
      ]);
      await visitAll(page, [...urls]);
    });
  }
});
