/**
 * The portal panel in Chromium with a project's own texts: the desk's words from the view, the
 * status's name in the customer's language beside JSM's, plain text whatever was typed, and the
 * status shown even while the panel's other texts have not arrived. Axe in light and dark;
 * screenshots in docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { handler } from '../../src/index';
import { guideTextsKey } from '../../src/texts/store';
import { DEMO_USERS } from '../double/state';
import { adminPageContext } from '../support/app';
import {
  PANEL_WIDTH,
  message,
  openPanel,
  screenshot,
  seriousA11yViolations,
  startRig,
  textOf,
  type Rig,
} from './support';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 120_000);
afterAll(() => rig?.close());

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
  rig.server.forge.kvs.entries.delete(guideTextsKey('SUP'));
  expect(rig.double.takeViolations()).toEqual([]);
});

/** As the admin page saves them: the real setGuideTexts, as a Jira administrator. */
async function saveTexts(texts: unknown): Promise<void> {
  const answer = await rig.server.forge.invoke(
    handler,
    'setGuideTexts',
    { projectKey: 'SUP', texts },
    adminPageContext(DEMO_USERS.admin.accountId),
  );
  expect(answer).toMatchObject({ ok: true });
}

const WAITING = 'SUP-5'; // En attente du client
const OVERRIDE = {
  'en-US': {
    waiting_customer: {
      label: 'Your turn to answer',
      meaning: 'We need <b>one</b> detail from you.\nPlease answer today.',
      agent: 'Never shown to customers',
    },
  },
  'fr-FR': { waiting_customer: { meaning: 'Il nous manque <i>un</i> détail.' } },
};

describe('a project’s own texts on the portal', () => {
  it.each(['light', 'dark'] as const)(
    'in English (%s): the desk’s words as plain text, and the name in English beside JSM’s',
    async (theme) => {
      await saveTexts(OVERRIDE);
      page = await openPanel(rig, { request: WAITING, locale: 'en_US', theme });
      expect(await textOf(page.locator('#status-name'))).toBe('En attente du client');
      const local = page.locator('.status-local');
      expect(await textOf(local)).toBe('Your turn to answer');
      expect(await local.getAttribute('lang')).toBe('en-US');
      // Line breaks are the desk's; markup is text.
      expect(await page.locator('.meaning').innerText()).toBe(
        'We need <b>one</b> detail from you.\nPlease answer today.',
      );
      expect(await page.locator('.meaning b').count()).toBe(0);
      expect(await textOf(page.locator('.todo'))).toBe(message('en-US', 'status.waiting_customer.todo'));
      expect(await textOf(page.locator('main'))).not.toContain('Never shown to customers');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `portal-en-own-texts-${theme}`);
    },
  );

  it('in French: JSM’s name alone, the desk’s words', async () => {
    await saveTexts(OVERRIDE);
    page = await openPanel(rig, { request: WAITING });
    expect(await page.locator('.status-local').count()).toBe(0);
    expect(await textOf(page.locator('.meaning'))).toBe('Il nous manque <i>un</i> détail.');
    expect(await page.locator('.meaning i').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'portal-fr-own-texts');
  });

  it('in Dutch, without overrides: the default Dutch name beside JSM’s', async () => {
    page = await openPanel(rig, { request: WAITING, locale: 'nl_NL' });
    expect(await textOf(page.locator('.status-local'))).toBe(
      message('nl-NL', 'texts.label.waiting_customer'),
    );
    expect(await textOf(page.locator('.meaning'))).toBe(message('nl-NL', 'status.waiting_customer.meaning'));
  });
});

describe('first paint', () => {
  it('shows the status and its explanation from the view while the panel’s translations have not arrived', async () => {
    const tab = await rig.browser.newPage({ viewport: { width: PANEL_WIDTH, height: 700 } });
    page = tab;
    tab.setDefaultTimeout(10_000);
    // The translations bundle never answers: nothing but the view may be needed for the status.
    await tab.route('**/__LOCALES__/**', () => undefined);
    await tab.goto(
      rig.server.panelUrl({ as: DEMO_USERS.reporter.accountId, request: WAITING, locale: 'en_US' }),
    );
    await tab.locator('.meaning').waitFor();
    expect(await textOf(tab.locator('#status-name'))).toBe('En attente du client');
    expect(await textOf(tab.locator('.meaning'))).toBe(message('en-US', 'status.waiting_customer.meaning'));
    expect(await textOf(tab.locator('.todo'))).toBe(message('en-US', 'status.waiting_customer.todo'));
    expect(await textOf(tab.locator('.status-local'))).toBe(message('en-US', 'texts.label.waiting_customer'));
  });
});
