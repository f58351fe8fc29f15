// Shared helpers for the browser checks: start Debian's chromium through playwright-core,
// run axe-core in a page, and write screenshots. Never downloads a browser.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

export const CHROMIUM = process.env.TCMATCH_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts the system chromium headless. The fresh temporary --user-data-dir is made by
 * Playwright itself: chromium.launch() creates a new `playwright_chromiumdev_profile-*`
 * folder under the temp dir for every launch, passes it as --user-data-dir, and removes it
 * on close (it refuses a --user-data-dir in `args`).
 */
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A new browser context for the pages (a fresh one per page: no shared cache, cookies or
 * focus state). bypassCSP lets axe be injected although the pages
 * send a Content-Security-Policy without inline script.
 */
export async function newContext(browser, options = {}) {
  return browser.newContext({ bypassCSP: true, viewport: viewport(), ...options });
}

/** 1280x800, or the width in $TCMATCH_BROWSER_WIDTH (e.g. 375 for a phone). */
export function viewport() {
  const width = Number.parseInt(process.env.TCMATCH_BROWSER_WIDTH ?? '', 10);
  return { width: width > 0 ? width : 1280, height: 800 };
}

let axeSource;
async function axeScript() {
  axeSource ??= await readFile(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  return axeSource;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page; returns its violations. */
export async function audit(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: await axeScript() });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, AXE_TAGS);
}

/** The folder for screenshots: $TCMATCH_BROWSER_ARTIFACTS, else target/browser-artifacts in the repo. */
export function artifactsDir() {
  const dir = process.env.TCMATCH_BROWSER_ARTIFACTS;
  return dir ? path.resolve(dir) : path.join(repoRoot, 'target', 'browser-artifacts');
}

/** A file-name-safe form of a string. */
export function sanitise(name) {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'page';
}

/** Writes a full-page PNG named `name` (sanitised) into the artifacts folder; returns its path. */
export async function screenshot(page, name, options = {}) {
  const dir = artifactsDir();
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${sanitise(name)}.png`);
  await page.screenshot({ path: file, fullPage: true, ...options });
  return file;
}

/** The impacts that fail a check. */
export const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** The violations that fail a check: serious and critical ones. */
export function seriousViolations(violations) {
  return violations.filter((v) => FAILING_IMPACTS.has(v.impact));
}

/**
 * One axe violation as readable lines: the rule, what it asks, and for each element (up to
 * `max`) its selector, its HTML and what axe says to change.
 */
export function describeViolation(v, max = 3) {
  const lines = [`[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}; ${v.helpUrl})`];
  for (const n of v.nodes.slice(0, max)) {
    const html = n.html.length > 160 ? `${n.html.slice(0, 157)}...` : n.html;
    lines.push(`  - ${n.target.join(' ')}: ${html}`);
    const [head = '', ...rest] = (n.failureSummary ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    const fix = rest.length ? `${head} ${rest.join('; ')}` : head;
    if (fix) lines.push(`    ${fix}`);
  }
  if (v.nodes.length > max) lines.push(`  (+${v.nodes.length - max} more)`);
  return lines;
}
