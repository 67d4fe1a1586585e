// Shared helpers for osa's browser tests.
//
// Every journey runs twice, with JavaScript on and off, against a running osa
// (`OSA_BASE_URL`, demo data loaded with `OSA_DEMO_PASSWORD`). Every page the
// browser loads is scanned by axe against WCAG 2.2 AA, and the test fails with
// the violations listed. To keep that promise, move between pages only through
// `visit()` and `click()`: at the end of each test, a page load that was not
// scanned fails the test, as do JavaScript errors and failed asset requests.
//
// Why JavaScript-off pages are scanned on a copy: axe needs timers, and a page
// with JavaScript disabled runs none, so axe would hang. The page's own HTML is
// therefore rendered again in a JavaScript-enabled scanner page, at the same URL
// (so CSS, fonts and images load from the server) with its scripts blocked by a
// Content-Security-Policy: the DOM axe sees is the one the user without
// JavaScript sees.

import assert from 'node:assert/strict';
import { after, afterEach, describe } from 'node:test';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const baseURL = requiredEnv('OSA_BASE_URL').replace(/\/+$/, '');
export const demoPassword = requiredEnv('OSA_DEMO_PASSWORD');

/** The demo region's accounts, one per role (see `osa demo`). */
export const demo = {
  platformAdmin: 'admin@demo.example',
  partnershipAdmin: 'admin.kestrel@demo.example',
  analyst: 'analyst.kestrel@demo.example',
  panelMember: 'panel.kestrel@demo.example',
  safeguardingLead: 'lead.police@demo.example',
  contributor: 'contributor.police@demo.example',
  seniorSignOff: 'signoff.police@demo.example',
};

export const KESTREL_PARTNERSHIP = 'Kestrel Vale Safeguarding Children Partnership';
export const POLICE_ORGANISATION = 'Kestrel Vale and Marsham Police';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_TIMEOUT_MS = 60_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} must be set (see .ci/run): the browser tests need a running osa`);
  }
  return value;
}

// ---------------------------------------------------------------------------
// Unique test data, so reruns against the same server do not collide.

const runStamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14); // 20261123221500
let sequence = 0;

/** "Marsham Youth Trust 20261123221500-4711-3": unique per call, per run. */
export function unique(label) {
  sequence += 1;
  return `${label} ${runStamp}-${process.pid}-${sequence}`;
}

/** A unique address at example.org (a domain reserved for examples). */
export function uniqueEmail(localPart) {
  sequence += 1;
  return `${localPart}.${runStamp}.${process.pid}.${sequence}@example.org`;
}

/** A long password no policy should refuse. */
export function newPassword() {
  sequence += 1;
  return `Riverbank-lantern-${runStamp}-${sequence}`;
}

// ---------------------------------------------------------------------------
// Browser, contexts and pages.

let browserPromise;

function browser() {
  browserPromise ??= chromium.launch({
    executablePath: process.env.OSA_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return browserPromise;
}

after(async () => {
  if (browserPromise) await (await browserPromise).close();
});

/** Per-page bookkeeping: JavaScript mode, loads seen, scans done, problems. */
const pageStates = new WeakMap();
const openPages = new Set();

function stateOf(page) {
  const state = pageStates.get(page);
  assert.ok(state, 'this page was not made by newPage() from lib.mjs');
  return state;
}

async function newContext(javaScript) {
  const context = await (await browser()).newContext({
    baseURL,
    javaScriptEnabled: javaScript,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/**
 * A fresh browser context (its own cookies, so its own session) with one page.
 * Pages left open are closed, and checked, after each test.
 */
export async function newPage({ javaScript }) {
  assert.equal(typeof javaScript, 'boolean', 'newPage needs { javaScript: true | false }');
  const context = await newContext(javaScript);
  const page = await context.newPage();
  const state = { javaScript, loads: [], scans: 0, problems: [], scanner: null };
  pageStates.set(page, state);
  openPages.add(page);

  page.on('load', () => {
    if (page.url() !== 'about:blank') state.loads.push(page.url());
  });
  page.on('pageerror', (error) => {
    state.problems.push(`JavaScript error on ${page.url()}: ${error.message}`);
  });
  page.on('console', (message) => {
    // Failed requests are reported (better) by the response listener below;
    // a 422 form page is one of them and is expected.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      state.problems.push(`console error on ${page.url()}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const request = response.request();
    const url = new URL(response.url());
    if (request.isNavigationRequest() || url.pathname === '/favicon.ico') return;
    if (response.status() >= 400) {
      state.problems.push(`${response.status()} for ${response.url()} (loaded by ${page.url()})`);
    }
  });
  page.on('requestfailed', (request) => {
    // ERR_ABORTED: the browser dropped the request itself (the page moved on).
    if (request.isNavigationRequest() || request.failure()?.errorText === 'net::ERR_ABORTED') return;
    state.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText}) on ${page.url()}`);
  });
  return page;
}

/** Closes a page's context; throws if any load went unscanned or anything failed. */
export async function closePage(page) {
  const state = stateOf(page);
  openPages.delete(page);
  // Read the findings before closing: closing aborts requests still in flight.
  const problems = [...state.problems];
  await page.context().close();
  if (state.scanner) await state.scanner.context().close();

  if (state.loads.length > state.scans) {
    problems.push(
      `${state.loads.length - state.scans} page load(s) were not scanned by axe; ` +
        `navigate with visit()/click() from lib.mjs. Loads: ${state.loads.join(', ')}`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Problems seen by the browser:\n- ${problems.join('\n- ')}`);
  }
}

