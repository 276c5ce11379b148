/**
 * The Marketplace's images, drawn by Chromium from the repository's own sources: the app icon from its
 * SVGs, and the listing's screenshots from the real portal panel on the Jira double, framed at the
 * Marketplace's size with the listing's captions (test/browser/marketplace.ts). Files are written only
 * with UPDATE_SCREENSHOTS=1; test/marketplace/listing.test.ts checks the committed ones.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  CROP_SIZE,
  ICON_SIZE,
  LISTING_LANGUAGES,
  MARKETPLACE_DIR,
  SHOT_SIZE,
  SMALL_ICON_SIZE,
  listedScreenshots,
  pngSize,
  readListing,
} from '../marketplace/listing';
import { CAPTURE_SCALE, UPDATING, capturePage, marketplaceScreenshot } from './marketplace';
import { freshIssue, message, openPanel, saveWaitingRules, startRig, type Rig } from './support';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 120_000);
afterAll(() => rig?.close());

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
  expect(rig.double.takeViolations()).toEqual([]);
});

interface IconPixels {
  png: Buffer;
  /** Share of the pixels in each colour family, from the rendering itself. */
  white: number;
  amber: number;
  green: number;
  transparent: number;
}

/** Draws an SVG at `size` px in Chromium, as PNG, and counts its colours on a canvas. */
async function renderIcon(svgFile: string, size: number): Promise<IconPixels> {
  const tab = await rig.browser.newPage({ viewport: { width: size, height: size } });
  page = tab;
  const svg = readFileSync(join(MARKETPLACE_DIR, svgFile)).toString('base64');
  await tab.setContent(
    `<html><body style="margin:0;background:transparent">` +
      `<img id="icon" width="${size}" height="${size}" style="display:block" src="data:image/svg+xml;base64,${svg}">`,
  );
  await tab.waitForFunction(() => (document.getElementById('icon') as HTMLImageElement).complete);
  const counts = await tab.evaluate((side) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = side;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(document.getElementById('icon') as HTMLImageElement, 0, 0, side, side);
    const data = context.getImageData(0, 0, side, side).data;
    let white = 0,
      amber = 0,
      green = 0,
      transparent = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a < 32) transparent++;
      else if (r > 230 && g > 230 && b > 230) white++;
      else if (r > 200 && g > 140 && b < 80) amber++;
      else if (r < 60 && g > 80 && g < 140 && b > 70 && b < 120) green++;
    }
    const total = side * side;
    return {
      white: white / total,
      amber: amber / total,
      green: green / total,
      transparent: transparent / total,
    };
  }, size);
  const png = await tab.screenshot({ omitBackground: true });
  return { png, ...counts };
}

describe('the app icon', () => {
  it.each([
    ['icon.svg', ICON_SIZE, 'icon-144.png'],
    ['icon-16.svg', SMALL_ICON_SIZE, 'icon-16.png'],
  ])('%s renders at %i px with its shapes still apart', async (svg, size, png) => {
    const icon = await renderIcon(svg, size);
    expect(pngSize(icon.png)).toEqual({ width: size, height: size });
    // The bubble, the current status and the chiclet each keep a visible share, even at 16 px
    // (the amber dot is 1.5 % of the large icon; at 16 px a 3 × 3 px square, 9 of 256 pixels).
    expect(icon.white).toBeGreaterThan(0.2);
    expect(icon.amber).toBeGreaterThan(0.01);
    expect(icon.green).toBeGreaterThan(0.25);
    // A bounded ("chiclet") background: only the rounded corners are transparent.
    expect(icon.transparent).toBeGreaterThan(0);
    expect(icon.transparent).toBeLessThan(0.05);
    if (UPDATING) writeFileSync(join(MARKETPLACE_DIR, png), icon.png);
  });
});

const sharp = { deviceScaleFactor: CAPTURE_SCALE };
/** A highlight: its screenshot at 1840 × 900 in every language, and its crop at 580 × 330. */
const highlightSizes = {
  ...Object.fromEntries(LISTING_LANGUAGES.map((l) => [l, SHOT_SIZE])),
  crop: CROP_SIZE,
};

describe('the listing screenshots', () => {
  beforeAll(() => saveWaitingRules(rig));

  it('names only screenshots a suite draws, or says which are still to come', () => {
    // 04 and 05, the UI Kit screens, are drawn by test/preview/marketplace-shots.test.ts.
    const drawn = [
      '01-portal-status.png',
      '02-portal-dialog.png',
      '03-portal-languages.png',
      '04-agent-view.png',
      '05-admin-page.png',
    ];
    expect(listedScreenshots(readListing()).sort()).toEqual([...drawn, ...readListing().pending].sort());
  });

  it('01: the panel in French, waiting for the customer, with the deadline', async () => {
    page = await openPanel(rig, { request: 'SUP-5', locale: 'fr_FR' }, sharp);
    await page.locator('.deadline').waitFor();
    // The text itself (the lozenge shows it in capitals).
    expect(await page.locator('.badge').textContent()).toBe(message('fr-FR', 'badge.responseRequired'));
    const capture = await capturePage(page);
    expect(pngSize(capture.png).width).toBe(capture.width * CAPTURE_SCALE);
    expect(await marketplaceScreenshot(rig.browser, '01-portal-status.png', capture)).toEqual(highlightSizes);
  });

  it('02: the answer dialog in French, the customer writing', async () => {
    const issue = freshIssue(rig.double, 'waiting_customer');
    page = await openPanel(rig, { request: issue.key, locale: 'fr_FR' }, sharp);
    await page.getByRole('button', { name: message('fr-FR', 'action.customerAnswered.label') }).click();
    const dialog = page.getByRole('dialog', { name: message('fr-FR', 'action.customerAnswered.title') });
    await dialog.waitFor();
    await page.keyboard.type('Bonjour, voici la capture demandée.');
    const capture = await capturePage(page);
    expect(await marketplaceScreenshot(rig.browser, '02-portal-dialog.png', capture)).toEqual(highlightSizes);
  });

  it('03: the panel in Dutch, waiting for approval, with Accept and Decline', async () => {
    page = await openPanel(rig, { request: 'SUP-7', locale: 'nl_NL' }, sharp);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl-NL');
    expect(await page.locator('.actions button').allInnerTexts()).toEqual([
      message('nl-NL', 'action.acceptedByCustomer.label'),
      message('nl-NL', 'action.refusedByCustomer.label'),
    ]);
    const capture = await capturePage(page);
    expect(await marketplaceScreenshot(rig.browser, '03-portal-languages.png', capture)).toEqual(
      highlightSizes,
    );
  });
});
