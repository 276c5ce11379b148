/**
 * The listing's screenshots of the UI Kit screens: the agent view and the admin page as the preview
 * renders them (ADS components from the real @forge/react reconciler's tree, light tokens), framed like
 * the portal ones (test/browser/marketplace.ts) with the listing's captions in each listing language.
 * Files are written only with UPDATE_SCREENSHOTS=1; test/marketplace/listing.test.ts checks the committed ones.
 */
// The agent panel's dates are formatted in the server, in the agent's zone, as `npm start` does.
import { DEMO_USERS } from '../double';
process.env.TZ = DEMO_USERS.agent.timeZone;
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ensurePortalBuild } from '../bridge-server/portal-build';
import { CAPTURE_SCALE, expectedSizes, marketplaceScreenshot, type Capture } from '../browser/marketplace';
import { CHROMIUM_ARGS, message } from '../browser/support';
import { pngSize } from '../marketplace/listing';
import { screenshotSurface, type SurfaceShot } from './screenshots';
import { startPreview, type Preview } from './server';
import type { Surface } from './types';

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensurePortalBuild();
  preview = await startPreview({ port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ deviceScaleFactor: CAPTURE_SCALE, timezoneId: 'Europe/Brussels' });
  page.setDefaultTimeout(10_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** Focus mode pads the surface 48 px above and below, and at least 24 px on each side. */
const FOCUS_PADDING = { block: 48, inline: 24 };

/**
 * One surface alone, `width` CSS px wide and as tall as what it shows (or down to the bottom of `until`,
 * what the screenshot is about), drawn at CAPTURE_SCALE: opened once at the listing's height to settle,
 * then cut to that height and taken again.
 */
async function captureSurface(
  surface: Surface,
  width: number,
  shot: Omit<SurfaceShot, 'surface'>,
  until?: (surface: Locator) => Locator,
): Promise<Capture> {
  await screenshotSurface(page, preview.url, {
    ...shot,
    surface,
    size: { width, height: 900 },
    contentWidth: width - 2 * FOCUS_PADDING.inline,
  });
  const bottom = await page.evaluate((id) => {
    const element = document.getElementById(id);
    const top = element?.getBoundingClientRect().top ?? 0;
    const children = [...(element?.children ?? [])].map((c) => c.getBoundingClientRect().bottom);
    return Math.ceil(Math.max(0, ...children) - top);
  }, `${surface}-rendered`);
  const last = until ? await until(page.locator(`#${surface}-rendered`)).boundingBox() : null;
  const height = Math.max((last ? Math.ceil(last.y + last.height) : bottom) + FOCUS_PADDING.block, 120);
  await page.setViewportSize({ width, height });
  const png = await page.screenshot();
  return { png, width, height };
}

const fr = (key: Parameters<typeof message>[1], vars?: Parameters<typeof message>[2]): string =>
  message('fr-FR', key, vars);

it('04: the agent view in French, on a request waiting for the customer', async () => {
  const capture = await captureSurface('agent', 440, {
    request: 'SUP-5',
    locale: 'fr_FR',
    prepare: async (agent) => {
      await agent.getByRole('heading', { name: 'En attente du client' }).waitFor();
    },
  });
  expect(pngSize(capture.png)).toEqual({
    width: capture.width * CAPTURE_SCALE,
    height: capture.height * CAPTURE_SCALE,
  });
  expect(await marketplaceScreenshot(browser, '04-agent-view.png', capture)).toEqual(
    expectedSizes('04-agent-view.png'),
  );
});

it('05: the admin page in French, the installation previewed before anything changes', async () => {
  // Down to the preview's Install button: the table and what the installation would change.
  const capture = await captureSurface(
    'admin',
    880,
    {
      locale: 'fr_FR',
      prepare: async (admin) => {
        await admin
          .getByRole('button', { name: fr('admin.button.preview') })
          .first()
          .click();
        await admin.getByText(fr('admin.preview.title', { project: 'Support (SUP)' })).waitFor();
      },
    },
    (admin) => admin.getByRole('button', { name: fr('admin.button.install') }),
  );
  expect(capture.height).toBeLessThan(900);
  expect(pngSize(capture.png).width).toBe(capture.width * CAPTURE_SCALE);
  expect(await marketplaceScreenshot(browser, '05-admin-page.png', capture)).toEqual(
    expectedSizes('05-admin-page.png'),
  );
});
