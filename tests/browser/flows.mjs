// End-to-end flows through the web pages of a running tcmatch, in headless chromium, by real
// clicks and typing: a State focal point files a request and agrees to share it, a provider
// expresses interest and the State agrees, the provider publishes offers from a CSV file (first
// with a mistake), the State's pages in Arabic, and signing out; with TCMATCH_ADMIN_KEY also an
// administrator's pages (issuing and revoking a key, the audit trail, importing UPR
// recommendations). One browser context per person.
//
//   TCMATCH_STATE_KEY=... TCMATCH_PROVIDER_KEY=... TCMATCH_PROVIDER_ID=... [TCMATCH_ADMIN_KEY=...] \
//     node tests/browser/flows.mjs http://127.0.0.1:8080
//
// Every page visited is audited with axe-core (WCAG 2.0/2.1 A and AA; serious and critical
// violations fail) and screenshotted as flow-<nn>-<step>.png. Prints `ok <step>` or
// `FAIL <step>: <why>` per step, and `skip <flow>: <why>` for a flow that cannot run (it is
// neither ok nor failed). Exit code: 0 if all passed, 1 if any failed, 2 on wrong usage.
import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  artifactsDir, audit, describeViolation, launch, newContext, screenshot, seriousViolations, viewport,
} from './lib.mjs';

const TIMEOUT_MS = 10_000;
/** How long a consented request may take to reach the matcher's index. */
const MATCH_WAIT_MS = 20_000;
const OFFER_TITLE = 'Support to national preventive mechanisms';
const RECOMMENDATION = /Optional Protocol to the Convention against Torture/i;
const TORTURE_LABEL = 'Torture and other cruel, inhuman or degrading treatment';
const AR_SIGN_OUT = 'تسجيل الخروج';
const AR_NEW_REQUEST = 'تقديم طلب جديد';

const arg = process.argv[2];
if (!arg || arg === '-h' || arg === '--help') {
  console.error('usage: node tests/browser/flows.mjs BASE_URL   (e.g. http://127.0.0.1:8080)');
  console.error('  with TCMATCH_STATE_KEY, TCMATCH_PROVIDER_KEY and TCMATCH_PROVIDER_ID in the environment');
  console.error('  (and TCMATCH_ADMIN_KEY for flow 7, the administrator\'s pages; without it flow 7 is skipped)');
  process.exit(2);
}
let base;
try {
  base = new URL(arg);
} catch {
  console.error(`not a URL: ${arg}`);
  process.exit(2);
}
const env = {};
for (const name of ['TCMATCH_STATE_KEY', 'TCMATCH_PROVIDER_KEY', 'TCMATCH_PROVIDER_ID']) {
  env[name] = process.env[name]?.trim();
  if (!env[name]) {
    console.error(`${name} is not set (see tests/browser/README.md)`);
    process.exit(2);
  }
}
/** Optional: an administrator's key, for flow 7. */
env.TCMATCH_ADMIN_KEY = process.env.TCMATCH_ADMIN_KEY?.trim() || undefined;

const started = Date.now();
const url = (path) => new URL(path, base).href;
// Unique per run: the server keeps what earlier runs stored.
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, ''); // 20261130T234501
const runId = `run${stamp}`;
const requestTitle = `Establish a national preventive mechanism ${runId}`;
/** The requests of any run of these flows. */
const FLOW_REQUEST = /^Establish a national preventive mechanism run\d{8}T\d{6}$/;
const requestDescription = 'Technical assistance to set up a national preventive mechanism under the Optional '
  + 'Protocol to the Convention against Torture: legal drafting of the law establishing it, and training of its '
  + 'members in monitoring places of detention to prevent torture and ill-treatment.';

// ---------------------------------------------------------------------------------------------
// Reporting

let failures = 0;
let skipped = 0;
let stepCount = 0;
let shotCount = 0;
/** Serious/critical axe violations, per page: { shot, path, who, signedIn, violations }. */
const axeFindings = [];
/** What the steps found, for the steps after them. */
const found = {};

function ok(name, detail) {
  stepCount += 1;
  console.log(`ok ${name}${detail ? `  (${detail})` : ''}`);
}
function fail(name, why) {
  stepCount += 1;
  failures += 1;
  console.log(`FAIL ${name}: ${why}`);
}

/** A flow that cannot run: neither ok nor failed. */
function skip(name, why) {
  skipped += 1;
  console.log(`skip ${name}: ${why}`);
}

/** A check that failed: its message is the reason printed. */
class Check extends Error {}
function expect(condition, why) {
  if (!condition) throw new Check(why);
}

/**
 * Runs one step: `ok` when `fn` returns, `FAIL` with the reason when it throws. A step whose
 * `needs` (keys of `found`) an earlier step did not provide is failed without running.
 */
