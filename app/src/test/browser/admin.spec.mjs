// The admin pages in a real browser: who sees them, tokens issued and revoked, a hard cap that
// refuses, the audit trail with its chain check, and axe-core on every admin page.
//
// The budget test needs a priced model on the server (BrowserIT prices the local model; unpriced, no cap can
// refuse it) and sets a cap on `security` for a moment: run the spec files one at a time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, TOKENS, launch, newPage, signIn, axeViolations, screenshot } from './support.mjs';

const ADMIN_PAGES = [
  ['/admin/workspaces', 'Workspaces'],
  ['/admin/workspaces/security', 'Security'],
  ['/admin/tokens', 'API tokens'],
  ['/admin/spend?ws=security', 'Budgets & spend'],
  ['/admin/sources', 'Sources'],
  ['/admin/audit', 'Audit trail'],
  ['/admin/models', 'Models'],
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Console errors, less the 401 every page logs when it asks for a session before signing in. */
function consoleErrors(page) {
  return page.consoleErrors.filter((e) => !/status of 401/.test(e));
}

/** Opens an admin page and waits until it has loaded what it shows. */
async function open(page, hash, heading) {
  await page.goto(BASE + '/#' + hash);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

/** A question asked over the API (the chat page has its own spec). */
async function ask(token, workspace, question) {
  const res = await fetch(`${BASE}/api/workspaces/${workspace}/ask`, {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ question }),
  });
  return { status: res.status, text: await res.text() };
}

/** Sets (or with null, removes) the monthly cap of `workspace` on the Budgets & spend page. */
async function setCap(page, workspace, cap, hard) {
  await open(page, '/admin/spend?ws=' + workspace, 'Budgets & spend');
  await page.getByLabel('Monthly cap (USD)').fill(cap === null ? '' : String(cap));
  await page.getByLabel(hard ? /^Hard/ : /^Soft/).check();
  await page.getByRole('button', { name: 'Save budget' }).click();
  const said = 'Budget of ' + workspace + ': ' + (cap === null ? 'no cap' : '$' + Number(cap).toFixed(2) + (hard ? ' hard' : ' soft'));
  await page.locator('#toast').filter({ hasText: said }).waitFor();
}

