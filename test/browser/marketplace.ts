/**
 * The Marketplace's screenshots: a capture of one of the app's screens (the portal panel, its dialog,
 * later the agent view and the admin page), framed at the Marketplace's exact size on a neutral
 * service-desk background, with the listing's own caption in each listing language. Written to
 * docs/marketplace/screenshots/<language>/ only with UPDATE_SCREENSHOTS=1; always measured.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  CROP_SIZE,
  LISTING_LANGUAGES,
  MARKETPLACE_DIR,
  MARKETPLACE_SCREENSHOTS,
  SHOT_SIZE,
  captionOf,
  listedHighlights,
  pngSize,
  readListing,
  type ListingLanguage,
} from '../marketplace/listing';

export const UPDATING = process.env.UPDATE_SCREENSHOTS === '1';

/** Screens are drawn at twice their size, so they stay sharp once framed. */
export const CAPTURE_SCALE = 2;

/** A screen as PNG, and its size in CSS pixels (the PNG is CAPTURE_SCALE times larger). */
export interface Capture {
  png: Buffer;
  width: number;
  height: number;
}

/** The page as tall as its `main`, like the portal's frame, drawn at the page's device scale. */
export async function capturePage(page: Page): Promise<Capture> {
  const width = page.viewportSize()?.width ?? 400;
  const height = Math.max(await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0), 120);
  await page.setViewportSize({ width, height });
  const png = await page.screenshot();
  return { png, width, height };
}