async function step(name, needs, fn) {
  const missing = needs.filter((k) => found[k] === undefined);
  if (missing.length > 0) {
    fail(name, `not run: an earlier step did not provide ${missing.join(', ')}`);
    return;
  }
  try {
    const detail = await fn();
    ok(name, typeof detail === 'string' ? detail : '');
  } catch (e) {
    const why = e instanceof Check ? e.message : `${e.name}: ${e.message.split('\n')[0]}`;
    fail(name, `${why}${e.context ? ` [${e.context}]` : ''}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Pages

/** One person's browser context and page, with the console errors it saw. */
async function person(browser, who) {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.setDefaultNavigationTimeout(TIMEOUT_MS);
  const p = { who, context, page, consoleErrors: [], lastStatus: null };
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs a page's own 4xx status (an error page, a form sent back with its
    // problems) as a failed resource: that is the page, not a broken part of it.
    if (/^Failed to load resource/.test(m.text()) && m.location()?.url === page.url()) return;
    p.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => p.consoleErrors.push(`uncaught ${e.name}: ${e.message}`));
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) p.lastStatus = r.status();
  });
  return p;
}

/** Opens a page by its address (reading it, as a reader following a link or bookmark would). */
async function open(p, path) {
  const res = await p.page.goto(url(path), { waitUntil: 'load' });
  return res?.status() ?? null;
}

/** Clicks something that loads a new page (a link, a form's button) and waits for it to load. */
async function clickAndLoad(p, locator) {
  const { page } = p;
  await locator.waitFor({ state: 'visible' });
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await locator.click();
  await navigated;
  await page.waitForLoadState('load');
}

/** The path of the page shown (with the query, without the fragment). */
function pathOf(p) {
  const u = new URL(p.page.url());
  return u.pathname + u.search;
}

/** The main content's text, whitespace collapsed. */
async function mainText(p) {
  return squash(await p.page.locator('main').innerText());
}
const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** What the page says is wrong (problem lists and messages), to explain a failed step. */
async function problemsShown(p) {
  const texts = await p.page.locator('.problems, .problem, [role="alert"]').allInnerTexts();
  const h1 = squash(await p.page.locator('h1').first().innerText().catch(() => ''));
  const shown = [...new Set(texts.map(squash).filter(Boolean))].join(' | ');
  return `page ${pathOf(p)} (HTTP ${p.lastStatus ?? '?'}, "${h1}")${shown ? `, says: ${shown.slice(0, 400)}` : ''}`;
}

/** Throws with the page's state attached when `condition` is false. */
async function expectOn(p, condition, why) {
  if (!condition) {
    const e = new Check(why);
    e.context = await problemsShown(p);
    throw e;
  }
}

async function expectPath(p, wanted, what) {
  const at = new URL(p.page.url()).pathname;
  const good = wanted instanceof RegExp ? wanted.test(at) : at === wanted;
  await expectOn(p, good, `${what}: expected to be on ${wanted}, but on ${at}`);
}

/** Whether the page scrolls sideways, and the first elements that stick out of the viewport. */
async function sideways(page) {
  return page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= client) return null;
    const out = [...document.querySelectorAll('body *')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.left < -1 || r.right > client + 1))
      .slice(0, 4)
      .map(({ el, r }) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}> (${Math.round(r.left)}..${Math.round(r.right)})`);
    return `the page is ${scroll}px wide in a ${client}px viewport, so it scrolls sideways; sticking out: ${out.join(', ') || '?'}`;
  });
}

/**
 * Every page a flow visits: a full-page screenshot `flow-<nn>-<name>.png`, the axe audit and a
 * check that the page does not scroll sideways, reported on a line of its own
 * (`ok page ...` / `FAIL page ...`).
 */
async function checkpoint(p, name) {
  shotCount += 1;
  const shot = `flow-${String(shotCount).padStart(2, '0')}-${name}`;
  const path = pathOf(p);
  const label = `page ${shot} ${p.who} ${path}`;
  try {
    await p.page.evaluate(() => { document.activeElement?.blur?.(); window.scrollTo(0, 0); });
    await screenshot(p.page, shot);
    const all = await audit(p.page);
    const bad = seriousViolations(all);
    const signedIn = (await p.page.locator('header .account form[action$="/sign-out"]').count()) > 0;
    const errors = p.consoleErrors.splice(0);
    const notes = [`axe: ${bad.length} serious/critical, ${all.length - bad.length} moderate/minor`];
    if (errors.length) notes.push(`console errors: ${errors.join('; ')}`);
    const problems = [];
    if (bad.length > 0) {
      axeFindings.push({ shot, path, who: p.who, signedIn, violations: bad });
      problems.push(`axe ${bad.map((v) => `${v.impact} ${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}${v.nodes.length > 3 ? ', ...' : ''}): ${v.help}`).join('; ')}`);
    }
    const wide = await sideways(p.page);
    if (wide) problems.push(`layout: ${wide}`);
    if (problems.length > 0) {
      fail(label, problems.join('; '));
    } else {
      ok(label, notes.join('; '));
    }
  } catch (e) {
    fail(label, `could not audit: ${e.message.split('\n')[0]}`);
  }
}

/** Signs in with a key through the sign-in form; lands on /en/my. */
async function signIn(p, key) {
  await open(p, '/en/sign-in');
  await checkpoint(p, `${p.who}-sign-in`);
  await p.page.getByLabel('Your key', { exact: true }).fill(key);
  await clickAndLoad(p, p.page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }));
  await expectPath(p, '/en/my', 'after signing in');
}

/** The record (section) of the State's own request on /{lang}/my. */
function requestRecord(p) {
  return p.page.locator('section.record', { has: p.page.locator(`h3[id="r-${found.requestId}"]`) });
}

/** The record (section) of this run's engagement on /{lang}/my. */
function engagementRecord(p) {
  return p.page.locator('section.record', {
    has: p.page.locator('h3[id^="e-"]', { has: p.page.locator(`a[href$="/requests/${found.requestId}"]`) }),
  });
}

/** The requests list narrowed by the "Words" field to this run's request. */
async function searchRequests(p) {
  await open(p, '/en/requests');
  await p.page.getByLabel('Words', { exact: true }).fill(runId);
  await clickAndLoad(p, p.page.getByRole('button', { name: 'Show', exact: true }));
  const titles = (await p.page.locator('main table tbody a').allInnerTexts()).map(squash);
  return titles;
}

function csv(rows) {
  return Buffer.from(`provider,title,themes,global\n${rows.map((r) => r.join(',')).join('\n')}\n`, 'utf8');
}

/** <html lang="ar" dir="rtl"> and a right-to-left body. */
async function rtlChecks(p, what) {
  const doc = await p.page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    body: getComputedStyle(document.body).direction,
  }));
  await expectOn(p, doc.lang === 'ar', `${what}: <html lang> is ${JSON.stringify(doc.lang)}, expected "ar"`);
  await expectOn(p, doc.dir === 'rtl', `${what}: <html dir> is ${JSON.stringify(doc.dir)}, expected "rtl"`);
  await expectOn(p, doc.body === 'rtl', `${what}: the body's computed direction is "${doc.body}", expected "rtl"`);
}

// ---------------------------------------------------------------------------------------------
// 7. The administrator (helpers; the steps run in adminFlow)

const keyLabel = `Uganda focal point ${runId}`;
/** The Revoke buttons of the keys these flows issue (each run revokes its own). */
const REVOKE_FLOW_KEY = /^Revoke the key of Uganda focal point run\d{8}T\d{6}$/;
const importText = `Ratify OPCAT and establish a national preventive mechanism ${runId}.`;
const IMPORT_HEADER = 'To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session';
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rows of the table of keys on the page shown whose first cell ("Who it is for") is `label`. */
function keyRows(p, label) {
  return p.page.locator('main table tbody tr')
    .filter({ has: p.page.locator('td:first-child', { hasText: label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }) });
}

