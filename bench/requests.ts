/**
 * Jira requests per operation, measured through the test double: count, reads and writes, bytes
 * sent and received. Each operation runs on a fresh app so nothing it costs is hidden by another.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_MAIL_STATUSES } from '../src/notifications/settings';
import { CUSTOMER_TRANSITIONS, getStatus, type StatusKey } from '../src/workflow';
import { DEMO_USERS, DEMO_WORKFLOW_ID, type DoubleState } from '../test/double/state';
import type { RequestLogEntry } from '../test/double/types';
import { installOnce, installToEnd, isTaskPoll, ok } from '../test/installer/helpers';
import { addRequests, addServiceProject, shareWorkflow, withoutDemoProject } from '../test/installer/sites';
import { InvocationKilled } from '../test/harness/forge';
import { startTestApp, type TestApp, type TestAppOptions } from '../test/support/app';
import { ageLeases } from '../test/support/submissions';
import { ENTERED_BY, deliver, issueUpdatedEvent, requestMovedBy } from '../test/support/events';
import { waitingOperations } from './waiting';

export interface OperationCost {
  operation: string;
  requests: number;
  reads: number;
  writes: number;
  /** Reads of an asynchronous task's progress (the install's migration), included in `reads`. */
  taskPolls: number;
  bytesSent: number;
  bytesReceived: number;
}

export function costOf(operation: string, log: readonly RequestLogEntry[]): OperationCost {
  return {
    operation,
    requests: log.length,
    reads: log.filter((e) => e.kind === 'read').length,
    writes: log.filter((e) => e.kind === 'write').length,
    taskPolls: log.filter(isTaskPoll).length,
    bytesSent: log.reduce((sum, e) => sum + e.requestBytes, 0),
    bytesReceived: log.reduce((sum, e) => sum + e.responseBytes, 0),
  };
}

interface MeasureOptions {
  /** Runs first, unmeasured: what the operation finds already done (a warm cache, a first install). */
  warmUp?: (app: TestApp) => Promise<unknown>;
  /** The demo site as it is unless given; the demo project is configured as the installer leaves it. */
  seed?: TestAppOptions['seed'];
}

/** Runs `body` on a fresh app and measures the Jira requests it makes. */
async function measure(
  operation: string,
  body: (app: TestApp) => Promise<unknown>,
  { warmUp, seed }: MeasureOptions = {},
): Promise<OperationCost> {
  const app = await startTestApp(seed ? { seed } : {});
  try {
    if (!seed) app.configureDemoProject();
    if (warmUp) await warmUp(app);
    app.double.resetLog();
    const answer = await body(app);
    if (answer && typeof answer === 'object' && 'error' in answer)
      throw new Error(`${operation} failed: ${JSON.stringify(answer)}`);
    const violations = app.double.takeViolations();
    if (violations.length > 0) throw new Error(`${operation} went off-spec: ${JSON.stringify(violations)}`);
    return costOf(operation, app.double.log);
  } finally {
    await app.close();
  }
}

const reporter = DEMO_USERS.reporter.accountId;

export type Measurement = [name: string, run: () => Promise<OperationCost>];

