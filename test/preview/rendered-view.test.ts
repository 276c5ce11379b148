/**
 * The preview's rendered view in Chromium: the agent panel and the admin page drawn with the ADS
 * components from the tree the real @forge/react reconciler produced, in light and dark tokens, with
 * their buttons, boxes, fields and selects acting on that tree in the server. axe on both themes.
 */
// The agent panel's dates are formatted in the server, in the agent's zone, as `npm start` does.
import { DEMO_USERS } from '../double';
process.env.TZ = DEMO_USERS.agent.timeZone;
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ensurePortalBuild } from '../bridge-server/portal-build';
import { CHROMIUM_ARGS, SCREENSHOTS, message, seriousA11yViolations } from '../browser/support';
import { MARKETPLACE_SIZE, screenshotSurface, surfaceSettled } from './screenshots';
import { startPreview, type Preview } from './server';

const fr = (key: Parameters<typeof message>[1], vars?: Parameters<typeof message>[2]): string =>
  message('fr-FR', key, vars);
const PROJECT = 'Support (SUP)';

/** docs/screenshots/ with UPDATE_SCREENSHOTS=1, as preview.test.ts does (the dates follow today's). */
const screenshotFile = (name: string): { path?: string } =>
  process.env.UPDATE_SCREENSHOTS === '1' ? { path: join(SCREENSHOTS, name) } : {};

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensurePortalBuild();
  preview = await startPreview({ port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, timezoneId: 'Europe/Brussels' });
  page.setDefaultTimeout(10_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

const rendered = (surface: 'agent' | 'admin'): Locator => page.locator(`#${surface}-rendered`);

async function open(theme: 'light' | 'dark'): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${preview.url}/#request=SUP-5&as=reporter&locale=fr_FR&theme=${theme}`);
  await surfaceSettled(page, 'agent');
  await surfaceSettled(page, 'admin');
}

/** Waits for the answer to an event of the rendered view, and for the surface to be drawn again. */
async function settled(surface: 'agent' | 'admin'): Promise<void> {
  await surfaceSettled(page, surface);
}

const background = (locator: Locator): Promise<string> =>
  locator.evaluate((element) => getComputedStyle(element).backgroundColor);

/** The agent panel's lozenge: the outermost element that reads "Réponse requise" (ADS nests a span). */
const lozengeBackground = (): Promise<string> =>
  rendered('agent').evaluate((root) => {
    const lozenge = [...root.querySelectorAll('span')].find((s) => s.textContent === 'Réponse requise');
    return lozenge ? getComputedStyle(lozenge).backgroundColor : 'none';
  });

it('draws the agent panel with ADS components by default, themed with the light tokens', async () => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await open('light');
  const agent = rendered('agent');
  expect(await agent.isVisible()).toBe(true);
  expect(await page.locator('#agent-outline').isVisible()).toBe(false);
  expect(await agent.getAttribute('data-color-mode')).toBe('light');

  // ADS Heading: a real heading, in the tokens' type (Atlassian Sans first), with compiled atomic classes.
  const heading = agent.getByRole('heading', { name: 'En attente du client' });
  expect(await heading.evaluate((h) => h.tagName)).toBe('H3');
  expect(await heading.evaluate((h) => getComputedStyle(h).fontFamily)).toMatch(/^"Atlassian Sans"/);
  // ADS Lozenge "moved": its token colour, not the page's.
  expect(await lozengeBackground()).toBe('rgb(252, 228, 166)');
  // ADS SectionMessage: its title and icon, on the information background.
  expect(await agent.getByRole('heading', { name: 'Ce que le client lit sur le portail' }).count()).toBe(1);
  // Every component of the panel is drawn: none fell back to a placeholder.
  expect(await page.locator('#agent-rendered .ak-placeholder, #admin-rendered .ak-placeholder').count()).toBe(
    0,
  );
  expect(await background(agent)).toBe('rgb(255, 255, 255)');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await agent.screenshot(screenshotFile('ui-kit-agent-light.png'));
  expect(errors).toEqual([]);
});