/**
 * The row of the key labelled `label` in "Every key", following the list's "Next" links from
 * the page shown (keys are listed oldest first, so a new one is on the last page).
 */
async function findKeyRow(p, label) {
  for (let pages = 1; pages <= 50; pages += 1) {
    const row = keyRows(p, label);
    if ((await row.count()) > 0) return { row: row.first(), pages };
    const next = p.page.locator('main nav.pager a[rel="next"]');
    if ((await next.count()) === 0) return { row: null, pages };
    await clickAndLoad(p, next.first());
  }
  return { row: null, pages: 50 };
}

/** The audit trail narrowed through its filter form to one kind of record (and one record). */
async function auditOf(p, record, id = '') {
  const { page } = p;
  await page.getByLabel('Record', { exact: true }).selectOption({ label: record });
  await page.getByLabel('Record id', { exact: true }).fill(id);
  await clickAndLoad(p, page.getByRole('main').getByRole('button', { name: 'Show', exact: true }));
  const rows = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
  const count = squash(await page.locator('main nav.pager p[role="status"]').innerText().catch(() => ''));
  return { rows, count };
}

function importCsv(text) {
  return Buffer.from(`${IMPORT_HEADER}\nUganda,Africa,AU,${text},Norway,WEOG,,Accepted,5,Justice,10\n`, 'utf8');
}

