/**
 * The portal panel in Chromium on a request whose status customers see under another name (JSM's
 * customer-visible status names, per request type): the panel names it as the portal does, explains
 * the real status, offers its action, and the action goes through.
 */
import type { Page } from 'playwright-core';
import { DEMO_REQUEST_TYPES, DEMO_STATUS_IDS } from '../double';
import {
  freshIssue,
  message,
  openPanel,
  startRig,
  statusName,
  statusOf,
  tabTo,
  textOf,
  type Rig,
} from './support';

const SHOWN = 'Votre réponse est attendue';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
  const type = rig.double.state.projects[0]?.requestTypes.find((r) => r.id === DEMO_REQUEST_TYPES.assistance);
  if (!type) throw new Error('no assistance request type');
  type.customerStatusNames = { [DEMO_STATUS_IDS.waiting_customer]: SHOWN };
}, 120_000);
afterAll(() => rig?.close());

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
  expect(rig.double.takeViolations()).toEqual([]);
});

const fr = (key: Parameters<typeof message>[1]) => message('fr-FR', key);

it('shows the name the customer sees, explains the real status, and answers', async () => {
  const issue = freshIssue(rig.double, 'waiting_customer');
  page = await openPanel(rig, { request: issue.key });
  expect(await textOf(page.locator('#status-name'))).toBe(SHOWN);
  expect(await textOf(page.locator('.meaning'))).toBe(fr('status.waiting_customer.meaning'));
  expect(await textOf(page.locator('.todo'))).toBe(fr('status.waiting_customer.todo'));
  expect(await page.locator('.badge').textContent()).toBe(fr('badge.responseRequired'));
  expect(await page.locator('.actions button').allInnerTexts()).toEqual([
    fr('action.customerAnswered.label'),
  ]);

  await tabTo(page, fr('action.customerAnswered.label'));
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: fr('action.customerAnswered.title') }).waitFor();
  await page.keyboard.type('Voici la capture demandée.');
  await tabTo(page, fr('dialog.confirm'));
  await page.keyboard.press('Enter');
  await page.locator('.notice').waitFor();
  expect(await textOf(page.getByRole('status').first())).toBe(fr('action.customerAnswered.success'));
  expect(statusOf(rig.double, issue)).toBe('in_progress');
  await page.waitForFunction(
    (name) => document.querySelector('#status-name')?.textContent === name,
    statusName('in_progress'),
  );
});
