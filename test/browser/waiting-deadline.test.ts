/**
 * The panel says plainly when a request will be decided without an answer, in the customer's
 * language: SUP-5 waits for the customer (closed after 10 working days), SUP-7 for approval
 * (accepted after 5). Screenshots in French and English; none without rules.
 */
import type { Page } from 'playwright-core';
import { message, openPanel, saveWaitingRules, screenshot, startRig, textOf, type Rig } from './support';

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

/** The sentence with its date: "… d'ici le 3 avril 2025 à 10:00, …". */
const sentence = (locale: 'fr-FR' | 'en-US', outcome: 'closed' | 'accepted'): RegExp => {
  const [before, after] = message(locale, `waiting.deadline.${outcome}`).split('{date}');
  const escape = (s: string | undefined) => (s ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(before)}.*2025.*${escape(after)}$`, 'u');
};

it('shows no deadline on a project without rules', async () => {
  page = await openPanel(rig, { request: 'SUP-5', locale: 'fr_FR' });
  expect(await page.locator('.deadline').count()).toBe(0);
});

describe.each([
  ['fr-FR', 'fr_FR', 'fr'],
  ['en-US', 'en_US', 'en'],
] as const)('in %s', (locale, jiraLocale, short) => {
  beforeAll(() => saveWaitingRules(rig));

  it('SUP-5, waiting for the customer: closed on the date said', async () => {
    page = await openPanel(rig, { request: 'SUP-5', locale: jiraLocale });
    expect(await textOf(page.locator('.deadline'))).toMatch(sentence(locale, 'closed'));
    await screenshot(page, `portal-${short}-waiting_customer-deadline`);
  });

  it('SUP-7, waiting for approval: accepted on the date said', async () => {
    page = await openPanel(rig, { request: 'SUP-7', locale: jiraLocale });
    expect(await textOf(page.locator('.deadline'))).toMatch(sentence(locale, 'accepted'));
    if (locale === 'fr-FR') await screenshot(page, 'portal-fr-waiting_approval-deadline');
  });
});