async function adminFlow() {
  await step('7.1 Administrator signs in: /en/my links "API keys", "Audit trail", "Import UPR recommendations"', [], async () => {
    await signIn(admin, env.TCMATCH_ADMIN_KEY);
    const links = [];
    for (const name of ['API keys', 'Audit trail', 'Import UPR recommendations']) {
      const link = admin.page.getByRole('main').getByRole('link', { name, exact: true });
      await expectOn(admin, (await link.count()) > 0, `/en/my has no link "${name}"`);
      links.push(`${name} -> ${await link.first().getAttribute('href')}`);
    }
    await checkpoint(admin, 'admin-my');
    found.adminSignedIn = true;
    return links.join(', ');
  });

  await step('7.2 Administrator issues a State key for Uganda on "API keys"; the secret is shown', ['adminSignedIn'], async () => {
    const { page } = admin;
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'API keys', exact: true }));
    await expectPath(admin, '/en/admin/keys', 'the keys page');
    await checkpoint(admin, 'admin-keys');
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'State focal point' });
    await page.getByLabel('State', { exact: true }).selectOption({ label: 'Uganda' });
    await page.getByLabel('Who it is for', { exact: true }).fill(keyLabel);
    await clickAndLoad(admin, page.getByRole('button', { name: 'Issue the key', exact: true }));
    await expectPath(admin, '/en/admin/keys', 'after issuing the key');
    const notice = squash(await page.locator('main .notice').innerText().catch(() => ''));
    await expectOn(admin, notice.startsWith('The key was issued'), `the page says "${notice}", expected "The key was issued..."`);
    const secret = (await page.locator('code#secret').innerText().catch(() => '')).trim();
    await expectOn(admin, /^\S{16,}$/.test(secret), `no secret in code#secret (it reads "${secret}")`);
    await checkpoint(admin, 'admin-key-issued');
    const { row, pages } = await findKeyRow(admin, keyLabel);
    await expectOn(admin, row !== null, `"Every key" does not list "${keyLabel}" (${pages} page(s) looked at)`);
    const cells = await row.locator('td').allInnerTexts();
    await expectOn(admin, squash(cells[2] ?? '') === 'Uganda', `its row acts for "${cells[2]}", expected "Uganda"`);
    await expectOn(admin, secret.startsWith(squash(cells[3] ?? '-')), `its row's prefix "${cells[3]}" is not the start of the secret`);
    const action = await row.locator('form[action$="/revoke"]').getAttribute('action');
    found.keyId = action.split('/').at(-2);
    found.keySecret = secret;
    return `key ${found.keyId}, ${cells.map(squash).join(' | ')}${pages > 1 ? `, on page ${pages} of the list` : ''}`;
  });

  await step('7.3 The holder signs in with the new key (own context): /en/my acts for Uganda', ['keySecret'], async () => {
    await signIn(holder, found.keySecret);
    const text = await mainText(holder);
    await expectOn(holder, text.includes('You act for Uganda'), `/en/my says "${text.slice(0, 160)}", expected "You act for Uganda"`);
    await checkpoint(holder, 'uganda-my');
    found.holderSignedIn = true;
    return text.match(/You act for [^.]*\./)?.[0];
  });

  await step('7.4 Administrator clicks "Revoke" on that key: its row shows "Revoked"', ['keyId'], async () => {
    const { page } = admin;
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'API keys', exact: true }));
    let { row } = await findKeyRow(admin, keyLabel);
    await expectOn(admin, row !== null, `"Every key" does not list "${keyLabel}"`);
    const button = row.getByRole('button', { name: `Revoke the key of ${keyLabel}`, exact: true });
    await expectOn(admin, (await button.count()) === 1, `its row has no button named "Revoke the key of ${keyLabel}"`);
    await clickAndLoad(admin, button);
    await expectPath(admin, '/en/admin/keys', 'after revoking');
    ({ row } = await findKeyRow(admin, keyLabel));
    await expectOn(admin, row !== null, `after revoking, "Every key" does not list "${keyLabel}"`);
    const status = squash(await row.locator('td').last().innerText());
    await expectOn(admin, status === 'Revoked', `its status cell reads "${status}", expected "Revoked"`);
    await expectOn(admin, (await row.getByRole('button').count()) === 0, 'its row still has a button');
    await checkpoint(admin, 'admin-key-revoked');
    found.revoked = true;
  });

  await step('7.5 Revocation ends the holder\'s session: its next /en/my goes to /en/sign-in; the key no longer signs in', ['revoked', 'holderSignedIn'], async () => {
    const { page } = holder;
    await page.reload({ waitUntil: 'load' });
    await expectPath(holder, '/en/sign-in', 'reloading /en/my after the key was revoked');
    await checkpoint(holder, 'uganda-revoked-my-redirect');
    await page.getByLabel('Your key', { exact: true }).fill(found.keySecret);
    await clickAndLoad(holder, page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }));
    await expectPath(holder, '/en/sign-in', 'signing in again with the revoked key');
    const text = await mainText(holder);
    await expectOn(holder, text.includes('This key is not valid'), 'signing in with the revoked key does not say "This key is not valid"');
    await checkpoint(holder, 'uganda-revoked-sign-in');
    return `HTTP ${holder.lastStatus}`;
  });

  await step('7.6 The audit trail shows the key\'s issue ("Created") and revocation ("Revoked")', ['keyId', 'revoked'], async () => {
    const { page } = admin;
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'Audit trail', exact: true }));
    await expectPath(admin, '/en/admin/audit', 'the audit trail');
    await checkpoint(admin, 'admin-audit');
    const { rows, count } = await auditOf(admin, 'Key', found.keyId);
    await expectPath(admin, '/en/admin/audit', 'the audit trail, filtered');
    const query = new URL(page.url()).searchParams;
    await expectOn(admin, query.get('resource') === 'key' && query.get('resource_id') === found.keyId,
      `the filter led to ${pathOf(admin)}, expected resource=key&resource_id=${found.keyId}`);
    await checkpoint(admin, 'admin-audit-key');
    // Columns: When, Who, Action, Record, Changes.
    const actions = rows.map((r) => r[2]);
    await expectOn(admin, rows.every((r) => r[3].includes(found.keyId)), `rows of other records: ${JSON.stringify(rows.map((r) => r[3]))}`);
    await expectOn(admin, actions.length === 2 && actions[0] === 'Created' && actions[1] === 'Revoked',
      `the key's events are ${JSON.stringify(actions)}, expected ["Created", "Revoked"]`);
    const created = rows[0][4];
    await expectOn(admin, created.includes(keyLabel) && created.includes('"UGA"'), `the "Created" row's changes do not show the label and UGA: ${created.slice(0, 200)}`);
    await expectOn(admin, rows[1][4].includes('revoked_at'), `the "Revoked" row's changes do not show revoked_at: ${rows[1][4].slice(0, 200)}`);
    await expectOn(admin, rows.every((r) => r[1].startsWith('administrator')), `who: ${JSON.stringify(rows.map((r) => r[1]))}`);
    return `${count}: ${actions.join(', ')}`;
  });

  await step('7.7 Administrator imports a one-row UPR Info CSV: "One recommendation was imported."', ['adminSignedIn'], async () => {
    const { page } = admin;
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'Import UPR recommendations', exact: true }));
    await expectPath(admin, '/en/admin/import', 'the import page');
    await checkpoint(admin, 'admin-import');
    await page.getByLabel('The CSV file', { exact: true }).setInputFiles({ name: 'upr-info.csv', mimeType: 'text/csv', buffer: importCsv(importText) });
    await clickAndLoad(admin, page.getByRole('main').getByRole('button', { name: 'Import', exact: true }));
    await expectPath(admin, '/en/admin/import', 'after importing');
    await checkpoint(admin, 'admin-import-done');
    const notice = squash(await page.locator('main .notice[role="status"]').innerText().catch(() => ''));
    await expectOn(admin, notice.startsWith('One recommendation was imported.') && notice.includes('New: 1.'), `the page says "${notice}", expected "One recommendation was imported."`);
    found.imported = true;
    return `HTTP ${admin.lastStatus}`;
  });

  await step('7.8 The imported recommendation is found in the recommendations explorer', ['imported'], async () => {
    const { page } = admin;
    await clickAndLoad(admin, page.locator('header nav').getByRole('link', { name: 'Recommendations', exact: true }));
    await expectPath(admin, '/en/recommendations', 'the recommendations explorer');
    await page.getByLabel('Words', { exact: true }).fill(runId);
    await clickAndLoad(admin, page.getByRole('main').getByRole('button', { name: 'Show', exact: true }));
    const text = await mainText(admin);
    await checkpoint(admin, 'admin-recommendations-imported');
    await expectOn(admin, text.includes(importText.replace(/\.$/, '')), `searching for "${runId}" does not show "${importText}"`);
  });

  await step('7.9 A broken CSV lists its problems (role=alert) and imports nothing', ['adminSignedIn'], async () => {
    const { page } = admin;
    // What the audit trail counts of imports before and after: one "Imported" event per import.
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'Audit trail', exact: true }));
    const before = await auditOf(admin, 'Recommendation');
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'Import UPR recommendations', exact: true }));
    await page.getByLabel('The CSV file', { exact: true }).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('To,Text\nKenya,x\n', 'utf8') });
    await clickAndLoad(admin, page.getByRole('main').getByRole('button', { name: 'Import', exact: true }));
    await expectPath(admin, '/en/admin/import', 'after importing the broken file');
    const status = admin.lastStatus;
    await checkpoint(admin, 'admin-import-problems');
    const alert = page.locator('main [role="alert"]');
    await expectOn(admin, (await alert.count()) === 1, 'no problem list (role=alert)');
    const problems = (await alert.locator('li').allInnerTexts()).map(squash);
    await expectOn(admin, problems.length > 0, 'the problem list is empty');
    const said = squash(await alert.locator('p').first().innerText().catch(() => ''));
    await expectOn(admin, (await page.locator('main .notice').count()) === 0, 'the page also says something was imported');
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'Audit trail', exact: true }));
    const after = await auditOf(admin, 'Recommendation');
    await expectOn(admin, after.count === before.count, `the audit trail of recommendations went from "${before.count}" to "${after.count}"`);
    return `HTTP ${status}; "${said}" ${problems.join(' | ').slice(0, 300)}; audit still ${after.count}`;
  });

  await step('7.10 /ar/admin/keys is right to left', ['adminSignedIn'], async () => {
    const { page } = admin;
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'API keys', exact: true }));
    await clickAndLoad(admin, page.locator('nav.languages a[hreflang="ar"]'));
    await expectPath(admin, '/ar/admin/keys', 'after choosing العربية');
    await rtlChecks(admin, '/ar/admin/keys');
    const brand = await page.locator('header a.brand').boundingBox();
    const width = page.viewportSize().width;
    await expectOn(admin, brand && brand.x + brand.width / 2 > width / 2, `the brand link is at x ${brand?.x.toFixed(0)}, expected in the right half`);
    const heads = await page.locator('main table thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().x));
    await expectOn(admin, heads.length > 1 && heads[0] > heads[1], `the keys table's columns are not right to left (x: ${heads.map((x) => x.toFixed(0)).join(', ')})`);
    const role = await page.locator('label[for="role"]').boundingBox();
    const select = await page.locator('#role').boundingBox();
    await expectOn(admin, role.x + role.width >= select.x + select.width - 2, 'the label "Role" does not start on the right of its field');
    await checkpoint(admin, 'ar-admin-keys');
  });

  // Keys of earlier, interrupted runs would stay live: revoke them.
  await step('7.11 Administrator revokes the flows\' keys that earlier, interrupted runs left live', ['adminSignedIn'], async () => {
    const { page } = admin;
    let revoked = 0;
    await open(admin, '/en/my');
    await clickAndLoad(admin, page.getByRole('main').getByRole('link', { name: 'API keys', exact: true }));
    for (let pages = 0; pages < 60 && revoked < 20; pages += 1) {
      const button = page.getByRole('button', { name: REVOKE_FLOW_KEY });
      if ((await button.count()) > 0) {
        await clickAndLoad(admin, button.first());
        revoked += 1;
        continue; // back on the first page of the list
      }
      const next = page.locator('main nav.pager a[rel="next"]');
      if ((await next.count()) === 0) break;
      await clickAndLoad(admin, next.first());
    }
    return `${revoked} revoked`;
  });
}

