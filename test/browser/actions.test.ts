/**
 * The four customer actions in Chromium, performed with the keyboard alone, through the real
 * resolvers down to the Jira double: the comment and the new status land in Jira, the result is
 * announced, focus goes where a keyboard user expects it, and nothing typed is ever lost.
 */
import type { Page } from 'playwright-core';
import { getCustomerTransition, type CustomerActionId, type StatusKey } from '../../src/workflow';
import {
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  DEMO_USERS,
  applyTransition,
  type DoubleIssue,
} from '../double';
import {
  focusedName,
  freshIssue,
  message,
  openPanel,
  screenshot,
  seriousA11yViolations,
  startRig,
  statusName,
  statusOf,
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

const fr = (key: Parameters<typeof message>[1], vars?: Parameters<typeof message>[2]) =>
  message('fr-FR', key, vars);
const label = (action: CustomerActionId) => fr(`action.${action}.label`);

/** The panel of a new request in `status`, and the dialog of `action` opened from the keyboard. */
async function openDialog(status: StatusKey, action: CustomerActionId, theme?: 'light' | 'dark') {
  const issue = freshIssue(rig.double, status);
  page = await openPanel(rig, { request: issue.key, ...(theme ? { theme } : {}) });
  await tabTo(page, label(action));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: fr(`action.${action}.title`) });
  await dialog.waitFor();
  return { issue, page, dialog };
}

const actionCalls = (issue: DoubleIssue) =>
  rig.server.invocations.filter((c) => c.functionKey === 'performCustomerAction' && c.issueKey === issue.key);

/** Waits until the panel shows `status` again after an action (the view is read anew). */
async function waitForStatus(tab: Page, status: StatusKey): Promise<void> {
  await tab.waitForFunction(
    (name) => document.querySelector('.timeline li .step-name')?.textContent === name,
    statusName(status),
  );
}

describe('each action, with the keyboard alone', () => {
  const cases: { action: CustomerActionId; from: StatusKey; comment: string }[] = [
    {
      action: 'customerAnswered',
      from: 'waiting_customer',
      comment: 'Voici la capture demandée : paiement refusé à 10 h 12.',
    },
    { action: 'acceptedByCustomer', from: 'waiting_approval', comment: '' },
    {
      action: 'refusedByCustomer',
      from: 'waiting_approval',
      comment: 'Le logo de la commune manque sur le courrier.',
    },
    { action: 'reopen', from: 'closed', comment: 'Le lien reçu a de nouveau expiré 🙁' },
  ];

  it.each(cases)('$action from $from', async ({ action, from, comment }) => {
    const { issue, page: tab, dialog } = await openDialog(from, action);
    const to = getCustomerTransition(action).to;
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await textOf(dialog.locator('#dialog-effect'))).toBe(fr(`action.${action}.effect`));
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('dialog-comment');

    await tab.keyboard.type(comment);
    await tabTo(tab, fr('dialog.confirm'));
    await tab.keyboard.press('Enter');

    await tab.locator('.notice').waitFor();
    expect(await textOf(tab.getByRole('status').first())).toBe(fr(`action.${action}.success`));
    expect(await tab.getByRole('dialog').count()).toBe(0);
    await waitForStatus(tab, to);
    expect(await textOf(tab.locator('#status-name'))).toBe(statusName(to));
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('status-name');

    // In Jira: the new status, and the customer's words in a public comment (none when left blank).
    expect(statusOf(rig.double, issue)).toBe(to);
    const comments = issue.comments.filter((c) => c.authorId === rig.double.state.appAccountId);
    if (comment === '') expect(comments).toEqual([]);
    else
      expect(comments).toEqual([
        expect.objectContaining({ public: true, body: expect.stringContaining(comment) }),
      ]);

    const [call] = actionCalls(issue);
    expect(call?.payload).toEqual({
      action,
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      locale: 'fr-FR',
      ...(comment === '' ? {} : { comment }),
    });
    if (action === 'customerAnswered') await screenshot(tab, 'portal-fr-after-answer');
  });
});

