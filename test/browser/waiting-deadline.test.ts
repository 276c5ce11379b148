/**
 * The panel says plainly when a request will be decided without an answer, in the customer's
 * language: SUP-5 waits for the customer (closed after 10 working days), SUP-7 for approval
 * (accepted after 5). Screenshots in French and English; none without rules.
 */
import type { Page } from 'playwright-core';
import { rulesKey } from '../../src/waiting/store';
import { message, openPanel, screenshot, startRig, textOf, type Rig } from './support';

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

function saveRules(): void {
  rig.server.forge.kvs.entries.set(rulesKey('SUP'), {
    value: {
      rules: {
        workingDays: true,
        timeZone: 'Europe/Brussels',
        waiting_customer: { remindAfterDays: 3, maxReminders: 2, closeAfterDays: 10 },
        waiting_approval: { remindAfterDays: null, maxReminders: 1, acceptAfterDays: 5 },
      },
      // Switched on long before these requests entered their status.
      since: {
        waiting_customer: { reminders: 0, outcome: 0 },
        waiting_approval: { reminders: 0, outcome: 0 },
      },
      savedAt: 0,
    },
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
}

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
  beforeAll(saveRules);

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