it('draws the admin page with ADS buttons and table, and its install works from the rendered view', async () => {
  const admin = rendered('admin');
  const table = admin.getByRole('table', { name: fr('admin.page.title') });
  await table.waitFor();
  expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
    'Projet',
    'Gestion',
    'État',
    'Détails',
    'Actions',
  ]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await admin.screenshot(screenshotFile('ui-kit-admin-light.png'));

  await admin.getByRole('button', { name: fr('admin.button.preview') }).click();
  await admin.getByText(fr('admin.preview.title', { project: PROJECT })).waitFor();
  await admin.getByRole('button', { name: fr('admin.button.install') }).click();
  await admin.getByText(fr('admin.install.done', { project: 'SUP' })).waitFor();
  await admin.getByText(fr('admin.state.installed'), { exact: true }).waitFor();
  // The install happened in Jira (the double), called by the real resolver.
  const calls = (await (await fetch(`${preview.url}/__preview/api/invocations`)).json()) as {
    calls: { functionKey: string; outcome: string }[];
  };
  expect(calls.calls).toEqual(
    expect.arrayContaining([expect.objectContaining({ functionKey: 'adminInstall', outcome: 'ok' })]),
  );
});

it("unticks a status in the project's e-mails and saves: the box goes back to the reconciler's tree", async () => {
  const admin = rendered('admin');
  await admin.getByRole('button', { name: fr('email.settings.open', { project: PROJECT }) }).click();
  const resolved = admin.getByRole('checkbox', { name: 'Résolu' });
  await resolved.waitFor();
  expect(await resolved.isChecked()).toBe(true);
  // @atlaskit/checkbox itself: its input carries the testId scheme forge-react-types documents.
  expect(await resolved.getAttribute('data-testid')).toBe('mail-status-resolved--hidden-checkbox');
  expect(await admin.locator('[data-testid="mail-status-resolved--checkbox-label"]').count()).toBe(1);
  await resolved.click();
  await settled('admin');
  await admin.getByRole('button', { name: fr('email.settings.save') }).click();
  await admin.getByText(fr('email.settings.saved', { project: PROJECT })).waitFor();
  expect(await resolved.isChecked()).toBe(false);
  // The outline shows the same tree: the box is unticked there too.
  expect(
    await page
      .locator('#admin-outline')
      .getByRole('checkbox', { name: 'Résolu', includeHidden: true })
      .isChecked(),
  ).toBe(false);
});

it('types a request key in a text field: the app enables its button once the value has reached it', async () => {
  const admin = rendered('admin');
  const send = admin.getByRole('button', { name: fr('sitecheck.mail.send') });
  expect(await send.isDisabled()).toBe(true);
  await admin.getByRole('textbox', { name: fr('sitecheck.mail.requestLabel') }).fill('SUP-1');
  await settled('admin');
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll('#admin-rendered button')].some(
        (b) => b.textContent === name && !(b as HTMLButtonElement).disabled,
      ),
    fr('sitecheck.mail.send'),
  );
  expect(await send.isDisabled()).toBe(false);
});

