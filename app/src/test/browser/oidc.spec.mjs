// Single sign-on end to end: the sign-in page's SSO link, the provider's own login and consent
// pages, the code flow with PKCE back to Stratum, and a session whose roles come from the groups
// claim through oidc_role_map.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startProvider } from './oidc-provider.mjs';
import { BASE, SIGNED_OUT_PROBE, axeViolations, launch, newPage, unexpectedErrors } from './support.mjs';

const PORT = Number(process.env.STRATUM_OIDC_PORT);
let browser;
let stopProvider;

before(async () => {
  assert.ok(PORT, 'STRATUM_OIDC_PORT: BrowserIT configures the server for a provider on this port');
  stopProvider = await startProvider(PORT, BASE + '/auth/oidc/callback');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopProvider?.();
});

test('signing in at the OpenID provider opens a session with the role its group maps to', async () => {
  const page = await newPage(browser);
  await page.goto(BASE + '/#/signin');
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/`));
  await page.locator('input[name=login]').fill('olivia');
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
  // the provider asks for consent to the scopes the first time
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/#\/chat/);

  const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
  assert.equal(session.principal, 'oidc:olivia');
  assert.equal(session.via, 'oidc');
  assert.equal(session.orgAdmin, false);
  assert.deepEqual(
    session.workspaces.map((w) => `${w.id}:${w.role}`),
    ['security:member'],
  );
  await page.getByText('olivia (SSO)').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // the provider's own pages ask for a web font and a favicon this closed network refuses
  const elsewhere = (e) => /\[https?:\/\/[^\]]+\]$/.test(e) && !e.includes('[' + BASE);
  const ours = unexpectedErrors(page, SIGNED_OUT_PROBE).filter((e) => !elsewhere(e));
  assert.deepEqual(ours, []);
});

test('a callback whose state this browser did not start is refused on the sign-in page', async () => {
  const page = await newPage(browser);
  await page.goto(BASE + '/auth/oidc/callback?code=planted&state=someone-elses');
  await page.waitForURL(/#\/signin\?error=/);
  await page.getByText('this sign-in was not started in this browser').waitFor();
  const status = await page.evaluate(() => fetch('/api/session').then((r) => r.status));
  assert.equal(status, 401);
});
