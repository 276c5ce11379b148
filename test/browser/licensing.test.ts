/**
 * The portal panel in Chromium under an inactive license (the harness gives every invocation of this
 * file one): the customer sees the status and its explanation, no action button, and not one
 * licensing word, in French and in Dutch; nothing is written to Jira. An action sent anyway (an old
 * tab) gets the neutral refusal, tested with the resolvers in test/licensing/resolvers.test.ts.
 */
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/i18n/locales';
import { LICENSES } from '../harness/forge';
import { freshIssue, message, openPanel, seriousA11yViolations, startRig, textOf, type Rig } from './support';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
  rig.server.forge.appContext.license = LICENSES.inactive;
}, 120_000);
afterAll(() => rig?.close());

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
  expect(rig.double.takeViolations()).toEqual([]);
});

const LICENSING_WORDS = /licen[cs]|lizenz|abonne|subscription/i;

it.each<[Locale, string]>([
  ['fr-FR', 'fr_FR'],
  ['nl-NL', 'nl_NL'],
])(
  'shows the status and its explanation without actions, in no licensing words (%s)',
  async (locale, jira) => {
    const issue = freshIssue(rig.double, 'waiting_customer');
    rig.double.resetLog();
    page = await openPanel(rig, { request: issue.key, locale: jira });
    const main = page.locator('main');
    const text = await textOf(main);
    expect(text).toContain(message(locale, 'status.waiting_customer.meaning'));
    expect(text).toContain(message(locale, 'panel.noAction'));
    expect(await page.locator('button[data-action]').count()).toBe(0);
    expect(text).not.toMatch(LICENSING_WORDS);
    expect(rig.double.log.filter((e) => e.kind === 'write')).toEqual([]);
    expect(rig.server.invocations.filter((c) => c.functionKey === 'performCustomerAction')).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  },
);
