/**
 * The portal panel in Chromium, on the demo site's ten requests (SUP-1 … SUP-10, one per status):
 * what a customer reads in French and in Dutch, the "Réponse requise" badge, the buttons, the
 * request's path, the edge states, accessibility (axe-core) in light and dark, and screenshots.
 */
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/i18n/locales';
import { STATUSES, customerActionsFrom } from '../../src/workflow';
import { DEMO_USERS, DEMO_WORKFLOW_ID, applyTransition, type JiraDouble } from '../double';
import {
  freshIssue,
  message,
  openPanel,
  panelSettled,
  screenshot,
  seriousA11yViolations,
  startRig,
  tabTo,
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
  expect(rig.double.takeViolations()).toEqual([]);
});

const cases = (locale: Locale, jiraLocale: string) =>
  STATUSES.map((status, index) => ({ locale, jiraLocale, status, issueKey: `SUP-${index + 1}` }));

describe.each([
  ['fr-FR', 'fr_FR'],
  ['nl-NL', 'nl_NL'],
] as const)('in %s', (locale, jiraLocale) => {
  it.each(cases(locale, jiraLocale))('$issueKey: $status.name', async ({ status, issueKey }) => {
    page = await openPanel(rig, { request: issueKey, locale: jiraLocale });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    expect(await textOf(page.locator('#status-name'))).toBe(status.name);
    expect(await textOf(page.locator('.meaning'))).toBe(message(locale, `status.${status.key}.meaning`));
    expect(await textOf(page.locator('.todo'))).toBe(message(locale, `status.${status.key}.todo`));
    // "Depuis le 7 mars 2025 à 15:30", "Sinds 7 maart 2025 om 15:30": the date in the customer's language.
    expect(await textOf(page.locator('.since'))).toMatch(
      new RegExp(`^${message(locale, 'panel.since', { date: '' })} \\d+ \\p{L}+ 2025\\b`, 'u'),
    );

    const badges = page.locator('.badge');
    expect(await badges.count()).toBe(status.customerMustAct ? 1 : 0);
    if (status.customerMustAct) {
      expect(await badges.isVisible()).toBe(true);
      // The text itself (the lozenge shows it in capitals).
      expect(await badges.textContent()).toBe(message(locale, 'badge.responseRequired'));
    }

    const expected = customerActionsFrom(status.key).map((a) => message(locale, `action.${a.id}.label`));
    const buttons = page.locator('.actions button');
    expect(await buttons.allInnerTexts()).toEqual(expected);
    if (expected.length === 0)
      expect(await page.getByText(message(locale, 'panel.noAction')).isVisible()).toBe(true);

    if (locale === 'fr-FR') await screenshot(page, `portal-fr-${status.key}`);
    else if (status.customerMustAct) await screenshot(page, `portal-nl-${status.key}`);
  });
});

describe("the request's path", () => {
  it('shows every step, newest first, when there are four', async () => {
    // SUP-9 (Fermé): Ouvert, En progression, Résolu, Fermé.
    page = await openPanel(rig, { request: 'SUP-9' });
    const steps = await page.locator('.timeline li .step-name').allInnerTexts();
    expect(steps).toEqual(['Fermé', 'Résolu', 'En progression', 'Ouvert']);
    expect(await page.locator('.timeline li time').first().getAttribute('datetime')).toMatch(/^2025-/);
    expect(await page.locator('.link-button').count()).toBe(0);
  });

  it('keeps the three most recent and opens the rest from the keyboard', async () => {
    // SUP-10 (ReOuvert): five steps.
    page = await openPanel(rig, { request: 'SUP-10' });
    expect(await page.locator('.timeline li').count()).toBe(3);
    const toggle = page.locator('.link-button');
    expect(await textOf(toggle)).toBe(message('fr-FR', 'panel.historyMore', { count: 2 }));
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await tabTo(page, message('fr-FR', 'panel.historyMore', { count: 2 }));
    await page.keyboard.press('Enter');
    expect(await page.locator('.timeline li .step-name').allInnerTexts()).toEqual([
      'ReOuvert',
      'Fermé',
      'Résolu',
      'En progression',
      'Ouvert',
    ]);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await textOf(toggle)).toBe(message('fr-FR', 'panel.historyLess'));
    await page.keyboard.press('Enter');
    expect(await page.locator('.timeline li').count()).toBe(3);
  });
});

