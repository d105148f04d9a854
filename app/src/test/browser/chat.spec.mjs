// The chat side of the web UI in chromium: sign in with a token, ask, follow a citation to the
// passage, a refusal, workspace isolation, accessibility (axe-core) and console errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  BASE, SIGNED_OUT_PROBE, TOKENS, apiGet, axeViolations, launch, newPage, screenshot, signIn,
  unexpectedErrors,
} from './support.mjs';

let browser;
/**
 * Console errors any page may show: the signed-out session probe, and, while the admin pages are
 * not built yet, their module's 404.
 */
const EXPECTED = []; // a signed-out visit asks /auth/options first, so it logs no 401
before(async () => {
  browser = await launch();
});
after(async () => { if (browser) await browser.close(); });

/**
 * Resolves, in the page, with the milliseconds from the next Enter in the question box to the
 * frame after the first answer text appears: time to first painted token.
 */
async function watchFirstToken(page) {
  await page.evaluate(() => {
    window.firstToken = new Promise((resolve) => {
      let start = null;
      document.getElementById('question').addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey) start = performance.now();
      }, { capture: true, once: true });
      const seen = () => {
        const texts = document.querySelectorAll('.answer-text');
        const last = texts[texts.length - 1];
        if (start === null || !last || !last.textContent.trim()) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(Math.round(performance.now() - start)));
      };
      const observer = new MutationObserver(seen);
      observer.observe(document.querySelector('.thread-scroll'), { subtree: true, childList: true, characterData: true });
    });
  });
}

async function ask(page, question) {
  const box = page.getByLabel('Question', { exact: true });
  await box.fill(question);
  await box.press('Enter');
}

/** The n-th answer (from 1) once it has finished: its state class is no longer "streaming". */
async function answerNo(page, n) {
  const answer = page.locator('article.answer').nth(n - 1);
  await answer.and(page.locator(':not(.streaming)')).waitFor({ timeout: 30_000 });
  return answer;
}

