// Crawls the English and Arabic web pages of a running tcmatch and checks each one in
// headless chromium: HTTP status and type, <html lang/dir>, text direction, the skip link
// by keyboard, axe-core (WCAG 2.1 A/AA) serious and critical violations; writes screenshots.
//
//   node tests/browser/audit.mjs http://127.0.0.1:8080
//
// Exit code: 0 if every page passed, 1 if any check failed, 2 on wrong usage.
import { artifactsDir, audit, launch, newContext, screenshot } from './lib.mjs';

const LANGS = ['en', 'ar'];
const RTL = new Set(['ar']);
const MAX_PAGES_PER_LANG = 60;
const MAX_URLS_PER_PATH = 2; // a path seen with other query strings (paging) is visited at most twice
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const NAV_TIMEOUT_MS = 15_000;

const arg = process.argv[2];
if (!arg || arg === '-h' || arg === '--help') {
  console.error('usage: node tests/browser/audit.mjs BASE_URL   (e.g. http://127.0.0.1:8080)');
  process.exit(2);
}
let base;
try {
  base = new URL(arg);
} catch {
  console.error(`not a URL: ${arg}`);
  process.exit(2);
}

const started = Date.now();
const results = []; // { lang, url, path, problems: [string] (fail), notes: [string] (do not fail), axe: [violation], otherAxe, ms, shot }