it('picks a status in a select of the guide texts editor: the fields follow the chosen status', async () => {
  const admin = rendered('admin');
  await admin.getByRole('button', { name: fr('texts.editor.open', { project: PROJECT }) }).click();
  const label = admin.locator('[data-testid="texts-input-label"]');
  await label.waitFor();
  expect(await label.getAttribute('placeholder')).toBe('Ouvert');
  // The reconciler prefixes ids (inputId, labelFor) with the app's: found by its label instead.
  await admin.getByRole('combobox', { name: fr('texts.editor.status') }).click();
  await page.getByRole('option', { name: 'Résolu', exact: true }).click();
  await settled('admin');
  await page.waitForFunction(
    () =>
      document
        .querySelector('#admin-rendered [data-testid="texts-input-label"]')
        ?.getAttribute('placeholder') === 'Résolu',
  );
  // What is typed reaches the app: its counter counts it.
  await label.fill('Fermé');
  await admin.getByText(fr('texts.editor.counter', { count: 5, max: 600 })).waitFor();
  expect(await label.inputValue()).toBe('Fermé');
  // The export is @atlaskit/code's CodeBlock: the JSON highlighted (Prism's token spans), not plain text.
  const exported = admin.locator('[data-testid="texts-export"]');
  // (Prism loads on first use: the tokens come once it has.)
  await exported.locator('.token').first().waitFor();
  expect(await exported.locator('.token').count()).toBeGreaterThan(0);
  // The e-mail settings' boxes are still open above: axe sees checkboxes and the code block together.
  expect(await admin.getByRole('checkbox').count()).toBeGreaterThan(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

it('switches both surfaces to the dark tokens with the theme picker, without axe findings', async () => {
  await open('light');
  // Mounted again, as reopening the page in Jira would: the panels the tests above opened close.
  await page.locator('#admin-reload').click();
  await settled('admin');
  const light = { agent: await background(rendered('agent')), admin: await background(rendered('admin')) };
  const lozengeLight = await lozengeBackground();
  await page.locator('input[name="theme"][value="dark"]').check();
  await page.waitForFunction(() => document.getElementById('agent-rendered')?.dataset.colorMode === 'dark');
  expect(await rendered('admin').getAttribute('data-color-mode')).toBe('dark');
  const dark = { agent: await background(rendered('agent')), admin: await background(rendered('admin')) };
  expect(dark.agent).not.toBe(light.agent);
  expect(dark.admin).not.toBe(light.admin);
  // The dark surface is dark: each channel well under the light one's.
  for (const channel of dark.agent.match(/\d+/g)?.slice(0, 3) ?? []) expect(Number(channel)).toBeLessThan(64);
  expect(await lozengeBackground()).not.toBe(lozengeLight);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await rendered('agent').screenshot(screenshotFile('ui-kit-agent-dark.png'));
  await rendered('admin').screenshot(screenshotFile('ui-kit-admin-dark.png'));
  // The checkboxes and the code block in the dark tokens too.
  const admin = rendered('admin');
  await admin.getByRole('button', { name: fr('email.settings.open', { project: PROJECT }) }).click();
  await admin.getByRole('checkbox', { name: 'Résolu' }).waitFor();
  await admin.getByRole('button', { name: fr('texts.editor.open', { project: PROJECT }) }).click();
  await admin.locator('[data-testid="texts-export"] .token').first().waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

it('draws a UI Kit component it does not know as a labelled placeholder, with its content', async () => {
  await page.evaluate(() => {
    const element = document.createElement('div');
    element.id = 'unknown-probe';
    document.body.append(element);
    const text = (value: string) => ({ type: 'String', props: { text: value }, children: [] });
    window.previewUiKit?.render(
      element,
      { type: 'Root', props: {}, children: [{ type: 'Tooltip', props: {}, children: [text('Dedans')] }] },
      'light',
      () => undefined,
    );
  });
  const placeholder = page.locator('#unknown-probe').getByRole('group', { name: 'UI Kit Tooltip' });
  await placeholder.waitFor();
  expect(await placeholder.innerText()).toBe('Tooltip: not drawn by the preview\nDedans');
  await page.evaluate(() => document.getElementById('unknown-probe')?.remove());
});

it("keeps the rendered view's bundle within bounds (React, react-dom and the ADS components)", async () => {
  const js = await (await fetch(`${preview.url}/__preview/ui-kit.js`)).text();
  // 1.79 MB minified (527 kB gzipped) when measured, 590 kB of it refractor, every Prism grammar, which
  // @atlaskit/code imports on first use (Jira loads it as a chunk of its own; the preview is one bundle).
  // A tenth over that says something new came in.
  expect(js.length).toBeLessThan(1_970_000);
  const css = await (await fetch(`${preview.url}/__preview/ui-kit.css`)).text();
  // The token themes come with it (the page's CSP forbids inline style sheets), light and dark.
  expect(css).toContain('[data-subtree-theme][data-color-mode="dark"]');
});

it('keeps the outline as a debugging view, from the same tree', async () => {
  await page.locator('input[name="ui"][value="outline"]').check();
  expect(await rendered('agent').isVisible()).toBe(false);
  await page.locator('#agent-outline').getByText('Réponse requise', { exact: true }).waitFor();
  expect(page.url()).toContain('ui=outline');
  await page.locator('input[name="ui"][value="rendered"]').check();
  expect(await rendered('agent').isVisible()).toBe(true);
});

it('makes listing-sized screenshots of one surface, alone, in either theme', async () => {
  const png = await screenshotSurface(page, preview.url, { surface: 'admin', theme: 'dark' });
  // PNG: the width and height are the IHDR chunk's first two numbers.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([
    MARKETPLACE_SIZE.width,
    MARKETPLACE_SIZE.height,
  ]);
  expect(await page.locator('#portal-title').isVisible()).toBe(false);
  expect(await rendered('agent').isVisible()).toBe(false);
  expect(await rendered('admin').isVisible()).toBe(true);
  // The surface fills the window, on its own (dark) background.
  const box = await rendered('admin').boundingBox();
  expect(box?.width).toBe(MARKETPLACE_SIZE.width);
  expect(await background(rendered('admin'))).not.toBe('rgb(255, 255, 255)');

  const agent = await screenshotSurface(page, preview.url, {
    surface: 'agent',
    size: { width: 1280, height: 800 },
    prepare: async (surface) => {
      await surface.getByRole('heading', { name: 'En attente du client' }).waitFor();
    },
  });
  expect([agent.readUInt32BE(16), agent.readUInt32BE(20)]).toEqual([1280, 800]);
});