// ---------------------------------------------------------------------------------------------
// The flows

// The screenshots of an earlier run go, so that none is mistaken for this run's.
try {
  const dir = artifactsDir();
  for (const f of await readdir(dir)) if (/^flow-\d+-.*\.png$/.test(f)) await unlink(path.join(dir, f));
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}

const browser = await launch();
let state;
let provider;
let anonymous;
let admin;
let holder;
try {
  state = await person(browser, 'state');
  provider = await person(browser, 'provider');
  anonymous = await person(browser, 'anonymous');
  console.log(`# ${base.origin}, run ${runId}, viewport ${viewport().width}x${viewport().height}`);

  // 1. The State files a request and grants consent.
  console.log('# 1. State files a request and grants consent');
  await step('1.1 State signs in with its key', [], async () => {
    await signIn(state, env.TCMATCH_STATE_KEY);
    const header = squash(await state.page.locator('header .account').innerText());
    await expectOn(state, header.includes('Signed in as Kenya focal point'), `the header says "${header}", expected "Signed in as Kenya focal point"`);
    await checkpoint(state, 'state-my');
    found.stateSignedIn = true;
  });

  await step('1.2 State opens "File a new request"', ['stateSignedIn'], async () => {
    await clickAndLoad(state, state.page.getByRole('link', { name: 'File a new request', exact: true }));
    await expectPath(state, '/en/my/requests/new', 'the new request form');
    await checkpoint(state, 'new-request');
    found.onForm = true;
  });

  await step('1.3 State fills the form and asks "Suggest themes for the text"', ['onForm'], async () => {
    const { page } = state;
    const recommendation = page.getByRole('checkbox', { name: RECOMMENDATION }).first();
    await expectOn(state, (await recommendation.count()) > 0, 'no recommendation checkbox labelled "Optional Protocol to the Convention against Torture"');
    await recommendation.check();
    await page.getByLabel('Title', { exact: true }).fill(requestTitle);
    await page.getByLabel('Description', { exact: true }).fill(requestDescription);
    await clickAndLoad(state, page.getByRole('button', { name: 'Suggest themes for the text', exact: true }));
    await expectPath(state, '/en/my/requests/new', 'after suggesting themes');
    const ticked = await page.locator('input[name="themes"]:checked').evaluateAll((els) => els.map((e) => e.value));
    await expectOn(state, ticked.length > 0, 'no theme is ticked after "Suggest themes for the text"');
    const title = await page.getByLabel('Title', { exact: true }).inputValue();
    await expectOn(state, title === requestTitle, `the title was not kept: it reads "${title}"`);
    const description = await page.getByLabel('Description', { exact: true }).inputValue();
    await expectOn(state, squash(description) === squash(requestDescription), 'the description was not kept');
    await expectOn(state, await page.getByRole('checkbox', { name: RECOMMENDATION }).first().isChecked(), 'the recommendation is no longer ticked');
    const status = squash(await page.locator('main form.stacked p[role="status"]').innerText().catch(() => ''));
    await checkpoint(state, 'new-request-suggested');
    found.suggested = ticked;
    return `ticked: ${ticked.join(', ')}; says "${status}"`;
  });

  await step('1.4 State ticks torture and legal drafting, types "en" and saves the request', ['suggested'], async () => {
    const { page } = state;
    const torture = page.locator('#theme-torture');
    await expectOn(state, (await page.getByRole('checkbox', { name: TORTURE_LABEL, exact: true }).count()) === 1, `no checkbox labelled "${TORTURE_LABEL}"`);
    if (!(await torture.isChecked())) {
      if (!(await torture.isVisible())) await page.locator('details:has(#theme-torture) > summary').click();
      await page.getByRole('checkbox', { name: TORTURE_LABEL, exact: true }).check();
    }
    await page.getByRole('checkbox', { name: 'Legal drafting', exact: true }).check();
    await page.getByLabel(/^Languages the help can be given in/).fill('en');
    await clickAndLoad(state, page.getByRole('button', { name: 'Save the request', exact: true }));
    await expectPath(state, '/en/my', 'after saving the request');
    const link = page.locator('section.record h3[id^="r-"] a', { hasText: requestTitle });
    await expectOn(state, (await link.count()) === 1, `the new request "${requestTitle}" is not listed on /en/my`);
    found.requestId = (await link.getAttribute('href')).split('/').pop();
    const text = squash(await requestRecord(state).innerText());
    await expectOn(state, text.includes('Consent: Not yet decided'), `its record says "${text.slice(0, 200)}", expected consent "Not yet decided"`);
    await checkpoint(state, 'state-my-request-saved');
    return `request ${found.requestId}`;
  });

  await step('1.5 Before consent, the public /en/requests (provider, not signed in) does not list it', ['requestId'], async () => {
    const titles = await searchRequests(provider);
    await checkpoint(provider, 'requests-before-consent');
    await expectOn(provider, !titles.includes(requestTitle), 'the request is listed publicly before the State agreed to share it');
    const status = await open(provider, `/en/requests/${found.requestId}`);
    const text = await mainText(provider);
    await checkpoint(provider, 'request-before-consent');
    await expectOn(provider, status === 404 || status === 403, `its page answers HTTP ${status} to an anonymous reader, expected 404`);
    await expectOn(provider, !text.includes(requestTitle), 'its page shows the title to an anonymous reader');
    return `search listed ${titles.length}; its page answers ${status}`;
  });

  await step('1.6 State records the decision "Agreed to share"', ['requestId'], async () => {
    const { page } = state;
    await open(state, '/en/my');
    const record = requestRecord(state);
    await record.getByLabel('Decision', { exact: true }).selectOption({ label: 'Agreed to share' });
    await clickAndLoad(state, record.getByRole('button', { name: 'Record the decision', exact: true }));
    await expectPath(state, '/en/my', 'after recording the decision');
    const text = squash(await requestRecord(state).innerText());
    await expectOn(state, text.includes('Consent: Agreed to share'), `its record says "${text.slice(0, 200)}", expected consent "Agreed to share"`);
    await checkpoint(state, 'state-my-consented');
    found.consented = page.url();
  });

  await step('1.7 Anyone sees it on /en/requests, and its page lists the offer under "Offers that match"', ['consented'], async () => {
    const { page } = anonymous;
    const titles = await searchRequests(anonymous);
    await checkpoint(anonymous, 'requests-after-consent');
    await expectOn(anonymous, titles.includes(requestTitle), `the search for "${runId}" lists ${JSON.stringify(titles)}, not the request`);
    await clickAndLoad(anonymous, page.getByRole('link', { name: requestTitle, exact: true }));
    await expectPath(anonymous, `/en/requests/${found.requestId}`, 'the request page');
    const facts = await mainText(anonymous);
    await expectOn(anonymous, facts.includes(TORTURE_LABEL) && facts.includes('Legal drafting'),
      `the request's page does not show the theme "${TORTURE_LABEL}" and the kind of help "Legal drafting"`);
    const heading = page.getByRole('heading', { name: 'Offers that match', exact: true });
    await expectOn(anonymous, (await heading.count()) === 1, 'no heading "Offers that match"');
    const offer = page.locator('main table.matches tbody tr a', { hasText: OFFER_TITLE });
    const until = Date.now() + MATCH_WAIT_MS;
    let waited = 0;
    while ((await offer.count()) === 0 && Date.now() < until) {
      await page.waitForTimeout(1000);
      waited += 1;
      await page.reload({ waitUntil: 'load' });
    }
    await checkpoint(anonymous, 'request-page-matches');
    await expectOn(anonymous, (await offer.count()) > 0, `the offer "${OFFER_TITLE}" is not under "Offers that match" (after ${waited} reloads)`);
    found.publicRequest = true;
    return waited ? `the match appeared after ${waited} reload(s)` : '';
  });

  // 2. The provider expresses interest; the State agrees.
  console.log('# 2. Provider expresses interest, State agrees');
  await step('2.1 Provider signs in with its key', [], async () => {
    await signIn(provider, env.TCMATCH_PROVIDER_KEY);
    const header = squash(await provider.page.locator('header .account span').first().innerText());
    await expectOn(provider, header.startsWith('Signed in as'), `the header says "${header}"`);
    await checkpoint(provider, 'provider-my');
    found.providerSignedIn = true;
    return header;
  });

  await step('2.2 Provider clicks "Express interest" on the match row of its offer', ['providerSignedIn', 'publicRequest'], async () => {
    const { page } = provider;
    await open(provider, `/en/requests/${found.requestId}`);
    const row = page.locator('main table.matches tbody tr')
      .filter({ has: page.locator('a', { hasText: OFFER_TITLE }) })
      .filter({ has: page.getByRole('button', { name: 'Express interest', exact: true }) });
    await expectOn(provider, (await row.count()) > 0, `no row for "${OFFER_TITLE}" with an "Express interest" button`);
    await checkpoint(provider, 'provider-request-page');
    await clickAndLoad(provider, row.first().getByRole('button', { name: 'Express interest', exact: true }));
    await expectPath(provider, '/en/my', 'after expressing interest');
    const record = engagementRecord(provider);
    await expectOn(provider, (await record.count()) === 1, `no engagement for the request on /en/my (found ${await record.count()})`);
    const text = squash(await record.innerText());
    await expectOn(provider, text.includes('Interest expressed'), `the engagement says "${text.slice(0, 200)}", expected "Interest expressed"`);
    await expectOn(provider, text.includes('you expressed interest first'), `the engagement says "${text.slice(0, 200)}", expected "you expressed interest first"`);
    await checkpoint(provider, 'provider-my-interest');
    found.engagementId = (await record.locator('h3').getAttribute('id')).replace(/^e-/, '');
    return `engagement ${found.engagementId}`;
  });

  await step('2.3 State sees the interest and agrees ("Agree", "Record")', ['engagementId'], async () => {
    const { page } = state;
    await page.reload({ waitUntil: 'load' });
    await expectPath(state, '/en/my', 'the State\'s page');
    const record = engagementRecord(state);
    await expectOn(state, (await record.count()) === 1, 'the State\'s /en/my does not list the engagement');
    const before = squash(await record.innerText());
    await expectOn(state, before.includes('Interest expressed') && before.includes('the other side expressed interest first'),
      `the engagement says "${before.slice(0, 200)}", expected "Interest expressed · the other side expressed interest first"`);
    await checkpoint(state, 'state-my-interest');
    await record.getByLabel('Next step', { exact: true }).selectOption({ label: 'Agree' });
    await clickAndLoad(state, record.getByRole('button', { name: 'Record', exact: true }));
    await expectPath(state, '/en/my', 'after agreeing');
    const status = squash(await engagementRecord(state).locator('p strong').first().innerText());
    await expectOn(state, status === 'Agreed', `the engagement's status reads "${status}", expected "Agreed"`);
    await checkpoint(state, 'state-my-agreed');
    found.agreed = true;
  });

  await step('2.4 Provider sees "Agreed" on its /en/my', ['agreed'], async () => {
    await open(provider, '/en/my');
    const status = squash(await engagementRecord(provider).locator('p strong').first().innerText());
    await expectOn(provider, status === 'Agreed', `the engagement's status reads "${status}", expected "Agreed"`);
    await checkpoint(provider, 'provider-my-agreed');
  });

  // 3. The provider publishes offers from a CSV file, first with a mistake.
  console.log('# 3. Provider CSV upload with an error on its line');
  const good = `Good offer ${runId}`;
  const bad = `Bad offer ${runId}`;
  await step('3.1 Provider opens "Publish offers from a spreadsheet"', ['providerSignedIn'], async () => {
    await open(provider, '/en/my');
    await clickAndLoad(provider, provider.page.getByRole('link', { name: 'Publish offers from a spreadsheet', exact: true }));
    await expectPath(provider, '/en/my/offers/upload', 'the upload page');
    await checkpoint(provider, 'upload');
    found.onUpload = true;
  });

  // The offers' theme is not torture, so that the offers of many runs do not crowd the
  // seeded offer out of the ten matches a request's page shows.
  await step('3.2 A CSV with an unknown theme on line 3 is refused, with the line and column', ['onUpload'], async () => {
    const { page } = provider;
    await page.getByLabel('The CSV file', { exact: true }).setInputFiles({
      name: 'offers.csv',
      mimeType: 'text/csv',
      buffer: csv([[env.TCMATCH_PROVIDER_ID, good, 'right-to-water', 'yes'], [env.TCMATCH_PROVIDER_ID, bad, 'no-such-theme-zz', 'yes']]),
    });
    await clickAndLoad(provider, page.getByRole('button', { name: 'Check and publish', exact: true }));
    await checkpoint(provider, 'upload-problems');
    const rows = await page.locator('main .problems table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
    const summary = squash(await page.locator('main .problems > p').first().innerText().catch(() => ''));
    await expectOn(provider, summary.startsWith('Nothing was published'), `the page says "${summary}", expected "Nothing was published..."`);
    await expectOn(provider, rows.some(([line, column]) => line === '3' && column === 'themes[0]'),
      `the problem table has ${JSON.stringify(rows)}, expected line 3, column themes[0]`);
    await expectOn(provider, rows.every(([line]) => line === '3'), `problems on other lines than 3: ${JSON.stringify(rows)}`);
    return `${summary} ${rows.map((r) => r.join(' / ')).join('; ')}`;
  });

  await step('3.3 The corrected CSV publishes 2 offers', ['onUpload'], async () => {
    const { page } = provider;
    await page.getByLabel('The CSV file', { exact: true }).setInputFiles({
      name: 'offers.csv',
      mimeType: 'text/csv',
      buffer: csv([[env.TCMATCH_PROVIDER_ID, good, 'right-to-water', 'yes'], [env.TCMATCH_PROVIDER_ID, bad, 'right-to-water', 'yes']]),
    });
    await clickAndLoad(provider, page.getByRole('button', { name: 'Check and publish', exact: true }));
    await checkpoint(provider, 'upload-published');
    const notice = squash(await page.locator('main .notice').innerText().catch(() => ''));
    await expectOn(provider, notice.includes('2 offers were published'), `the page says "${notice}", expected "2 offers were published"`);
    await expectOn(provider, notice.includes(good) && notice.includes(bad), `the published offers listed are not the two uploaded: "${notice}"`);
    return notice.split('.')[0];
  });

  // 4. The State's pages in Arabic (and the provider's upload page).
  console.log('# 4. Arabic');
  await step('4.1 State switches /en/my to العربية: /ar/my is right to left, the brand on the right', ['stateSignedIn'], async () => {
    const { page } = state;
    await open(state, '/en/my');
    await clickAndLoad(state, page.locator('nav.languages a[hreflang="ar"]'));
    await expectPath(state, '/ar/my', 'after choosing العربية');
    await rtlChecks(state, '/ar/my');
    const brand = await page.locator('header a.brand').boundingBox();
    const width = page.viewportSize().width;
    await expectOn(state, brand && brand.x + brand.width / 2 > width / 2,
      `the brand link "tcmatch" is at x ${brand?.x.toFixed(0)}..${(brand?.x + brand?.width).toFixed(0)} in a ${width}px viewport, expected in the right half`);
    await checkpoint(state, 'ar-state-my');
    found.arabic = true;
    return `brand at x ${brand.x.toFixed(0)}..${(brand.x + brand.width).toFixed(0)} of ${width}`;
  });

  await step('4.2 The request\'s page in Arabic is right to left', ['arabic', 'requestId'], async () => {
    const { page } = state;
    await clickAndLoad(state, page.locator(`section.record h3[id="r-${found.requestId}"] a`));
    await expectPath(state, `/ar/requests/${found.requestId}`, 'the request page in Arabic');
    await rtlChecks(state, `/ar/requests/${found.requestId}`);
    const title = squash(await page.locator('h1').innerText());
    await expectOn(state, title === requestTitle, `its heading reads "${title}"`);
    await checkpoint(state, 'ar-request-page');
  });

  await step('4.3 The request form in Arabic is right to left', ['arabic'], async () => {
    const { page } = state;
    await open(state, '/ar/my');
    await clickAndLoad(state, page.getByRole('link', { name: AR_NEW_REQUEST, exact: true }));
    await expectPath(state, '/ar/my/requests/new', 'the request form in Arabic');
    await rtlChecks(state, '/ar/my/requests/new');
    // In Arabic a label starts on the right, as its field does.
    const box = await page.locator('#title').boundingBox();
    const label = await page.locator('label[for="title"]').boundingBox();
    await expectOn(state, label.x + label.width >= box.x + box.width - 2,
      `the title's label ends at x ${(label.x + label.width).toFixed(0)}, left of its field's right edge (${(box.x + box.width).toFixed(0)}): in Arabic a label starts on the right`);
    await checkpoint(state, 'ar-new-request');
  });

  await step('4.4 The upload page in Arabic lists a CSV\'s problems right to left', ['onUpload'], async () => {
    const { page } = provider;
    await open(provider, '/en/my/offers/upload');
    await clickAndLoad(provider, page.locator('nav.languages a[hreflang="ar"]'));
    await expectPath(provider, '/ar/my/offers/upload', 'after choosing العربية');
    await rtlChecks(provider, '/ar/my/offers/upload');
    await checkpoint(provider, 'ar-upload');
    await page.locator('input#file[type="file"]').setInputFiles({
      name: 'offers.csv',
      mimeType: 'text/csv',
      buffer: csv([[env.TCMATCH_PROVIDER_ID, `${good} ar`, 'right-to-water', 'yes'], [env.TCMATCH_PROVIDER_ID, `${bad} ar`, 'no-such-theme-zz', 'yes']]),
    });
    await clickAndLoad(provider, page.locator('main form[enctype="multipart/form-data"] button[type="submit"]'));
    await expectPath(provider, '/ar/my/offers/upload', 'after uploading in Arabic');
    await rtlChecks(provider, '/ar/my/offers/upload (problems)');
    await checkpoint(provider, 'ar-upload-problems');
    const rows = await page.locator('main .problems table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
    await expectOn(provider, rows.length === 1 && rows[0][0] === '3' && rows[0][1] === 'themes[0]',
      `the problem table has ${JSON.stringify(rows)}, expected one row: line 3, column themes[0]`);
    // The table runs right to left: the line number's column is the rightmost.
    const cells = await page.locator('main .problems table tbody tr').first().locator('td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().x));
    await expectOn(provider, cells[0] > cells[1] && cells[1] > cells[2], `the table's columns are not right to left (x of the cells: ${cells.map((x) => x.toFixed(0)).join(', ')})`);
    const message = rows[0][2];
    const arabic = /[\u0600-\u06FF]/.test(message);
    return `problem message ${arabic ? 'in Arabic' : 'NOT in Arabic'}: "${message.slice(0, 90)}"`;
  });

  // 5. Signing out.
  console.log('# 5. Sign out');
  await step('5.1 State clicks "Sign out": on the home page, and /en/my asks to sign in again', ['stateSignedIn'], async () => {
    const { page } = state;
    if (!/^\/ar\//.test(new URL(page.url()).pathname)) await open(state, '/ar/my');
    await clickAndLoad(state, page.getByRole('button', { name: AR_SIGN_OUT, exact: true }));
    await expectPath(state, /^\/(ar|en)\/$/, 'after signing out');
    const landed = new URL(page.url()).pathname;
    await expectOn(state, (await page.locator('header .account form[action$="/sign-out"]').count()) === 0, 'the header still shows a sign-out button');
    await checkpoint(state, 'signed-out-home');
    await open(state, '/en/my');
    await expectPath(state, '/en/sign-in', 'opening /en/my after signing out');
    await checkpoint(state, 'signed-out-my-redirect');
    found.signedOut = true;
    return `landed on ${landed}; /en/my went to /en/sign-in`;
  });

  // Cleanup: an agreed engagement uses one of the offer's engagements ("Engagements it can take
  // on"); cancelling it gives that back, so the seeded offer keeps matching in later runs.
  console.log('# cleanup');
  await step('6.1 Provider cancels the agreed engagement (gives the offer\'s capacity back)', ['agreed', 'providerSignedIn'], async () => {
    await open(provider, '/en/my');
    const record = engagementRecord(provider);
    await record.getByLabel('Next step', { exact: true }).selectOption({ label: 'Cancel' });
    await clickAndLoad(provider, record.getByRole('button', { name: 'Record', exact: true }));
    const status = squash(await engagementRecord(provider).locator('p strong').first().innerText());
    await expectOn(provider, status === 'Cancelled', `the engagement's status reads "${status}", expected "Cancelled"`);
  });

  await step('6.2 Provider cancels what earlier, interrupted runs left agreed', ['providerSignedIn'], async () => {
    const { page } = provider;
    const left = () => page.locator('section.record')
      .filter({ has: page.locator('h3[id^="e-"] a', { hasText: FLOW_REQUEST }) })
      .filter({ has: page.locator('p strong', { hasText: /^(Agreed|In progress)$/ }) });
    await open(provider, '/en/my');
    let cancelled = 0;
    while ((await left().count()) > 0 && cancelled < 20) {
      const record = left().first();
      await record.getByLabel('Next step', { exact: true }).selectOption({ label: 'Cancel' });
      await clickAndLoad(provider, record.getByRole('button', { name: 'Record', exact: true }));
      cancelled += 1;
      await open(provider, '/en/my');
    }
    await expectOn(provider, (await left().count()) === 0, `${await left().count()} engagements of earlier runs are still agreed`);
    return `${cancelled} cancelled`;
  });

  // 7. The administrator's pages: keys, the audit trail, importing UPR recommendations.
  console.log('# 7. administrator');
  if (!env.TCMATCH_ADMIN_KEY) {
    skip('7 administrator', 'TCMATCH_ADMIN_KEY is not set');
  } else {
    admin = await person(browser, 'admin');
    holder = await person(browser, 'uganda');
    await adminFlow();
  }
} catch (e) {
  fail('flows', `aborted: ${e.stack ?? e}`);
} finally {
  await browser.close();
}

// Every serious/critical axe violation again, with the elements and what to change.
if (axeFindings.length > 0) {
  console.log('\nSerious and critical axe violations:');
  for (const f of axeFindings) {
    console.log(`\n${f.shot} (${f.who}, ${f.signedIn ? 'signed in' : 'not signed in'}) ${f.path}`);
    for (const v of f.violations) for (const line of describeViolation(v)) console.log(`  ${line}`);
  }
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\n${stepCount - failures} ok, ${failures} failed${skipped ? `, ${skipped} flow${skipped === 1 ? '' : 's'} skipped` : ''}, in ${secs} s; ${shotCount} pages audited; screenshots in ${artifactsDir()}`);
process.exitCode = failures > 0 ? 1 : 0;
