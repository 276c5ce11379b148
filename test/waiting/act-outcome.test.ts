/**
 * The outcome's edges: its e-mail to the reporter only, an e-mail Jira refuses (logged, the outcome
 * made all the same), a project whose workflow lacks the outcome's transition (no comment, the attempt
 * freed for the run after the installer), and a request whose stay Jira dates differently from the
 * search (a new stay: nothing done).
 */
import { projectConfigKey, type ProjectWorkflowConfig } from '../../src/shared/project-config';
import { TRANSITIONS } from '../../src/workflow';
import {
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  type DoubleIssue,
  type DoubleTransition,
} from '../double/state';
import { requestMovedBy } from '../support/events';
import {
  DAY,
  HOUR,
  logged,
  mailsTo,
  MONDAY_10,
  publicComments,
  runScan,
  statusNameOf,
  useWaitingApp,
  waitingAudit,
} from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 },
});

const warnings = (): string[] => logged('warn');

/** Asked on Monday 10:00, reminded on Wednesday: the clock at its outcome (Thursday 10:00). */
async function dueForItsOutcome(): Promise<DoubleIssue> {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  clock().set(MONDAY_10 + 2 * DAY);
  await runScan(app());
  clock().set(MONDAY_10 + 3 * DAY);
  return issue;
}

const outcomeMails = (issue: DoubleIssue) => mailsTo(app(), issue).slice(1);

describe("the outcome's e-mail", () => {
  it('goes to the reporter alone, once', async () => {
    const issue = await dueForItsOutcome();
    const summary = await runScan(app());
    expect(summary.decided).toBeGreaterThanOrEqual(1);
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(outcomeMails(issue).map((m) => m.recipients)).toEqual([[issue.reporter]]);
  });

  it('refused by Jira (403): logged, the outcome made and counted all the same', async () => {
    const issue = await dueForItsOutcome();
    app().double.faults.add({ method: 'POST', path: `/rest/api/3/issue/${issue.key}/notify`, status: 403 });
    const summary = await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(publicComments(issue)).toHaveLength(1);
    expect(outcomeMails(issue)).toEqual([]);
    expect(summary.decided).toBeGreaterThanOrEqual(1);
    expect(warnings()).toContain(
      `waiting-scan: Jira refused the outcome e-mail for ${issue.key}: 403 forbidden`,
    );
    clock().advance(HOUR);
    await runScan(app());
    expect(outcomeMails(issue)).toEqual([]);
  });

  it('lost on a reset connection: logged without a status', async () => {
    const issue = await dueForItsOutcome();
    app().double.faults.add({ method: 'POST', path: `/rest/api/3/issue/${issue.key}/notify`, drop: true });
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(warnings()).toContain(`waiting-scan: Jira refused the outcome e-mail for ${issue.key}: - network`);
  });
});

describe('a workflow without the outcome transition', () => {
  it('gets no comment and no transition; once the transition is back, the next run makes the outcome', async () => {
    // Recorded before any run of this app reads (and keeps) the project's configuration.
    const name = TRANSITIONS.find((t) => t.id === 'closeWithoutAnswer')!.name;
    const { closeWithoutAnswer: _gone, ...transitions } = DEMO_TRANSITION_IDS;
    const config: ProjectWorkflowConfig = { statuses: DEMO_STATUS_IDS, transitions };
    app().forge.kvs.entries.set(projectConfigKey('SUP'), {
      value: config,
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    const removed: [DoubleTransition[], DoubleTransition][] = [];
    for (const workflow of app().double.state.workflows) {
      const at = workflow.transitions.findIndex((t) => t.name === name);
      if (at >= 0)
        removed.push([workflow.transitions, ...workflow.transitions.splice(at, 1)] as [
          DoubleTransition[],
          DoubleTransition,
        ]);
    }
    expect(removed.length).toBeGreaterThan(0);
    const issue = await dueForItsOutcome();
    const summary = await runScan(app());
    // SUP-5, the demo's own waiting request, as well.
    expect(summary).toMatchObject({
      decided: 0,
      skipped: { 'done-before': 0, 'moved-on': 0, busy: 0, refused: 2 },
      failed: 0,
    });
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toEqual([]);
    expect(warnings()).toContain(
      `waiting-scan: ${issue.key} has no "closeWithoutAnswer" transition: run the installer`,
    );
    // The installer puts it back: the very next run (not 16 minutes later) makes the outcome.
    for (const [list, transition] of removed) list.push(transition);
    clock().advance(60_000);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(publicComments(issue)).toHaveLength(1);
    expect(waitingAudit(issue).filter((r) => r.action === 'closeWithoutAnswer')).toHaveLength(1);
  });
});

describe('a request whose status date Jira gives differs from the stay the search found', () => {
  it('by a minute: the same stay, reminded', async () => {
    clock().set(MONDAY_10);
    const issue = requestMovedBy(app().double.state, 'requestInformation');
    issue.statusChangedAt += 60_000;
    clock().set(MONDAY_10 + 2 * DAY + 60_000);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
  });

  it('by more than a minute: another stay, nothing done', async () => {
    clock().set(MONDAY_10);
    const issue = requestMovedBy(app().double.state, 'requestInformation');
    issue.statusChangedAt += 60_001;
    clock().set(MONDAY_10 + 3 * DAY + HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(0);
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toEqual([]);
  });
});