describe('the dialog', () => {
  it('closes on Escape and gives focus back to the button that opened it', async () => {
    const { page: tab } = await openDialog('waiting_approval', 'refusedByCustomer');
    await tab.keyboard.type('Finalement non');
    await tab.keyboard.press('Escape');
    expect(await tab.getByRole('dialog').count()).toBe(0);
    expect(await focusedName(tab)).toBe(label('refusedByCustomer'));
  });

  it('closes on Cancel and gives focus back to the button that opened it', async () => {
    const { issue, page: tab } = await openDialog('closed', 'reopen');
    await tabTo(tab, fr('dialog.cancel'));
    await tab.keyboard.press('Enter');
    expect(await tab.getByRole('dialog').count()).toBe(0);
    expect(await focusedName(tab)).toBe(label('reopen'));
    expect(actionCalls(issue)).toEqual([]);
  });

  it('keeps Tab and Shift+Tab inside', async () => {
    const { page: tab } = await openDialog('waiting_customer', 'customerAnswered');
    const focusedId = () =>
      tab.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      await tab.keyboard.press('Tab');
      seen.push(await focusedId());
    }
    expect(seen).toEqual([fr('dialog.cancel'), fr('dialog.confirm'), 'dialog-comment', fr('dialog.cancel')]);
    await tab.keyboard.press('Shift+Tab');
    await tab.keyboard.press('Shift+Tab');
    expect(await focusedId()).toBe(fr('dialog.confirm'));
  });

  it('asks for the required comment without calling the server', async () => {
    const { issue, page: tab, dialog } = await openDialog('waiting_approval', 'refusedByCustomer');
    expect(await textOf(dialog.locator('label'))).toBe(
      `${fr('action.refusedByCustomer.commentLabel')} (${fr('dialog.required')})`,
    );
    await tabTo(tab, fr('dialog.confirm'));
    await tab.keyboard.press('Enter');
    const error = dialog.locator('#dialog-field-error');
    await error.waitFor();
    expect(await textOf(error)).toBe(fr('error.COMMENT_REQUIRED'));
    expect(await dialog.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('dialog-comment');
    expect(actionCalls(issue)).toEqual([]);
    await screenshot(tab, 'portal-dialog-refuse');
    expect(await seriousA11yViolations(tab)).toEqual([]);
  });

  it('counts characters as a person does and refuses a comment over the limit', async () => {
    const { issue, page: tab, dialog } = await openDialog('waiting_customer', 'customerAnswered');
    await tab.keyboard.type('Merci 🙂');
    const counter = dialog.locator('#dialog-counter');
    expect(await textOf(counter)).toBe(fr('dialog.counter', { count: 7, max: '4 000' }));

    await dialog.locator('textarea').fill('a'.repeat(4001));
    expect(await textOf(counter)).toBe(fr('dialog.counter', { count: '4 001', max: '4 000' }));
    expect(await textOf(dialog.locator('#dialog-field-error'))).toBe(
      fr('error.COMMENT_TOO_LONG', { max: '4 000' }),
    );
    await tabTo(tab, fr('dialog.confirm'));
    await tab.keyboard.press('Enter');
    expect(actionCalls(issue)).toEqual([]);
  });

  it('shows it is sending and ignores a second press meanwhile', async () => {
    const { issue, page: tab, dialog } = await openDialog('closed', 'reopen');
    rig.double.faults.add({
      method: 'POST',
      path: `/rest/api/3/issue/${issue.key}/comment`,
      delayMs: 1000,
    });
    await tab.keyboard.type('Toujours en panne.');
    await tabTo(tab, fr('dialog.confirm'));
    await tab.keyboard.press('Enter');
    const confirm = dialog.locator('button[type="submit"]');
    await tab.waitForFunction(
      () => document.querySelector('button[type="submit"]')?.getAttribute('aria-disabled') === 'true',
    );
    expect(await textOf(confirm)).toBe(fr('dialog.sending'));
    expect(await focusedName(tab)).toBe(fr('dialog.sending'));
    await tab.keyboard.press('Enter');
    await tab.keyboard.press('Escape');

    await tab.locator('.notice').waitFor();
    expect(actionCalls(issue)).toHaveLength(1);
    expect(statusOf(rig.double, issue)).toBe('reopened');
  });

  it('keeps the text after a failure and retries with the same submission, posting once', async () => {
    const { issue, page: tab, dialog } = await openDialog('waiting_customer', 'customerAnswered');
    rig.double.faults.add({
      method: 'POST',
      path: `/rest/api/3/issue/${issue.key}/comment`,
      status: 500,
    });
    await tab.keyboard.type('Voici ma réponse.');
    await tabTo(tab, fr('dialog.confirm'));
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await tab.keyboard.press('Enter');

    const alert = dialog.locator('.alert[role="alert"]');
    await alert.waitFor();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('/comment 500'));
    warn.mockRestore();
    expect(await textOf(alert)).toBe(fr('error.JIRA_UNAVAILABLE'));
    expect(await dialog.locator('textarea').inputValue()).toBe('Voici ma réponse.');
    expect(await focusedName(tab)).toBe(fr('dialog.confirm'));
    await screenshot(tab, 'portal-dialog-failure');

    await tab.keyboard.press('Enter');
    await tab.locator('.notice').waitFor();
    const [first, second] = actionCalls(issue).map(
      (c) => (c.payload as { submissionId: string }).submissionId,
    );
    expect(second).toBe(first);
    expect(statusOf(rig.double, issue)).toBe('in_progress');
    expect(issue.comments.filter((c) => c.body.includes('Voici ma réponse.'))).toHaveLength(1);
  });

  it('resumes the same submission when the dialog is closed and opened again after its comment was saved', async () => {
    const { issue, page: tab, dialog } = await openDialog('waiting_customer', 'customerAnswered');
    rig.double.faults.add({
      method: 'POST',
      path: `/rest/api/3/issue/${issue.key}/transitions`,
      status: 500,
    });
    await tab.keyboard.type('Le correctif fonctionne.');
    await tabTo(tab, fr('dialog.confirm'));
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await tab.keyboard.press('Enter');
    await dialog.locator('.alert[role="alert"]').waitFor();
    warn.mockRestore();
    expect(await textOf(dialog.locator('.alert[role="alert"]'))).toBe(
      fr('error.COMMENT_SAVED_STATUS_UNCHANGED'),
    );
    expect(issue.comments).toHaveLength(1);

    // The customer presses Escape, then opens the same action again: the dialog resumes the
    // submission, with the text as it was sent and no longer editable, since it is already posted.
    await tab.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await tabTo(tab, label('customerAnswered'));
    await tab.keyboard.press('Enter');
    const again = tab.getByRole('dialog', { name: fr('action.customerAnswered.title') });
    await again.waitFor();
    const field = again.locator('textarea');
    expect(await field.inputValue()).toBe('Le correctif fonctionne.');
    expect(await field.getAttribute('readonly')).not.toBeNull();
    expect(await textOf(again.locator('#dialog-locked'))).toBe(fr('dialog.locked'));
    expect(await seriousA11yViolations(tab)).toEqual([]);
    await screenshot(tab, 'portal-dialog-resumed');

    await tabTo(tab, fr('dialog.confirm'));
    await tab.keyboard.press('Enter');
    await tab.locator('.notice').waitFor();
    const ids = actionCalls(issue).map((c) => (c.payload as { submissionId: string }).submissionId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(statusOf(rig.double, issue)).toBe('in_progress');
    expect(issue.comments).toHaveLength(1);
    // Done: opening the panel again starts afresh.
    expect(await tab.evaluate(() => localStorage.getItem('guide-des-statuts.drafts'))).toBe('{}');
  });

  it('resumes an unsaved submission after Cancel with its text, still editable', async () => {
    const { issue, page: tab, dialog } = await openDialog('waiting_customer', 'customerAnswered');
    rig.double.faults.add({ method: 'POST', path: `/rest/api/3/issue/${issue.key}/comment`, status: 500 });
    await tab.keyboard.type('Premier jet');
    await tabTo(tab, fr('dialog.confirm'));
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await tab.keyboard.press('Enter');
    await dialog.locator('.alert[role="alert"]').waitFor();
    warn.mockRestore();
    expect(await textOf(dialog.locator('.alert[role="alert"]'))).toBe(fr('error.JIRA_UNAVAILABLE'));
    await tabTo(tab, fr('dialog.cancel'));
    await tab.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    await tabTo(tab, label('customerAnswered'));
    await tab.keyboard.press('Enter');
    const again = tab.getByRole('dialog', { name: fr('action.customerAnswered.title') });
    const field = again.locator('textarea');
    expect(await field.inputValue()).toBe('Premier jet');
    expect(await field.getAttribute('readonly')).toBeNull();
    await tab.keyboard.type(', complété.');
    await tabTo(tab, fr('dialog.confirm'));
    await tab.keyboard.press('Enter');
    await tab.locator('.notice').waitFor();
    const ids = actionCalls(issue).map((c) => (c.payload as { submissionId: string }).submissionId);
    expect(new Set(ids).size).toBe(1);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]?.body.endsWith('Premier jet, complété.')).toBe(true);
  });

  it('shows the request as it is now when the action is no longer possible, keeping the text', async () => {
    const { issue, page: tab, dialog } = await openDialog('waiting_customer', 'customerAnswered');
    await tab.keyboard.type('Je réponds un peu tard.');
    // Meanwhile an agent takes the request back in Jira.
    const workflow = rig.double.state.workflows[0];
    const back = workflow?.transitions.find((t) => t.id === DEMO_TRANSITION_IDS.requestApproval);
    if (!back) throw new Error('no requestApproval transition in the demo workflow');
    applyTransition(rig.double.state, issue, back, DEMO_USERS.agent.accountId);
    expect(issue.statusId).toBe(DEMO_STATUS_IDS.waiting_approval);

    await tabTo(tab, fr('dialog.confirm'));
    await tab.keyboard.press('Enter');
    const alert = dialog.locator('.alert[role="alert"]');
    await alert.waitFor();
    expect(await textOf(alert)).toBe(fr('error.NOT_AVAILABLE'));
    expect(await dialog.locator('textarea').inputValue()).toBe('Je réponds un peu tard.');
    await waitForStatus(tab, 'waiting_approval');

    // The button that opened the dialog is gone: focus goes to the status.
    await tab.keyboard.press('Escape');
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('status-name');
    expect(await tab.locator('.actions button').allInnerTexts()).toEqual([
      label('acceptedByCustomer'),
      label('refusedByCustomer'),
    ]);
  });

  it('has no serious or critical axe finding when open, in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page: tab } = await openDialog('waiting_customer', 'customerAnswered', theme);
      await tab.keyboard.type('Bonjour, voici la capture demandée.');
      expect(await seriousA11yViolations(tab)).toEqual([]);
      await screenshot(tab, `portal-dialog-answer-${theme}`);
      await tab.close();
    }
  });
});