describe('edge states', () => {
  it('tells a customer who may not see the request only that the guide is not available', async () => {
    page = await openPanel(rig, { request: 'SUP-1', as: DEMO_USERS.otherCustomer.accountId });
    expect(await textOf(page.locator('main'))).toBe(
      `${message('fr-FR', 'module.portalPanel.title')} ${message('fr-FR', 'panel.notVisible')}`,
    );
    expect(await page.locator('#status-name').count()).toBe(0);
  });

  it('explains a status the guide does not describe, and offers nothing', async () => {
    const issue = outsideWorkflowIssue(rig.double);
    page = await openPanel(rig, { request: issue.key });
    expect(await textOf(page.locator('#status-name'))).toBe('En pause');
    expect(await textOf(page.locator('.meaning'))).toBe(message('fr-FR', 'panel.outsideWorkflow'));
    expect(await page.getByText(message('fr-FR', 'panel.actionsTitle')).count()).toBe(0);
    expect(await page.locator('.badge').count()).toBe(0);
    await screenshot(page, 'portal-fr-outside-workflow');
  });

  it('says when the request cannot be read, and tries again on request', async () => {
    rig.double.faults.add({ method: 'GET', path: '/rest/servicedeskapi/request/SUP-4', status: 500 });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    page = await openPanel(rig, { request: 'SUP-4' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('GET /rest/servicedeskapi/request/SUP-4 500'));
    warn.mockRestore();
    expect(await textOf(page.getByRole('alert'))).toBe(message('fr-FR', 'panel.loadError'));
    await screenshot(page, 'portal-fr-load-error');

    await tabTo(page, message('fr-FR', 'panel.retry'));
    await page.keyboard.press('Enter');
    await panelSettled(page);
    await page.locator('#status-name').waitFor();
    expect(await textOf(page.locator('#status-name'))).toBe('En progression');
  });

  it('shows a loading state, not a blank panel, while the request is read', async () => {
    rig.double.faults.add({ method: 'GET', path: '/rest/servicedeskapi/request/SUP-2', delayMs: 1500 });
    // Reduced motion stills the skeleton's pulse (and the screenshot with it).
    const tab = await rig.browser.newPage({ viewport: { width: 400, height: 400 }, reducedMotion: 'reduce' });
    page = tab;
    await tab.goto(rig.server.panelUrl({ request: 'SUP-2', as: DEMO_USERS.reporter.accountId }));
    await tab.getByText(message('fr-FR', 'panel.loading')).waitFor();
    expect(await tab.locator('[aria-busy="true"] .skeleton').count()).toBeGreaterThan(0);
    await screenshot(tab, 'portal-fr-loading');
    await tab.locator('#status-name').waitFor();
  });
});

describe('the host bridge', () => {
  it('asks for the theme, the context and the resolver only', async () => {
    page = await openPanel(rig, { request: 'SUP-5' });
    const commands = await page.evaluate(() =>
      (window as unknown as { __bridgeCalls: { command: string }[] }).__bridgeCalls.map((c) => c.command),
    );
    expect(new Set(commands)).toEqual(new Set(['enableTheming', 'getContext', 'invoke']));
    const calls = rig.server.invocations.filter((c) => c.issueKey === 'SUP-5');
    expect(calls.at(-1)).toEqual(
      expect.objectContaining({ functionKey: 'getRequestView', payload: { locale: 'fr-FR' } }),
    );
  });
});

describe('accessibility and themes', () => {
  it.each([
    ['light', 'SUP-5'],
    ['dark', 'SUP-5'],
    ['light', 'SUP-10'],
    ['dark', 'SUP-7'],
  ] as const)('has no serious or critical axe finding (%s, %s)', async (theme, request) => {
    page = await openPanel(rig, { request, theme });
    expect(await page.evaluate(() => document.documentElement.dataset.colorMode)).toBe(theme);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('uses the dark tokens the host supplies', async () => {
    page = await openPanel(rig, { request: 'SUP-7', theme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'portal-dark-waiting_approval');
  });
});

/** A request of Claire's in "En pause", a status the desk added to its workflow outside the guide. */
function outsideWorkflowIssue(double: JiraDouble) {
  const state = double.state;
  const id = '10099';
  if (!state.statuses.some((s) => s.id === id)) {
    state.statuses.push({
      id,
      name: 'En pause',
      description: '',
      statusCategory: 'IN_PROGRESS',
      scope: { type: 'GLOBAL' },
    });
    state.workflows.find((w) => w.id === DEMO_WORKFLOW_ID)?.statuses.push(id);
  }
  const issue = freshIssue(double, 'in_progress');
  const pause = {
    id: '999',
    name: 'Mettre en pause',
    from: [issue.statusId],
    to: id,
    hasScreen: false,
    properties: {},
  };
  applyTransition(state, issue, pause, DEMO_USERS.agent.accountId);
  return issue;
}