/** Narrower than this, a screen is a portal side panel and is shown beside a request's conversation. */
const SIDE_PANEL_MAX_WIDTH = 480;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function frameHtml(capture: Capture, title: string, text: string, language: string): string {
  const icon = readFileSync(join(MARKETPLACE_DIR, 'icon.svg')).toString('base64');
  const screen = capture.png.toString('base64');
  const side = capture.width <= SIDE_PANEL_MAX_WIDTH;
  // The card's inner box; the screen is scaled to fit it, never above its captured sharpness.
  const box = side ? { width: 540, height: 700 } : { width: 1080, height: 700 };
  const scale = Math.min(box.width / capture.width, box.height / capture.height, CAPTURE_SCALE);
  const shown = { width: Math.round(capture.width * scale), height: Math.round(capture.height * scale) };
  // Grey bars stand for the request's conversation: the frame shows where the panel sits, not content.
  const conversation = side
    ? `<div class="conversation">${[70, 92, 84, 0, 60, 88, 76, 0, 66, 90]
        .map((w) => (w ? `<span style="width:${w}%"></span>` : '<i></i>'))
        .join('')}</div>`
    : '';
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><style>
    * { box-sizing: border-box; margin: 0; }
    body { width: ${SHOT_SIZE.width}px; height: ${SHOT_SIZE.height}px; overflow: hidden;
      font-family: 'DejaVu Sans', system-ui, sans-serif; color: #14303f;
      background: linear-gradient(135deg, #eef2f4 0%, #dfe7ea 100%);
      display: flex; align-items: center; gap: 56px; padding: 0 72px; }
    .caption { width: 560px; flex: none; }
    .brand { display: flex; align-items: center; gap: 16px; margin-bottom: 40px;
      font-size: 26px; font-weight: bold; color: #0b6e5f; }
    .brand img { width: 56px; height: 56px; }
    h1 { font-size: 50px; line-height: 1.2; margin-bottom: 28px; }
    p { font-size: 27px; line-height: 1.5; color: #3d5563; }
    .card { flex: none; width: 1080px; height: 780px; background: #fff; border-radius: 18px;
      box-shadow: 0 12px 40px rgba(20, 48, 63, 0.18); overflow: hidden; display: flex; flex-direction: column; }
    .band { height: 56px; flex: none; background: #f4f6f7; border-bottom: 1px solid #dde3e6;
      display: flex; align-items: center; gap: 14px; padding: 0 28px; }
    .band span { height: 14px; border-radius: 7px; background: #c9d3d8; }
    .body { flex: 1; display: flex; gap: 40px; padding: 12px 40px; align-items: center; justify-content: center; }
    .conversation { flex: 1; align-self: flex-start; padding-top: 28px; display: flex; flex-direction: column; gap: 16px; }
    .conversation span { display: block; height: 16px; border-radius: 8px; background: #e3e8eb; }
    .conversation i { display: block; height: 20px; }
    .screen { flex: none; width: ${shown.width}px; height: ${shown.height}px; border-radius: 6px;
      ${side ? 'border: 1px solid #dde3e6;' : ''} }
  </style></head><body>
    <div class="caption">
      <div class="brand"><img alt="" src="data:image/svg+xml;base64,${icon}">Guide des statuts</div>
      <h1>${escapeHtml(title)}</h1>
      <p>${escapeHtml(text)}</p>
    </div>
    <div class="card">
      <div class="band"><span style="width:120px"></span><span style="width:220px"></span></div>
      <div class="body">${conversation}<img class="screen" alt="" src="data:image/png;base64,${screen}"></div>
    </div>
  </body></html>`;
}

type Size = { width: number; height: number };

/**
 * One framed screenshot, at the Marketplace's exact size, and its crop for a highlight: the screen's
 * top, around its centre, cut from the same image (the form asks for both).
 */
export async function frame(
  browser: Browser,
  capture: Capture,
  caption: { title: string; text: string },
  language: string,
): Promise<{ png: Buffer; crop: Buffer }> {
  const page = await browser.newPage({ viewport: SHOT_SIZE, deviceScaleFactor: 1 });
  try {
    await page.setContent(frameHtml(capture, caption.title, caption.text, language));
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    const screen = await page.locator('.screen').boundingBox();
    if (!screen) throw new Error('the frame shows no screen');
    const within = (value: number, max: number) => Math.round(Math.min(Math.max(value, 0), max));
    const clip = {
      x: within(screen.x + screen.width / 2 - CROP_SIZE.width / 2, SHOT_SIZE.width - CROP_SIZE.width),
      y: within(screen.y - 16, SHOT_SIZE.height - CROP_SIZE.height),
      ...CROP_SIZE,
    };
    return { png: await page.screenshot(), crop: await page.screenshot({ clip }) };
  } finally {
    await page.close();
  }
}

/** What marketplaceScreenshot must return for `file`: 1840 × 900 in each language, and a highlight's crop. */
export function expectedSizes(file: string): Partial<Record<ListingLanguage | 'crop', Size>> {
  const sizes: Partial<Record<ListingLanguage | 'crop', Size>> = {};
  for (const language of LISTING_LANGUAGES) sizes[language] = SHOT_SIZE;
  if (listedHighlights(readListing()).includes(file)) sizes.crop = CROP_SIZE;
  return sizes;
}

function save(dir: string, file: string, png: Buffer): void {
  if (!UPDATING) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), png);
}

/**
 * The screenshot `file` in every listing language, its caption from docs/marketplace/listing.json,
 * and for a highlight its crop (the app's screen only, so one for all languages, in crops/): the one
 * call a suite makes for each screen it shows on the Marketplace. Returns each PNG's size.
 */
export async function marketplaceScreenshot(
  browser: Browser,
  file: string,
  capture: Capture,
): Promise<Partial<Record<ListingLanguage | 'crop', Size>>> {
  const listing = readListing();
  const highlight = listedHighlights(listing).includes(file);
  const sizes: Partial<Record<ListingLanguage | 'crop', Size>> = {};
  for (const language of LISTING_LANGUAGES) {
    const { png, crop } = await frame(browser, capture, captionOf(listing, language, file), language);
    sizes[language] = pngSize(png);
    save(join(MARKETPLACE_SCREENSHOTS, language), file, png);
    if (highlight && !sizes.crop) {
      sizes.crop = pngSize(crop);
      save(join(MARKETPLACE_SCREENSHOTS, 'crops'), file, crop);
    }
  }
  return sizes;
}