async function closeAllPages() {
  const failures = [];
  for (const page of [...openPages]) {
    try {
      await closePage(page);
    } catch (error) {
      failures.push(error.message);
    }
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
}

/**
 * Declares a journey twice, as `describe` blocks for JavaScript on and off.
 * `body({ javaScript })` declares the tests; pages are closed after each one.
 */
export function journey(title, body) {
  for (const javaScript of [true, false]) {
    describe(`${title} (JavaScript ${javaScript ? 'on' : 'off'})`, () => {
      afterEach(closeAllPages);
      body({ javaScript });
    });
  }
}

// ---------------------------------------------------------------------------
// Navigation: every page load goes through one of these, and is scanned.

/** Goes to a path (or an absolute URL) and scans the page; checks the final status. */
export async function visit(page, pathOrUrl, { status = 200 } = {}) {
  const response = await page.goto(pathOrUrl);
  await settle(page, response, status, `GET ${pathOrUrl}`);
  return response;
}

/**
 * Clicks a link or button. If that loads a page (following redirects), the page
 * is scanned and its status checked: 200 unless `status` says otherwise (a
 * number, a list of numbers, or null for any).
 */
export async function click(page, locator, { status = 200 } = {}) {
  const navigations = [];
  const record = (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      navigations.push(response);
    }
  };
  page.on('response', record);
  try {
    await locator.click();
    await page.waitForLoadState('load');
  } finally {
    page.off('response', record);
  }
  const response = navigations.at(-1) ?? null;
  await settle(page, response, response ? status : null, 'the page loaded by the click');
  return response;
}

async function settle(page, response, expectedStatus, what) {
  // Scan first so that the load is counted even if the status is wrong, then
  // report the wrong status (the likelier root cause) ahead of violations.
  let scanError = null;
  try {
    await scanIfNew(page);
  } catch (error) {
    scanError = error;
  }
  if (expectedStatus !== null && expectedStatus !== undefined) {
    const allowed = [expectedStatus].flat();
    const actual = response?.status();
    if (!allowed.includes(actual)) {
      const h1 = await page.locator('h1').first().innerText({ timeout: 1000 }).catch(() => '(no h1)');
      throw new Error(
        `${what}: expected status ${allowed.join(' or ')} but got ${actual} at ${page.url()} (h1: ${h1})`,
      );
    }
  }
  if (scanError) throw scanError;
}

async function scanIfNew(page) {
  await page.waitForLoadState('load');
  // A marker on the window tells whether this document was already scanned;
  // a new document (a real page load) starts without it.
  const fresh = await page.evaluate(() => {
    if (window.__osaAxeScanned) return false;
    window.__osaAxeScanned = true;
    return true;
  });
  if (!fresh) return;
  const state = stateOf(page);
  state.scans += 1;
  const scanned = state.javaScript ? page : await scannerCopyOf(page, state);
  const results = await withTimeout(
    new AxeBuilder({ page: scanned }).withTags(AXE_TAGS).analyze(),
    AXE_TIMEOUT_MS,
    `axe on ${page.url()}`,
  );
  if (results.violations.length > 0) {
    throw new Error(describeViolations(page.url(), state.javaScript, results.violations));
  }
}

