// Text contrast in both themes (issue 16): the current stage button, a pressed button, the score
// delta and the service labels in the graph meet WCAG AA (4.5:1), measured on the colours the
// browser computes. The palette's own ratios are checked natively (seams-core svg tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ARTIFACTS, useSite } from './browser.mjs';

const site = useSite();

/// [text, background, ratio] for each element `selector` matches: its text colour (SVG `fill`
/// for SVG text) against the first opaque background behind it (the service's box for labels).
async function ratios(page, selector) {
  return page.$$eval(selector, (els) => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    return els.map((el) => {
      const style = getComputedStyle(el);
      const text = el instanceof SVGElement ? style.fill : style.color;
      let ground;
      const box = el.closest('[data-node]')?.querySelector('rect.box');
      if (el instanceof SVGElement && box) ground = getComputedStyle(box).fill;
      for (let at = el; !ground && at; at = at.parentElement) {
        const bg = getComputedStyle(at).backgroundColor;
        if (bg && !/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') ground = bg;
      }
      const [a, b] = [lum(rgb(text)), lum(rgb(ground))];
      return [text, ground, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
    });
  });
}

for (const theme of ['light', 'dark']) {
  test(`${theme} theme: stage button, pressed button, score delta and service labels meet 4.5:1`, async () => {
    const { context, page, errors } = await openPage(site.browser, site.url, { reducedMotion: 'reduce' });
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
      await page.click('button[aria-label="Dark theme"]');
    }
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.waitForSelector('svg[aria-label="Coupling graph"][data-stage="1"]');
    await page.locator('.delta.up').waitFor();
    const checks = {
      'current stage': '.scrubber button.current .name',
      'pressed button': 'button[aria-pressed="true"]',
      'score delta': '.delta.up',
      'service label': '.graph-canvas .svc text.name',
      'service detail': '.graph-canvas .svc text.detail',
    };
    if (theme === 'light') delete checks['pressed button']; // nothing is pressed in the light theme
    for (const [what, selector] of Object.entries(checks)) {
      const found = await ratios(page, selector);
      assert.ok(found.length > 0, `${what}: ${selector} is on the page`);
      for (const [text, ground, ratio] of found) {
        assert.ok(ratio >= 4.5, `${theme}: ${what} ${text} on ${ground} is ${ratio.toFixed(2)}:1`);
      }
    }
    await page.screenshot({ path: `${ARTIFACTS}contrast-${theme}.png` });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
