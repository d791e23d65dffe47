// The embed in a document (issue 16): an iframe in a 700 px column of a host page, driven with
// the real mouse and wheel. A plain wheel over the graph scrolls the host page and says how to
// zoom; Ctrl + wheel zooms the graph and leaves the host where it was; the stage names, the
// caption and the scores are readable, not cut to "Sha…"; the search and zoom controls sit
// above the graph, never over its top row; `theme=auto` follows the reader's system theme, also
// when it changes. Screenshots: tests/e2e/artifacts/embed-host-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, useSite, GRAPH } from './browser.mjs';

const site = useSite();

/// A host document with a 700 px column holding the embed, text above and below it.
function host(src) {
  const para = (text, n) => `<p>${text}</p>`.repeat(n);
  return `<!doctype html><html><body style="margin:0;font:16px system-ui">
    <main style="width:700px;margin:0 auto"><h1>Design notes</h1>${para('The host document, above the embed.', 12)}
    <iframe src="${src}" title="Seams" width="100%" height="520" style="border:0"></iframe>
    ${para('The host document, after the embed.', 40)}</main></body></html>`;
}

async function openHost(query, { colorScheme = 'light' } = {}) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setContent(host(`${site.url}?embed=1${query}`));
  const frame = page.frameLocator('iframe');
  await frame.locator(`${GRAPH} [data-node]`).first().waitFor();
  await page.locator('iframe').scrollIntoViewIfNeeded();
  return { context, page, frame, errors };
}

/// The graph's transform inside the embed (changes when it zooms).
const transform = (frame) => frame.locator('.graph-canvas').getAttribute('style');

test('in a 700 px column the wheel scrolls the host, Ctrl + wheel zooms, and everything reads', async () => {
  const { context, page, frame, errors } = await openHost('');
  await page.waitForTimeout(300);
  const box = await page.locator('iframe').boundingBox();
  const graph = await frame.locator('.graph-frame').boundingBox();

  // The stepper: every stage's number and score shown; the current stage's name whole.
  const buttons = frame.locator('.scrubber button');
  assert.equal(await buttons.count(), 5);
  const current = frame.locator('.scrubber button.current .name');
  assert.equal((await current.textContent()).trim(), 'As is');
  assert.ok(await current.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'the current stage name is not cut');
  for (let i = 0; i < 5; i++) {
    const text = await buttons.nth(i).textContent();
    assert.doesNotMatch(text, /…/, `stage ${i} reads "${text}"`);
    assert.match(text, new RegExp(`^${i}`), `stage ${i} shows its number`);
    assert.match(text, /\d+$/, `stage ${i} shows its score`);
  }
  // Caption under the stepper; the controls in a strip above the graph, not over it.
  assert.match(await frame.getByTestId('caption').textContent(), /\S/);
  for (const control of ['.zoom', '.graph-search']) {
    const b = await frame.locator(control).boundingBox();
    assert.ok(b.y + b.height <= graph.y + 1, `${control} ends at ${b.y + b.height}, the graph starts at ${graph.y}`);
  }
  await page.screenshot({ path: `${ARTIFACTS}embed-host-700.png` });

  // A plain wheel over the graph scrolls the host page; the graph keeps its zoom.
  const before = { scroll: await page.evaluate(() => scrollY), transform: await transform(frame) };
  await page.mouse.move(graph.x + graph.width / 2, graph.y + graph.height / 2);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction((y) => scrollY > y, before.scroll);
  assert.equal(await transform(frame), before.transform, 'a plain wheel does not zoom');
  assert.ok(await frame.locator('.graph-frame.wheel-hint').count() === 1, 'the zoom hint shows');
  await page.screenshot({ path: `${ARTIFACTS}embed-host-wheel-hint.png` });

  // Ctrl + wheel zooms the graph, and the host stays where it is.
  await page.locator('iframe').scrollIntoViewIfNeeded();
  const again = await frame.locator('.graph-frame').boundingBox();
  await page.mouse.move(again.x + again.width / 2, again.y + again.height / 2);
  const scroll = await page.evaluate(() => scrollY);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await frame.locator('.graph-canvas').evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.notEqual(await transform(frame), before.transform, 'Ctrl + wheel zooms');
  assert.equal(await page.evaluate(() => scrollY), scroll, 'Ctrl + wheel leaves the host where it is');

  // Stage 3 by mouse: its name whole, the caption with the score change.
  const third = buttons.nth(3);
  const b3 = await third.boundingBox();
  await page.mouse.click(b3.x + b3.width / 2, b3.y + b3.height / 2);
  await frame.locator('.scrubber button.current .name', { hasText: 'API boundaries' }).waitFor();
  assert.match(await frame.locator('.caption').textContent(), /score [+-]\d+ → \d+/);
  await page.screenshot({ path: `${ARTIFACTS}embed-host-700-stage3.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('theme=auto follows the system theme, also when it changes', async () => {
  const { context, page, frame, errors } = await openHost('&theme=auto', { colorScheme: 'dark' });
  const theme = () => frame.locator('html').getAttribute('data-theme');
  assert.equal(await theme(), 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await frame.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await frame.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await page.screenshot({ path: `${ARTIFACTS}embed-host-auto-dark.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