async function assertAccessible(page, where) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe: serious or critical violations on ${where}`);
}

test('sign-in page: labelled, a wrong token is refused with its reason, no serious axe violation', async () => {
  const page = await newPage(browser);
  await page.goto(BASE + '/');
  await page.waitForURL(/#\/signin$/);
  const token = page.getByLabel('API token');
  assert.equal(await token.getAttribute('type'), 'password');
  assert.equal(await token.getAttribute('autocomplete'), 'off');
  assert.ok(await token.evaluate((el) => el === document.activeElement), 'the token field has focus');
  await assertAccessible(page, 'the sign-in page');
  assert.deepEqual(page.consoleErrors, [], 'a signed-out visit logs no error (no 401 probe)');
  await screenshot(page, 'ui-signin');

  await token.fill('stt_not-a-real-token-at-all-0000000000');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /not accepted/);
  assert.match(page.url(), /#\/signin$/);

  await page.goto(BASE + '/#/signin?error=' + encodeURIComponent('the provider said no'));
  await page.reload();
  assert.match(await page.getByRole('alert').textContent(), /the provider said no/);
  // the one 401 is the wrong token's refusal (POST /api/session); loading the page logs none
  assert.deepEqual(unexpectedErrors(page, SIGNED_OUT_PROBE), []);
});

test('security member: streamed answer, [1] to the Sources panel, on to the highlighted passage', async () => {
  const page = await newPage(browser);
  await signIn(page, TOKENS.security);
  const picker = page.getByRole('group', { name: 'Workspaces' });
  await picker.getByRole('checkbox').first().waitFor();
  assert.deepEqual(await picker.getByRole('checkbox').evaluateAll((els) => els.map((e) => e.value)), ['security']);
  await page.getByRole('checkbox', { name: 'Security' }).check();

  await watchFirstToken(page);
  await ask(page, 'How often are customer master keys rotated?');
  const firstToken = await page.evaluate(() => window.firstToken);
  console.log(`time-to-first-token-ms: ${firstToken}`);
  const answer = await answerNo(page, 1);
  assert.match(await answer.getAttribute('class'), /\bdone\b/);
  assert.match(await answer.locator('.answer-text').textContent(), /365 days/);
  const meta = await answer.locator('.answer-meta').textContent();
  assert.match(meta, /stratum-local-extractive/);
  assert.match(meta, /Answered by stratum-local-extractive via local/);
  assert.match(meta, /\d+ in · \d+ out · \d+ reasoning tokens/);
  assert.match(meta, /\$\d+\.\d{2}/, 'the cost (done.costUsd)');
  assert.match(meta, /\d+ ms/);
  assert.ok(await page.getByLabel('Question', { exact: true }).evaluate((el) => el === document.activeElement),
    'focus returns to the question after the answer');
  assert.match(page.url(), /#\/chat\/[0-9a-f-]{36}$/);
  assert.match(await page.locator('a.conv[aria-current="page"]').textContent(), /^How often are customer master keys rotated\?/);

  // Shift+Enter breaks the line instead of sending.
  const box = page.getByLabel('Question', { exact: true });
  await box.fill('first line');
  await box.press('Shift+Enter');
  await box.press('x');
  assert.equal(await box.inputValue(), 'first line\nx');
  await box.fill('');

  await answer.getByRole('button', { name: '[1]', exact: true }).first().click();
  const source = page.locator('.sources #source-1');
  assert.ok(await source.evaluate((el) => el === document.activeElement), 'the source entry has focus');
  assert.match(await source.textContent(), /ADR-0003/);
  assert.match(await source.locator('.kind').textContent(), /ADR/);

  // A second question in the same conversation, for the screenshot of a conversation.
  await ask(page, 'What should I do if a cloud access key is leaked?');
  const second = await answerNo(page, 2);
  assert.match(await second.getAttribute('class'), /\bdone\b/);
  assert.equal(await page.locator('ol.turns > li').count(), 2);
  await assertAccessible(page, 'the chat page after an answer');
  await screenshot(page, 'ui-chat');

  // Copy as Markdown: the answer with a list of its sources.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  await second.getByRole('button', { name: 'Copy as Markdown' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^> What should I do if a cloud access key is leaked\?/);
  assert.match(copied, /\nSources:\n\n- \[\d+\] \[.+\]\(http.+#\/documents\/security%3A.+\) — /);
  for (const [, n] of copied.matchAll(/(?<!- )\[(\d+)\](?! \[)/g)) {
    assert.match(copied, new RegExp('\\n- \\[' + n + '\\] '), `marker [${n}] has its source in the list`);
  }

  // Back to the first answer's [1], then open its source.
  await answer.getByRole('button', { name: '[1]', exact: true }).first().click();
  await page.locator('.sources #source-1 a.source-title').click();
  await page.waitForURL(/#\/documents\/security%3Asecurity%2Fadr-0003-key-management\.md\?chunk=\d+&passage=1$/);
  const cited = page.locator('.chunk.cited');
  await cited.waitFor();
  assert.match(await cited.locator('mark').textContent(), /rotated automatically every 365 days/);
  assert.ok(await cited.evaluate((el) => el === document.activeElement), 'the cited passage has focus');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(),
    'ADR-0003: Key management with customer master keys and envelope encryption');
  await assertAccessible(page, 'the document view');
  await screenshot(page, 'ui-sources');

  // Back to the answer: the conversation is still there, its sources too.
  await page.getByRole('link', { name: /Back to the answer/ }).click();
  await page.waitForURL(/#\/chat\/[0-9a-f-]{36}$/);
  await page.locator('ol.turns > li').nth(1).waitFor();
  assert.deepEqual(unexpectedErrors(page, ...EXPECTED), []);
});

test('a question the workspace has nothing on is shown as a refusal, not as an answer', async () => {
  const page = await newPage(browser);
  await signIn(page, TOKENS.security);
  await ask(page, 'What is the airspeed velocity of an unladen swallow?');
  const answer = await answerNo(page, 1);
  assert.match(await answer.getAttribute('class'), /\brefused\b/);
  const refusal = answer.locator('.refusal');
  assert.match(await refusal.textContent(), /The workspace has nothing on this/);
  assert.match(await refusal.textContent(), /Why: no passage in security covers/);
  assert.equal((await answer.locator('.answer-text').textContent()).trim(), '', 'no answer text');
  assert.equal(await answer.getByRole('button', { name: 'Copy as Markdown' }).count(), 0);
  await assertAccessible(page, 'the chat page after a refusal');
  assert.deepEqual(unexpectedErrors(page, ...EXPECTED), []);
});

test('an operations member never sees security: not in the picker, not a document by URL', async () => {
  const hits = await apiGet(TOKENS.admin, '/api/workspaces/security/search?q=master+key+rotation&k=1');
  const securityDoc = hits.results[0].documentId;
  assert.match(securityDoc, /^security:/);

  const page = await newPage(browser);
  await signIn(page, TOKENS.operations);
  const picker = page.getByRole('group', { name: 'Workspaces' }).getByRole('checkbox');
  await picker.first().waitFor(); // the chat page lists the workspaces once the server answers
  const boxes = await picker.evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(boxes, ['operations']);
  assert.equal(await page.getByText('Security', { exact: true }).count(), 0);

  await page.goto(BASE + '/#/documents/' + encodeURIComponent(securityDoc) + '?chunk=0&passage=1');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /No such document, or you may not read it/);
  assert.equal(await page.locator('.chunk').count(), 0, 'no text of the document is shown');
  await assertAccessible(page, 'the document not-found page');
  assert.deepEqual(unexpectedErrors(page, ...EXPECTED, /status of 404 .*\/api\/documents\/security/), []);
});