/** Everything checked on one page; returns the same-language links it found. */
async function checkPage(browser, lang, url, firstVisitOfPath) {
  const rel = url.pathname + url.search;
  const shotName = `${lang}-${rel.replace(/^\/+|\/+$/g, '')}`;
  const res = { lang, url: url.href, path: rel, problems: [], notes: [], axe: [], otherAxe: 0, ms: 0, shot: null };
  results.push(res);
  const t0 = Date.now();
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = m.location()?.url;
    consoleErrors.push(at && at !== url.href ? `${m.text()} [${at}]` : m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught ${e.name}: ${e.message}`));
  const badRequests = [];
  page.on('requestfailed', (r) => badRequests.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`));
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) return;
    if (r.status() >= 400) badRequests.push(`${r.url()} (HTTP ${r.status()})`);
  });
  let links = [];
  try {
    // 1. The response: 200, HTML.
    let response;
    try {
      response = await page.goto(url.href, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    } catch (e) {
      res.problems.push(`could not load the page: ${e.message.split('\n')[0]}`);
      return links;
    }
    if (!response) {
      res.problems.push('no response for the page');
      return links;
    }
    const status = response.status();
    const type = response.headers()['content-type'] ?? '';
    if (status !== 200) res.problems.push(`HTTP status ${status}, expected 200`);
    if (!/^text\/html\b/i.test(type)) {
      res.problems.push(`Content-Type is "${type}", expected text/html`);
      return links;
    }
    if (new URL(page.url()).pathname !== url.pathname) {
      res.problems.push(`redirected to ${page.url()}`);
    }

    // 2. Language and direction.
    const wantDir = RTL.has(lang) ? 'rtl' : 'ltr';
    const doc = await page.evaluate(() => ({
      lang: document.documentElement.getAttribute('lang'),
      dir: document.documentElement.getAttribute('dir'),
      bodyDirection: getComputedStyle(document.body).direction,
    }));
    if (doc.lang !== lang) {
      res.problems.push(`<html lang> is ${JSON.stringify(doc.lang)}, expected "${lang}": set lang="${lang}" on the <html> element`);
    }
    if (doc.dir !== wantDir) {
      res.problems.push(`<html dir> is ${JSON.stringify(doc.dir)}, expected "${wantDir}": set dir="${wantDir}" on the <html> element`);
    }
    if (doc.bodyDirection !== wantDir) {
      const why = doc.dir === wantDir
        ? 'a CSS `direction` rule overrides the direction inherited from <html dir>'
        : 'it follows from <html dir>; fix that first';
      res.problems.push(`getComputedStyle(document.body).direction is "${doc.bodyDirection}", expected "${wantDir}": ${why}`);
    }

    // 2b. Nothing sticks out sideways (in Arabic an overflow goes off the left edge).
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      widest: [...document.querySelectorAll('main *, header *, footer *')]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < -1 || r.right > document.documentElement.clientWidth + 1))
        .slice(0, 3)
        .map(({ el, r }) => `<${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}> (${Math.round(r.left)}..${Math.round(r.right)})`),
    }));
    if (widths.scroll > widths.client) {
      res.problems.push(`layout: the page is ${widths.scroll}px wide in a ${widths.client}px viewport, so it scrolls sideways; sticking out: ${widths.widest.join(', ') || '?'}`);
    }

    // 3. Keyboard: the first Tab reaches a visible skip link to #main, and Enter moves focus there.
    if (firstVisitOfPath) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {
          describe: el === document.body ? '<body> (nothing focused)'
            : `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.className ? ` class="${el.className}"` : ''}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}>`,
          isSkip: el.matches('a.skip'),
          href: el.getAttribute('href'),
          rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
          vw: document.documentElement.clientWidth,
          vh: document.documentElement.clientHeight,
          hasMain: !!document.getElementById('main'),
        };
      });
      if (!focus.isSkip || focus.href !== '#main') {
        res.problems.push(`keyboard: the first Tab focuses ${focus.describe}, expected the skip link <a class="skip" href="#main">: make it the first focusable element in <body>`);
      } else {
        const r = focus.rect;
        const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= focus.vw && r.bottom <= focus.vh;
        if (!inside) {
          const box = `left ${r.left.toFixed(0)}, top ${r.top.toFixed(0)}, right ${r.right.toFixed(0)}, bottom ${r.bottom.toFixed(0)}`;
          res.problems.push(`keyboard: the focused skip link is not inside the ${focus.vw}x${focus.vh} viewport (its box: ${box}): move it on screen in .skip:focus`);
        }
        await screenshot(page, `${shotName}--skip-focused`, { fullPage: false });
        if (!focus.hasMain) {
          res.problems.push('keyboard: the skip link points to #main but there is no element with id="main"');
        } else {
          await page.keyboard.press('Enter');
          const after = await page.evaluate(() => document.activeElement?.id ?? '');
          if (after !== 'main') {
            res.problems.push(`keyboard: Enter on the skip link left focus on ${after ? `#${after}` : 'the body'}, expected #main: give <main id="main"> tabindex="-1"`);
          }
        }
      }
      // Back to the state of a fresh load for the screenshot and axe.
      await page.evaluate(() => { document.activeElement?.blur?.(); window.scrollTo(0, 0); });
    }

    // 4. Screenshot.
    res.shot = await screenshot(page, shotName);

    // 5. axe-core.
    const violations = await audit(page);
    for (const v of violations) {
      if (FAILING_IMPACTS.has(v.impact)) res.axe.push(v);
      else res.otherAxe += 1;
    }

    // 6. Errors in the console and failed subresources (style sheets, images, scripts).
    // Chromium asks for /favicon.ico by itself when a page names no icon (once per browser):
    // its 404 is noted, not failed.
    const favicon = (s) => /\/favicon\.ico\b/.test(s);
    for (const e of consoleErrors) {
      if (favicon(e)) res.notes.push(`console error: ${e} (add <link rel="icon"> or serve /favicon.ico)`);
      else res.problems.push(`console error: ${e}`);
    }
    for (const b of badRequests) {
      if (favicon(b)) res.notes.push(`subresource failed: ${b}`);
      else res.problems.push(`subresource failed: ${b}`);
    }

    // Downloads (a[download], CSV and other files) are not pages to audit.
    links = await page.$$eval('a[href]:not([download])', (as) => as.map((a) => a.href));
  } catch (e) {
    res.problems.push(`check aborted: ${e.message.split('\n')[0]}`);
  } finally {
    res.ms = Date.now() - t0;
    await context.close();
  }
  return links;
}

function printPage(res) {
  const failed = res.problems.length > 0 || res.axe.length > 0;
  const counts = [
    `${res.problems.length} problem${res.problems.length === 1 ? '' : 's'}`,
    `axe: ${res.axe.length} serious/critical, ${res.otherAxe} moderate/minor`,
    `${res.ms} ms`,
  ].join(', ');
  console.log(`${failed ? 'FAIL' : 'ok  '} ${res.lang} ${res.path}  (${counts})`);
  for (const p of res.problems) console.log(`       - ${p}`);
  for (const n of res.notes) console.log(`       note: ${n}`);
  for (const v of res.axe) console.log(`       - axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}; details below)`);
}

