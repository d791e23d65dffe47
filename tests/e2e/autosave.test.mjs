// Work is never lost silently (issue #18): a save the browser refuses raises a persistent
// notice with the panes as a file, cleared once saving works again; an edit is kept by a reload
// right after it; a link opened while different saved work exists asks which to keep (by
// keyboard); the crash overlay's reload brings back exactly what it rescued, even when the
// address bar holds an older link; another tab's save is announced, to load or to keep one's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { openPage, ARTIFACTS, useSite, GRAPH } from './browser.mjs';

const KEY = 'seams:v1:state';

const site = useSite();

/// A link fragment made the way seams_core::share::encode makes one (zlib, base64url).
function fragmentOf(state) {
  return 'v1.' + deflateSync(Buffer.from(JSON.stringify(state)), { level: 9 }).toString('base64url');
}

/// Types `text` at the end of the Schema pane, as a person would.
async function typeAtEnd(page, text, delay = 0) {
  await page.click('#pane-schema');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay });
}

/// Fills localStorage with filler until it refuses more (what another app on the origin, or
/// earlier work, can leave behind). Returns the filler's keys.
async function fillStorage(page) {
  return page.evaluate(() => {
    const keys = [];
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0 && i < 10_000; i++) {
      try {
        localStorage.setItem(`filler:${i}`, chunk);
        keys.push(`filler:${i}`);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
    return keys;
  });
}

test('a refused save shows a persistent notice with the panes as a file, until saving works', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  const keys = await fillStorage(page);
  assert.ok(keys.length > 0);
  await typeAtEnd(page, '\ncreate table t_full (id int);\n');
  const notice = page.locator('[data-testid="save-problem"]');
  await notice.waitFor({ timeout: 5000 });
  assert.equal(await notice.getAttribute('role'), 'alert');
  assert.match(await notice.textContent(), /Not saved/);
  await page.screenshot({ path: `${ARTIFACTS}save-problem.png` });
  await page.waitForTimeout(1500);
  assert.equal(await notice.count(), 1, 'the notice stays');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: 'Download the panes' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'seams-panes.json');
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.schema, await page.inputValue('#pane-schema'));
  assert.match(file.schema, /t_full/);
  assert.equal(file.services, await page.inputValue('#pane-services'));

  // Room again: the next save works and the notice goes.
  await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), keys);
  await typeAtEnd(page, '-- room again\n');
  await notice.waitFor({ state: 'detached', timeout: 5000 });
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload right after an edit keeps it', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  await typeAtEnd(page, '\ncreate table typed_just_now (id int);');
  const typed = await page.inputValue('#pane-schema');
  await page.reload(); // within the save delay
  await page.waitForSelector(`${GRAPH} [data-node]`);
  assert.equal(await page.inputValue('#pane-schema'), typed);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link opened while different saved work exists asks which to keep', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  await typeAtEnd(page, '\ncreate table my_newer_work (id int);\n');
  const mine = await page.inputValue('#pane-schema');
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY);
  const link = `${site.url}#${fragmentOf({ schema: 'create table from_link (id int primary key);', services: '' })}`;

  // Another tab opens an older link: the dialog asks; by keyboard, keep the saved work.
  const other = await context.newPage();
  await other.goto(link);
  await other.waitForSelector(`${GRAPH} [data-node]`);
  const dialog = other.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /saved work/);
  await other.screenshot({ path: `${ARTIFACTS}link-choice.png` });
  const focused = await other.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Keep my saved work', 'the safe choice has the focus');
  await other.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await other.inputValue('#pane-schema'), mine);

  // Again, this time choosing the link (Tab to it, Enter): the link's text shows.
  await other.goto('about:blank');
  await other.goto(link);
  await dialog.waitFor();
  await other.keyboard.press('Tab');
  assert.equal(await other.evaluate(() => document.activeElement?.textContent), 'Open the link');
  await other.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await other.inputValue('#pane-schema'), 'create table from_link (id int primary key);');
  // Nothing was overwritten yet: the saved work is still there until an edit.
  assert.equal(await other.evaluate((k) => localStorage.getItem(k) !== null, KEY), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the crash overlay reload brings back exactly the rescued text, not the older link', async () => {
  const link = fragmentOf({ schema: 'create table old_link (id int primary key);', services: '' });
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${site.url}?panic-test=2500#${link}`);
  await page.waitForSelector(`${GRAPH} [data-node]`);
  // Typing until the panic: no pause long enough for the address bar to follow.
  await page.click('#pane-schema');
  await page.keyboard.press('Control+End');
  const overlay = page.getByRole('alertdialog');
  for (let i = 0; i < 200 && (await overlay.count()) === 0; i++) await page.keyboard.type('x', { delay: 20 });
  await overlay.waitFor();
  const rescued = await page.inputValue('#pane-schema');
  assert.match(rescued, /old_link.*x+$/s);
  await page.screenshot({ path: `${ARTIFACTS}crash-overlay-rescued.png` });
  await Promise.all([page.waitForEvent('load'), overlay.getByRole('button', { name: 'Reload' }).click()]);
  await page.waitForSelector(`${GRAPH} [data-node]`);
  assert.equal(await page.inputValue('#pane-schema'), rescued);
  await context.close();
});

test('another tab saving different work is announced, to load or to keep one\'s own', async () => {
  const { context, page: first, errors } = await openPage(site.browser, site.url);
  const second = await context.newPage();
  await second.goto(site.url);
  await second.waitForSelector(`${GRAPH} [data-node]`);

  await typeAtEnd(first, '\ncreate table from_first_tab (id int);\n');
  const notice = second.locator('[data-testid="other-tab"]');
  await notice.waitFor({ timeout: 5000 });
  assert.match(await notice.textContent(), /Another tab saved/);
  await second.screenshot({ path: `${ARTIFACTS}other-tab.png` });
  await notice.getByRole('button', { name: 'Load it' }).click();
  assert.equal(await second.inputValue('#pane-schema'), await first.inputValue('#pane-schema'));
  await notice.waitFor({ state: 'detached' });

  // The second tab edits: the first hears of it, keeps its own, which is saved again.
  await typeAtEnd(second, '-- second tab\n');
  const back = first.locator('[data-testid="other-tab"]');
  await back.waitFor({ timeout: 5000 });
  const mine = await first.inputValue('#pane-schema');
  await back.getByRole('button', { name: 'Keep mine' }).click();
  await back.waitFor({ state: 'detached' });
  await second.locator('[data-testid="other-tab"]').waitFor({ timeout: 5000 });
  const saved = await first.evaluate((k) => localStorage.getItem(k), KEY);
  assert.ok(saved);
  assert.deepEqual(errors, []);
  // What is saved is the first tab's text (a fresh tab opens it).
  const third = await context.newPage();
  await third.goto(site.url);
  await third.waitForSelector(`${GRAPH} [data-node]`);
  assert.equal(await third.inputValue('#pane-schema'), mine);
  await context.close();
});
