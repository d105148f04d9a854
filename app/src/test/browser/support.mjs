// Shared by the browser specs. BrowserIT starts Stratum on the demo corpus and runs
// `node --test` here with:
//   STRATUM_URL               base URL, e.g. http://127.0.0.1:41234
//   STRATUM_ADMIN_TOKEN       org admin ("admin")
//   STRATUM_SECURITY_TOKEN    member of security ("security-member")
//   STRATUM_OPERATIONS_TOKEN  member of operations ("operations-member")
//   STRATUM_OIDC_PORT         the port the OpenID provider of oidc.spec.mjs listens on
//   STRATUM_SCREENSHOTS       directory for the README's screenshots, or unset
//   CHROMIUM                  the browser binary (default /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.STRATUM_URL;
export const TOKENS = {
  admin: process.env.STRATUM_ADMIN_TOKEN,
  security: process.env.STRATUM_SECURITY_TOKEN,
  operations: process.env.STRATUM_OPERATIONS_TOKEN,
};

// The flags the machine notes give: no sandbox as root, and no background traffic to the internet.
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
}

/**
 * A fresh context (its own cookies) and page, with console errors collected in page.consoleErrors
 * as "text [url]" (a failed request's url is the resource's).
 */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = m.location() && m.location().url;
    page.consoleErrors.push(m.text() + (at ? ' [' + at + ']' : ''));
  });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  return page;
}

/** Signs in with an API token through the sign-in page; waits for the chat page. */
export async function signIn(page, token) {
  await page.goto(BASE + '/#/signin');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/#\/chat/);
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page (evaluated over the DevTools protocol, so the page's CSP stays on)
 * and returns the serious and critical violations, each as "id: help (selectors)".
 */
export async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Saves a screenshot for the docs when STRATUM_SCREENSHOTS is set. */
export async function screenshot(page, name) {
  if (!process.env.STRATUM_SCREENSHOTS) return;
  // A passing toast is not part of the page.
  await page.evaluate(() => { const t = document.getElementById('toast'); if (t) t.hidden = true; });
  await page.screenshot({ path: path.join(process.env.STRATUM_SCREENSHOTS, name + '.png') });
}

/**
 * The console errors of `page` but those `expected` matches (e.g. the 401 of GET /api/session
 * while signed out, which the browser logs as a failed resource load).
 */
export function unexpectedErrors(page, ...expected) {
  return page.consoleErrors.filter((e) => !expected.some((re) => re.test(e)));
}

/** The 401 the browser logs when the shell asks for a session before anyone signed in. */
export const SIGNED_OUT_PROBE = /status of 401 .*\[.*\/api\/session\]$/;

/** Calls the API with a bearer token, as a script would; the parsed JSON body. */
export async function apiGet(token, path) {
  const res = await fetch(BASE + path, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