/** Renders the JavaScript-off page's HTML again in a scanner page (see the header). */
async function scannerCopyOf(page, state) {
  const url = page.url();
  const html = await page.content();
  if (!state.scanner) {
    const context = await newContext(true);
    state.scanner = await context.newPage();
  }
  const scanner = state.scanner;
  const target = withoutHash(url);
  const matches = (candidate) => withoutHash(candidate.href) === target;
  const fulfil = (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': "script-src 'none'" },
      body: html,
    });
  await scanner.route(matches, fulfil);
  try {
    // Scanning before the stylesheet applies would judge unstyled HTML (seen once
    // on a loaded CI machine), so wait until GOV.UK Frontend's body style is in force,
    // and load the copy again if it never is.
    for (let attempt = 1; ; attempt += 1) {
      await scanner.goto(url, { waitUntil: 'load' });
      const styled = await scanner
        .waitForFunction(() => getComputedStyle(document.body).marginTop === '0px', null, { timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (styled) break;
      if (attempt === 3) throw new Error(`the stylesheet never applied to the scanner copy of ${url}`);
    }
  } finally {
    await scanner.unroute(matches, fulfil);
  }
  return scanner;
}

function withoutHash(url) {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function describeViolations(url, javaScript, violations) {
  const lines = [
    `axe found ${violations.length} accessibility violation(s) on ${url} ` +
      `(JavaScript ${javaScript ? 'on' : 'off'}):`,
  ];
  for (const violation of violations) {
    lines.push(`- ${violation.id} (${violation.impact}): ${violation.help} <${violation.helpUrl}>`);
    for (const node of violation.nodes) {
      lines.push(`    element: ${node.target.join(' ')}`);
    }
  }
  return lines.join('\n');
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// Assertions about the page.

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

export function assertPath(page, expected) {
  const path = pathOf(page);
  if (expected instanceof RegExp) {
    assert.match(path, expected, `unexpected page ${page.url()}`);
  } else {
    assert.equal(path, expected, `unexpected page ${page.url()}`);
  }
}

/**
 * The page's one h1 is `expected` (a string: the whole heading or one line of
 * it, since a caption may share the h1; or a RegExp).
 */
export async function assertHeading(page, expected) {
  const text = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  if (expected instanceof RegExp) {
    assert.match(text, expected, `h1 on ${page.url()}`);
    return;
  }
  const lines = text.split('\n').map((line) => line.trim());
  assert.ok(
    text.replace(/\s+/g, ' ') === expected || lines.includes(expected),
    `expected h1 "${expected}" on ${page.url()}, found "${text}"`,
  );
}

/** The GOV.UK error summary is shown; returns its messages. */
export async function assertErrorSummary(page) {
  const summary = page
    .getByRole('alert')
    .filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
  assert.equal(await summary.count(), 1, `expected an error summary on ${page.url()}`);
  return (await summary.getByRole('listitem').allInnerTexts()).map((text) => text.trim());
}

/** A success notification banner (role alert) containing `text` is shown. */
export async function assertSuccessBanner(page, text) {
  const banner = page.getByRole('alert').filter({ hasText: text });
  assert.ok((await banner.count()) > 0, `expected a banner mentioning "${text}" on ${page.url()}`);
}

// ---------------------------------------------------------------------------
// Accounts.

/** Signs in through /sign-in and checks the user lands on Home. */
export async function signIn(page, email, password = demoPassword) {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await click(page, page.getByRole('button', { name: 'Sign in', exact: true }));
  assertPath(page, '/home');
  await assertHeading(page, 'Home');
}

/** Signs out with the service navigation's "Sign out" button. */
export async function signOut(page) {
  await click(page, page.getByRole('button', { name: 'Sign out', exact: true }));
  assert.equal(
    await page.getByRole('button', { name: 'Sign out', exact: true }).count(),
    0,
    'still signed in after "Sign out"',
  );
}

/** Sets a password on an invitation page and checks the user lands on Home. */
export async function acceptInvitation(page, invitationUrl, password = newPassword()) {
  await visit(page, invitationUrl);
  await page.getByLabel('Create a password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password', { exact: true }).fill(password);
  await click(page, page.getByRole('button', { name: 'Set password', exact: true }));
  assertPath(page, '/home');
  await assertHeading(page, 'Home');
  return password;
}

/** From Home, follows the link named `name` (a partnership or organisation). */
export async function openFromHome(page, name) {
  if (pathOf(page) !== '/home') await visit(page, '/home');
  await click(page, page.getByRole('main').getByRole('link', { name, exact: true }));
}

/**
 * From Home, opens the organisation's self-assessment on the framework named
 * `framework`, starting it first when nobody has: from the return a partnership
 * asked for ("Start the … self-assessment") or from the published frameworks
 * ("Start …"). Ends on the assessment's task list.
 */
export async function openSelfAssessment(page, organisation, framework) {
  await openFromHome(page, organisation);
  await click(page, page.getByRole('link', { name: 'Self-assessments', exact: true }));
  await assertHeading(page, 'Self-assessments');
  const name = escapeRegExp(framework);
  const links = page.getByRole('main').getByRole('link', { name: new RegExp(name) });
  for (let index = 0; index < (await links.count()); index += 1) {
    if ((await links.nth(index).getAttribute('href')).startsWith('/assessments/')) {
      await click(page, links.nth(index));
      return;
    }
  }
  await click(page, page.getByRole('button', { name: new RegExp(`^Start (the )?${name}`) }).first());
}

// ---------------------------------------------------------------------------
// The outbox (mail is kept there when no SMTP server is configured).

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Signs in as the platform admin in a separate context, opens /admin/outbox and
 * calls `use(admin, rows)` with the rows of messages to `email`, newest first.
 * Newest first means by `<time datetime>` when every row has one, otherwise the
 * table's own order (which is then assumed to be newest first).
 */
async function withOutboxRowsFor(page, email, use) {
  const admin = await newPage({ javaScript: stateOf(page).javaScript });
  let result;
  try {
    await signIn(admin, demo.platformAdmin);
    await visit(admin, '/admin/outbox');
    const recipient = new RegExp(`(^|[^\\w.+-])${escapeRegExp(email)}($|[^\\w.-])`, 'i');
    const recipientCell = admin.locator('td, th').filter({ hasText: recipient });
    const rows = admin.getByRole('row').filter({ has: recipientCell });
    const count = await rows.count();
    const order = [...Array(count).keys()];
    const stamps = [];
    for (const index of order) {
      const time = rows.nth(index).locator('time[datetime]');
      stamps.push((await time.count()) > 0 ? Date.parse(await time.first().getAttribute('datetime')) : NaN);
    }
    if (stamps.every((stamp) => !Number.isNaN(stamp))) {
      order.sort((a, b) => stamps[b] - stamps[a]);
    }
    result = await use(admin, order.map((index) => rows.nth(index)));
  } catch (error) {
    await closePage(admin).catch(() => {}); // the first failure is the one worth reading
    throw error;
  }
  await closePage(admin);
  return result;
}

/** The subjects of the messages to `email` in the outbox, newest first. */
export async function listMailTo(page, email) {
  return withOutboxRowsFor(page, email, async (_admin, rows) => {
    const subjects = [];
    for (const row of rows) subjects.push((await row.getByRole('link').first().innerText()).trim());
    return subjects;
  });
}

/**
 * Opens the newest message to `email` in the outbox and returns the first link
 * in its body that starts with the base URL. With `linkPath` (e.g.
 * "/invitation/"), returns the first link starting with base URL + linkPath
 * from the newest message that has one.
 */
export async function readLatestMailTo(page, email, { linkPath } = {}) {
  const wanted = baseURL + (linkPath ?? '');
  return withOutboxRowsFor(page, email, async (admin, rows) => {
    assert.ok(rows.length > 0, `no message to ${email} in /admin/outbox`);
    const outboxUrl = admin.url();
    const candidates = linkPath ? rows.slice(0, 5) : rows.slice(0, 1);
    const seen = [];
    for (const [index, row] of candidates.entries()) {
      if (index > 0) await visit(admin, outboxUrl);
      const subject = (await row.getByRole('link').first().innerText()).trim();
      await click(admin, row.getByRole('link').first());
      const body = admin.getByRole('main');
      const hrefs = await body.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      const found = hrefs.find((href) => href.startsWith(wanted));
      if (found) return found;
      seen.push(`"${subject}": links ${JSON.stringify(hrefs)}`);
    }
    assert.fail(`no link starting with ${wanted} in the newest message(s) to ${email}: ${seen.join('; ')}`);
  });
}

// ---------------------------------------------------------------------------
// Opening a cycle: the details, then (when the partnership has local questions for
// the framework) the local questions; ends on the page that invites organisations.

/** Chooses the demo's children's framework on the cycle form's first step. */
export async function chooseChildrensFramework(page) {
  await page.getByRole('radio', { name: /^Section 11 organisational self-assessment \(children\)/ }).check();
}

/** Presses Continue on the first step, and opens the cycle on the second if it comes. */
export async function continueToInvite(page) {
  await click(page, page.getByRole('button', { name: 'Continue', exact: true }));
  const h1 = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  if (h1.includes('Which local questions does this cycle ask?')) {
    await click(page, page.getByRole('button', { name: 'Open the cycle', exact: true }));
  }
}
