/**
 * The outcome in the workflow as Jira has it: a project the installer never recorded (known by its
 * names), a target status renamed since the install (known by its recorded id), what the agents see in
 * the history, and a taken-over attempt that cannot tell whether its comment went out (its comments
 * unreadable for a while, or too many to look through).
 */
import {
  addComment,
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  DEMO_USERS,
  type DoubleIssue,
} from '../double/state';
import { ATTEMPT_STALE_MS, outcomeAttemptKey } from '../../src/waiting/claims';
import { WAITING_OUTCOME_HISTORY_TYPE } from '../../src/notifications/own-change';
import { forgetProjectConfigs, projectConfigKey } from '../../src/shared/project-config';
import { requestMovedBy } from '../support/events';
import {
  DAY,
  logged,
  mailsTo,
  MONDAY_10,
  publicComments,
  runScan,
  statusNameOf,
  useWaitingApp,
} from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: null, maxReminders: 1, closeAfterDays: 3 },
});

const warnings = (): string[] => logged('warn');

const OUTCOME_AT = MONDAY_10 + 3 * DAY;

/** Asked on Monday 10:00; the clock at its outcome (Thursday 10:00). */
function dueForItsOutcome(): DoubleIssue {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  clock().set(OUTCOME_AT);
  return issue;
}

function recordConfig(value: unknown): void {
  forgetProjectConfigs();
  const key = projectConfigKey('SUP');
  if (value === undefined) app().forge.kvs.entries.delete(key);
  else app().forge.kvs.entries.set(key, { value, createdAt: 0, updatedAt: 0, expiresAt: null });
}

const closings = (issue: DoubleIssue) =>
  issue.changelog.filter((c) => c.items[0]?.to === DEMO_STATUS_IDS.closed);

describe('the outcome', () => {
  it('in a project the installer has not recorded: made by the names of its transition and target', async () => {
    recordConfig(undefined);
    const issue = dueForItsOutcome();
    const summary = await runScan(app());
    expect(summary).toMatchObject({ decided: 2, failed: 0 });
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(closings(issue)).toHaveLength(1);
    expect(publicComments(issue)).toHaveLength(1);
  });

  it('with its target renamed since the install, its transition not recorded: made by the target’s recorded id', async () => {
    const { closeWithoutAnswer: _, ...transitions } = DEMO_TRANSITION_IDS;
    recordConfig({ statuses: DEMO_STATUS_IDS, transitions });
    app().double.state.statuses.find((s) => s.id === DEMO_STATUS_IDS.closed)!.name = 'Clôturé';
    const issue = dueForItsOutcome();
    expect(await runScan(app())).toMatchObject({ decided: 2, failed: 0 });
    expect(statusNameOf(app(), issue.key)).toBe('Clôturé');
    expect(closings(issue)).toHaveLength(1);
  });

  it('shows in the history as the app’s own change, under its name', async () => {
    const issue = dueForItsOutcome();
    await runScan(app());
    expect(closings(issue).map((c) => c.historyMetadata)).toEqual([
      expect.objectContaining({
        type: WAITING_OUTCOME_HISTORY_TYPE,
        activityDescription: 'Guide des statuts',
      }),
    ]);
  });
});

describe('an attempt taken over from one surely over', () => {
  /** An earlier attempt claimed 16 minutes before the outcome, never finished; answers its entry. */
  function earlierAttempt(issue: DoubleIssue): string {
    const entry = issue.changelog.at(-1)!.id;
    const at = OUTCOME_AT - ATTEMPT_STALE_MS;
    app().forge.kvs.entries.set(outcomeAttemptKey(issue.id, entry, 1), {
      value: { state: 'claimed', at },
      createdAt: at,
      updatedAt: at,
      expiresAt: null,
    });
    return entry;
  }

  it('its comments unreadable (503): fails for now, and a later run makes the outcome once', async () => {
    const issue = dueForItsOutcome();
    earlierAttempt(issue);
    const comments = `/rest/api/3/issue/${issue.key}/comment`;
    app().double.faults.add({ method: 'GET', path: comments, status: 503, retryAfterSeconds: 0, times: 20 });
    expect(await runScan(app())).toMatchObject({ decided: 1, failed: 1 });
    expect(warnings()).toContain(`waiting-scan: ${issue.key} outcome failed: 503 server`);
    expect(publicComments(issue)).toEqual([]);
    app().double.faults.clear();
    clock().advance(ATTEMPT_STALE_MS);
    expect(await runScan(app())).toMatchObject({ decided: 1, failed: 0 });
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(publicComments(issue)).toHaveLength(1);
  });

  it('too many comments since the stay began to tell: no comment, no transition, never tried again', async () => {
    const issue = dueForItsOutcome();
    const entry = earlierAttempt(issue);
    for (let i = 0; i < 201; i++)
      addComment(app().double.state, issue, {
        authorId: DEMO_USERS.agent.accountId,
        body: `Note ${i}`,
        public: false,
        created: MONDAY_10 + DAY + i,
      });
    const summary = await runScan(app());
    expect(summary).toMatchObject({
      decided: 1,
      failed: 0,
      skipped: expect.objectContaining({ refused: 1 }),
    });
    expect(warnings()).toContain(
      `waiting-scan: ${issue.key}: too many comments to tell whether the outcome was posted`,
    );
    expect(app().forge.kvs.peek(outcomeAttemptKey(issue.id, entry, 2))).toEqual({
      state: 'refused',
      at: OUTCOME_AT,
    });
    clock().advance(DAY);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toEqual([]);
    expect(mailsTo(app(), issue)).toEqual([]);
  });
});