/** The operations this app performs, by capability; later capabilities add theirs here. */
export function operations(): Measurement[] {
  const view = (app: TestApp) =>
    app.portal(
      'getRequestView',
      { locale: 'fr_FR' },
      { accountId: reporter, issueKey: app.issueIn('waiting_customer').key },
    );
  const list: Measurement[] = [
    ['portal view (warm)', () => measure('portal view (warm)', view, { warmUp: view })],
  ];
  for (const t of CUSTOMER_TRANSITIONS) {
    const from = t.from[0] as StatusKey;
    const name = `customer action: ${t.name}`;
    list.push([
      name,
      () =>
        measure(name, (app) =>
          app.portal(
            'performCustomerAction',
            { action: t.id, comment: 'Mesure', submissionId: randomUUID() },
            { accountId: reporter, issueKey: app.issueIn(from).key },
          ),
        ),
    ]);
  }
  // What exactly-once costs when something went wrong. The comment's answer lost (Jira saved it):
  // the same invocation looks for it, finds it, and goes on.
  const lost = 'customer action: comment answer lost';
  list.push([
    lost,
    () =>
      measure(lost, (app) => {
        const issue = app.issueIn('waiting_customer');
        app.double.faults.add({
          method: 'POST',
          path: `/rest/api/3/issue/${issue.key}/comment`,
          status: 504,
          afterApply: true,
        });
        return app.portal(
          'performCustomerAction',
          { action: 'customerAnswered', comment: 'Mesure', submissionId: randomUUID() },
          { accountId: reporter, issueKey: issue.key },
        );
      }),
  ]);
  // The invocation ended right after posting the comment; the customer retries later.
  const retry = 'customer action: retry after an ended invocation';
  const retried = randomUUID();
  const answer = (app: TestApp) =>
    app.portal(
      'performCustomerAction',
      { action: 'customerAnswered', comment: 'Mesure', submissionId: retried },
      { accountId: reporter, issueKey: app.issueIn('waiting_customer').key },
    );
  list.push([
    retry,
    () =>
      measure(retry, answer, {
        warmUp: async (app) => {
          app.forge.killAfter(
            (step) => step.type === 'jira' && step.method === 'POST' && step.path.endsWith('/comment'),
          );
          await answer(app).catch((error: unknown) => {
            if (!(error instanceof InvocationKilled)) throw error;
          });
          ageLeases(app, retried);
        },
      }),
  ]);
  list.push([
    'agent panel',
    () =>
      measure('agent panel', (app) =>
        app.issueView(
          'getStatusHelp',
          { locale: 'fr_FR' },
          { accountId: DEMO_USERS.agent.accountId, issueKey: app.issueIn('waiting_approval').key },
        ),
      ),
  ]);
  for (const status of DEFAULT_MAIL_STATUSES) {
    const name = `e-mail: ${getStatus(status).name}`;
    const transition = ENTERED_BY[status];
    if (!transition) throw new Error(`no team transition enters ${status}`);
    list.push([
      name,
      () =>
        measure(name, async (app) => {
          // Moved by an agent in Jira before the measure starts; only the trigger's work is counted.
          const issue = requestMovedBy(app.double.state, transition);
          app.double.resetLog();
          const outcome = await deliver(app, issueUpdatedEvent(app.double.state, issue.key));
          if (outcome !== 'sent') throw new Error(`${name}: the trigger answered ${String(outcome)}`);
        }),
    ]);
  }
  // A change a customer could have made on the portal, made by an agent: its changelog entry is read.
  const recorded = 'e-mail: answer recorded by an agent';
  list.push([
    recorded,
    () =>
      measure(recorded, async (app) => {
        const issue = requestMovedBy(app.double.state, 'customerAnswered');
        app.double.resetLog();
        const outcome = await deliver(app, issueUpdatedEvent(app.double.state, issue.key));
        if (outcome !== 'sent') throw new Error(`${recorded}: the trigger answered ${String(outcome)}`);
      }),
  ]);
  // An empty site: a service project with JSM's default statuses only, none of the workflow's.
  const helpProject = (state: DoubleState): void => {
    withoutDemoProject(state);
    addServiceProject(state, { key: 'HELP' });
  };
  const install = async (app: TestApp) => {
    const answers = await installToEnd(app, 'HELP');
    if (answers.at(-1)?.state !== 'installed') throw new Error(`install ended ${JSON.stringify(answers)}`);
  };
  // The same with open requests in JSM's statuses, moved by the asynchronous scheme update.
  const helpProjectWithRequests = (state: DoubleState): void => {
    helpProject(state);
    addRequests(state, 'HELP', 'Waiting for support', 2);
    addRequests(state, 'HELP', 'In Progress', 3);
    addRequests(state, 'HELP', 'Waiting for customer', 1, 'incident');
  };
  // HELP's scheme uses SUP's workflow, where SUP renamed a transition: HELP gets a completed copy.
  const helpOnSupWorkflow = (state: DoubleState): void => {
    addServiceProject(state, { key: 'HELP' });
    shareWorkflow(state, 'HELP', DEMO_WORKFLOW_ID);
    addRequests(state, 'HELP', 'En progression', 3);
    const sup = state.workflows.find((w) => w.id === DEMO_WORKFLOW_ID);
    const answered = sup?.transitions.find((t) => t.name === 'Customer answered');
    if (answered) answered.name = 'Le client a répondu';
  };
  list.push(
    ['fresh install', () => measure('fresh install', install, { seed: helpProject })],
    [
      'fresh install, 6 requests to migrate',
      () => measure('fresh install, 6 requests to migrate', install, { seed: helpProjectWithRequests }),
    ],
    [
      'second install',
      () =>
        measure('second install', async (app) => ok(await installOnce(app, 'HELP')), {
          seed: helpProject,
          warmUp: install,
        }),
    ],
    [
      'install on a workflow another project uses',
      () => measure('install on a workflow another project uses', install, { seed: helpOnSupWorkflow }),
    ],
  );
  list.push(...waitingOperations());
  return list;
}