const browser = await launch();
try {
  for (const lang of LANGS) {
    const prefix = `/${lang}/`;
    const start = new URL(prefix, base);
    const queue = [start];
    const seen = new Set([start.href]);
    const perPath = new Map([[start.pathname, 1]]);
    const checkedPaths = new Set();
    let visited = 0;
    const skippedPaging = new Set();
    while (queue.length > 0 && visited < MAX_PAGES_PER_LANG) {
      const url = queue.shift();
      visited += 1;
      const first = !checkedPaths.has(url.pathname);
      checkedPaths.add(url.pathname);
      const links = await checkPage(browser, lang, url, first);
      printPage(results[results.length - 1]);
      for (const href of links) {
        let next;
        try { next = new URL(href); } catch { continue; }
        next.hash = '';
        if (next.origin !== base.origin || !next.pathname.startsWith(prefix)) continue;
        if (seen.has(next.href)) continue;
        const n = perPath.get(next.pathname) ?? 0;
        if (n >= MAX_URLS_PER_PATH) { skippedPaging.add(next.href); continue; }
        perPath.set(next.pathname, n + 1);
        seen.add(next.href);
        queue.push(next);
      }
    }
    const notes = [];
    if (queue.length > 0) notes.push(`${queue.length} more found but not visited (cap of ${MAX_PAGES_PER_LANG} pages)`);
    if (skippedPaging.size > 0) notes.push(`${skippedPaging.size} URLs skipped as further query strings (paging) of a path already visited ${MAX_URLS_PER_PATH} times`);
    console.log(`-- ${lang}: ${visited} page${visited === 1 ? '' : 's'} checked${notes.length ? `; ${notes.join('; ')}` : ''}\n`);
  }
} finally {
  await browser.close();
}

// Every serious/critical axe violation, grouped by rule; the same elements failing in the
// same way on several pages (the page shell, say) are listed once with all their pages.
const byRule = new Map();
for (const res of results) {
  for (const v of res.axe) {
    if (!byRule.has(v.id)) byRule.set(v.id, { v, groups: new Map() });
    const shown = v.nodes.slice(0, 3);
    const key = JSON.stringify([v.nodes.length, shown.map((n) => [n.target, n.html, n.failureSummary])]);
    const groups = byRule.get(v.id).groups;
    if (!groups.has(key)) groups.set(key, { v, pages: [] });
    groups.get(key).pages.push(`${res.lang} ${res.path}`);
  }
}
if (byRule.size > 0) {
  console.log('Serious and critical axe violations:');
  for (const [id, { v, groups }] of byRule) {
    console.log(`\n[${v.impact}] ${id}: ${v.help}`);
    console.log(`  rule: ${v.description}`);
    console.log(`  see:  ${v.helpUrl}`);
    for (const { v: gv, pages } of groups.values()) {
      const where = pages.length > 4 ? `${pages.slice(0, 4).join(', ')} and ${pages.length - 4} more pages` : pages.join(', ');
      const targets = gv.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      const more = gv.nodes.length > 3 ? ` (+${gv.nodes.length - 3} more)` : '';
      console.log(`  on ${where}`);
      console.log(`    ${gv.nodes.length} element${gv.nodes.length === 1 ? '' : 's'}: ${targets}${more}`);
      for (const n of gv.nodes.slice(0, 3)) {
        console.log(`    - ${n.target.join(' ')}: ${n.html.length > 160 ? `${n.html.slice(0, 157)}...` : n.html}`);
        const [head = '', ...rest] = (n.failureSummary ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
        const fix = rest.length ? `${head} ${rest.join('; ')}` : head;
        if (fix) console.log(`      ${fix}`);
      }
    }
  }
  console.log('');
}

const failed = results.filter((r) => r.problems.length > 0 || r.axe.length > 0);
const axeCount = results.reduce((n, r) => n + r.axe.length, 0);
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`Checked ${results.length} pages in ${secs} s; ${axeCount} serious/critical axe violation${axeCount === 1 ? '' : 's'}; screenshots in ${artifactsDir()}`);
console.log(`pages: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.length > 0 ? 1 : 0;