describe('admin pages', () => {
  test('a member of operations has no Admin link and is told they are not an administrator', async () => {
    const page = await newPage(browser);
    await signIn(page, TOKENS.operations);
    assert.equal(await page.locator('#nav-admin').isVisible(), false, 'the Admin link is hidden');
    for (const hash of ['/admin/workspaces', '/admin/audit', '/admin/spend?ws=security']) {
      await page.goto(BASE + '/#' + hash);
      await page.getByRole('heading', { level: 1, name: 'You are not an administrator' }).waitFor();
    }
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(consoleErrors(page), []);
    await page.context().close();
  });

  test('a workspace admin sees Admin with only their workspace', async () => {
    const admin = await newPage(browser);
    await signIn(admin, TOKENS.admin);
    await open(admin, '/admin/workspaces/operations', 'Operations');
    const role = admin.getByLabel('Role of operations-member');
    try {
      await role.selectOption('workspace_admin');
      await admin.locator('#toast').filter({ hasText: 'operations-member is now workspace admin' }).waitFor();

      const page = await newPage(browser);
      await signIn(page, TOKENS.operations);
      assert.equal(await page.locator('#nav-admin').isVisible(), true, 'a workspace admin sees Admin');
      await open(page, '/admin/workspaces', 'Workspaces');
      const names = await page.locator('table tbody tr td:first-child').allTextContents();
      assert.deepEqual(names, ['Operations']);
      await open(page, '/admin/audit', 'Audit trail');
      assert.equal(await page.getByRole('button', { name: 'Verify chain' }).count(), 0, 'verifying is for org admins');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(consoleErrors(page), []);
      await page.context().close();
    } finally {
      await role.selectOption('member');
      await admin.locator('#toast').filter({ hasText: 'operations-member is now member' }).waitFor();
    }
    await admin.context().close();
  });

  test('every admin page passes axe-core without serious or critical violations', async () => {
    const page = await newPage(browser);
    await signIn(page, TOKENS.admin);
    assert.equal(await page.locator('#nav-admin').isVisible(), true, 'an org admin sees Admin');
    await page.locator('#nav-admin').click();
    await page.getByRole('navigation', { name: 'Administration' }).waitFor();
    for (const [hash, heading] of ADMIN_PAGES) {
      await open(page, hash, heading);
      assert.deepEqual(await axeViolations(page), [], hash);
    }
    // The confirmation dialog too: a destructive action asks first, naming what it removes.
    await open(page, '/admin/workspaces/security', 'Security');
    await page.getByRole('button', { name: 'Delete workspace…' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete workspace Security/ });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Delete security' }).isDisabled(), true);
    assert.deepEqual(await axeViolations(page), [], 'the delete dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(consoleErrors(page), []);
    await page.context().close();
  });

  test('an admin issues a token for operations-member, who signs in with it; revoking it ends that session', async () => {
    const name = 'browser test ' + Date.now();
    const admin = await newPage(browser);
    await signIn(admin, TOKENS.admin);
    await open(admin, '/admin/tokens', 'API tokens');
    await admin.getByLabel('Principal', { exact: true }).first().fill('operations-member');
    await admin.getByLabel('Name').first().fill(name);
    await admin.getByRole('button', { name: 'Issue token' }).click();
    const box = admin.getByLabel('New API token');
    await box.waitFor();
    const token = await box.inputValue();
    assert.match(token, /^stt_/);
    await admin.getByText('it is shown only this once').waitFor();

    const member = await newPage(browser);
    await signIn(member, token);
    const who = await member.evaluate(async () => (await (await fetch('/api/session')).json()).principal);
    assert.equal(who, 'operations-member');
    assert.equal(await member.locator('#nav-admin').isVisible(), false);

    const row = admin.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('revoked').waitFor();

    await member.reload();
    await member.waitForURL(/#\/signin/);
    assert.deepEqual(consoleErrors(admin), []);
    await admin.context().close();
    await member.context().close();
  });

  test('revoking the token one signed in with signs one out', async () => {
    const admin = await newPage(browser);
    await signIn(admin, TOKENS.admin);
    await open(admin, '/admin/tokens', 'API tokens');
    const name = 'revoke myself ' + Date.now();
    await admin.getByLabel('Name').first().fill(name);
    await admin.getByRole('button', { name: 'Issue token' }).click();
    const own = await admin.getByLabel('New API token').inputValue();
    await admin.context().close();

    const page = await newPage(browser);
    await signIn(page, own);
    await open(page, '/admin/tokens', 'API tokens');
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.waitForURL(/#\/signin/);
    await page.getByText('you are signed out').waitFor();
    await page.context().close();
  });

  test('Sync now on the Sources page queues a job and shows it move until it succeeds', async () => {
    const page = await newPage(browser);
    await signIn(page, TOKENS.admin);
    await open(page, '/admin/sources', 'Sources');
    const panel = page.getByRole('region', { name: 'Configured sources' });
    const row = panel.getByRole('row').filter({ hasText: 'markdown:' });
    await row.getByText('every 1 h').waitFor();
    await row.getByRole('button', { name: /^Sync now/ }).click();
    // the state the page shows while it polls, then the one the job ends in
    const state = row.locator('.job-state');
    await state.filter({ hasText: /queued|in progress|success/ }).waitFor();
    await state.filter({ hasText: /^success$/ }).waitFor({ timeout: 60_000 });
    await row.getByText(/27\/27 seen/).waitFor();
    // enabled again once the page has seen the job end (a moment after it shows the state)
    await row.locator('button:enabled').filter({ hasText: /^Sync now/ }).waitFor();
    await page.locator('#toast').filter({ hasText: /Sync of markdown:.*: success/ }).waitFor();

    // the job, as the API the page polls shows it
    const jobId = await row.locator('[data-job]').getAttribute('data-job');
    const job = await page.evaluate(async (id) => (await fetch('/api/jobs/' + id)).json(), jobId);
    assert.equal(job.state, 'success');
    assert.equal(job.finished, true);
    assert.deepEqual(consoleErrors(page), []);
    await page.context().close();
  });

  test('the audit page shows the question just asked, its body, and a verified chain', async () => {
    const question = 'How often are customer master keys rotated, and who approves an exception?';
    const asked = await ask(TOKENS.security, 'security', question);
    assert.equal(asked.status, 200, asked.text);
    // More questions, so the spend chart has something to draw.
    for (const q of ['Who may approve a production access request?', 'What is our incident severity scale?']) {
      await ask(TOKENS.security, 'security', q);
    }

    const page = await newPage(browser);
    await signIn(page, TOKENS.admin);
    try {
      // A soft cap, so the page shows spend against it; it refuses nothing.
      await setCap(page, 'security', 0.1, false);
      await page.getByRole('img', { name: /Spend per day in security/ }).waitFor();
      assert.ok(await page.locator('svg.chart rect.bar').count() > 0, 'the chart draws the spend');
      await page.evaluate(() => { document.getElementById('toast').hidden = true; });
      await screenshot(page, 'ui-spend');
    } finally {
      await setCap(page, 'security', null, false);
    }

    await open(page, '/admin/audit?action=chat.answer', 'Audit trail');
    const row = page.getByRole('row').filter({ hasText: question }).first(); // newest first
    await row.waitFor();
    const details = row.getByRole('button', { name: /^Details of record/ });
    await details.click();
    await page.locator('tr.detail:not([hidden])').getByText('"question": "' + question + '"').waitFor();
    await details.click();

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/verified \d[\d,]* records?, \d[\d,]* checkpoints?/).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'ui-audit');
    assert.deepEqual(consoleErrors(page), []);
    await page.context().close();
  });

  test('a hard cap refuses the next question with the budget message', async () => {
    const page = await newPage(browser);
    await signIn(page, TOKENS.admin);
    try {
      // 0 is the smallest cap the API takes (whole cents from 0); with a priced model any question's
      // worst case passes it.
      await setCap(page, 'security', 0, true);
      await page.getByText('hard: refuses past it').waitFor();
      const asked = await ask(TOKENS.security, 'security', 'How often are customer master keys rotated?');
      assert.equal(asked.status, 429,
        'a hard cap of $0 refuses only when the model has a price: serve a priced model. Got ' + asked.status + ': ' + asked.text.slice(0, 300));
      const problem = JSON.parse(asked.text);
      assert.match(problem.detail, /cap/i);

      await open(page, '/admin/audit?action=chat.answer&outcome=refused&workspace=security', 'Audit trail');
      await page.getByRole('row').filter({ hasText: 'security-member' }).filter({ hasText: /cap/i }).first().waitFor();
    } finally {
      await setCap(page, 'security', null, false);
    }
    assert.deepEqual(consoleErrors(page), []);
    await page.context().close();
  });
});
