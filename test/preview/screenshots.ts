/**
 * Listing-sized screenshots of the UI Kit surfaces as the preview renders them (ADS components, design
 * tokens): for the Marketplace listing material, made by a browser suite against a running preview.
 *
 *   const png = await screenshotSurface(page, preview.url, { surface: 'admin', theme: 'dark', path });
 *
 * The page opens in focus mode (`focus=` in the address): the surface alone, filling the window, its
 * content `contentWidth` px wide and centred, on the surface's own background. `prepare` runs once it
 * has settled, to bring it to the state to show (open a panel, press a button); it settles again after.
 * The image is exactly `size`: what is taller is cut at the bottom.
 */
import type { Locator, Page } from 'playwright-core';
import type { Surface } from './types';

/**
 * What the listing uses, as far as this repository knows: 1840×900 px screenshots. Not confirmed
 * against Atlassian's listing guidelines here; pass `size` if they say otherwise.
 */
export const MARKETPLACE_SIZE = { width: 1840, height: 900 } as const;

/** Content widths that read well at that size: the issue view's side panel is narrow, the admin page wide. */
const CONTENT_WIDTH: Readonly<Record<Surface, number>> = { agent: 640, admin: 1200 };

export interface SurfaceShot {
  surface: Surface;
  theme?: 'light' | 'dark';
  /** As Jira names it: fr_FR, en_US, nl_NL or de_DE. */
  locale?: string;
  /** The agent panel's request (SUP-1 … SUP-10 on the demo site). */
  request?: string;
  size?: { width: number; height: number };
  contentWidth?: number;
  /** Where to save the PNG; without it the image is only returned. */
  path?: string;
  prepare?: (surface: Locator) => Promise<void>;
}

/** Waits until the surface has been drawn and no answer from the server is awaited. */
export async function surfaceSettled(page: Page, surface: Surface): Promise<void> {
  await page.waitForFunction((id) => {
    const element = document.getElementById(id);
    return element !== null && element.childElementCount > 0 && !element.hasAttribute('aria-busy');
  }, `${surface}-rendered`);
}

export async function screenshotSurface(page: Page, previewUrl: string, shot: SurfaceShot): Promise<Buffer> {
  const size = shot.size ?? MARKETPLACE_SIZE;
  const hash = new URLSearchParams({
    request: shot.request ?? 'SUP-5',
    locale: shot.locale ?? 'fr_FR',
    theme: shot.theme ?? 'light',
    ui: 'rendered',
    focus: shot.surface,
    focusWidth: String(shot.contentWidth ?? CONTENT_WIDTH[shot.surface]),
  });
  await page.setViewportSize(size);
  // A new document: the page reads `focus` once, when it starts (a hash change alone would not).
  await page.goto('about:blank');
  await page.goto(`${previewUrl}/#${hash.toString()}`);
  await surfaceSettled(page, shot.surface);
  if (shot.prepare) {
    await shot.prepare(page.locator(`#${shot.surface}-rendered`));
    await surfaceSettled(page, shot.surface);
  }
  return page.screenshot({ ...(shot.path ? { path: shot.path } : {}), fullPage: false });
}
