/**
 * The exactly-once promise of performCustomerAction under every fault, through the real Forge code
 * and the Jira test double: for every step of an action (each Jira request, each storage operation),
 * a failure before it is applied (Jira's 500, or a gateway's 503 the app cannot tell from a request
 * still in flight), a failure after it is applied with the answer lost, a slow answer
 * (within the deadline, and past it), and the invocation ending right after it. Each is followed by
 * retries with the same submission id (what the panel sends again, and what a dialog opened again
 * resumes) until one succeeds. After every scenario: one public comment with the customer's exact
 * words, one transition, one audit record, and every answer on the way told the truth.
 */
import { randomUUID } from 'node:crypto';
import frFR from '../../locales/fr-FR.json';
import { handler } from '../../src/index';
import { AUDIT_PROPERTY_KEY, type AuditLog } from '../../src/portal/audit';
import { forgetProjectConfigs } from '../../src/shared/project-config';
import { getCustomerTransition, type CustomerActionId, type StatusKey } from '../../src/workflow';
import { DEMO_STATUS_IDS, DEMO_USERS, type DoubleIssue } from '../double/state';
import type { FaultSpec } from '../double/types';
import { InvocationKilled, type InvocationStep } from '../harness/forge';
import type { KvsFault } from '../harness/kvs';
import { expectNoViolations, portalContext, startTestApp, type TestApp } from '../support/app';
import { ageLeases, freshRequest } from '../support/submissions';

type Answer = { status?: { key: string | null }; error?: { code: string; message: string } };
type Outcome = Answer | 'killed';

/** What an answer tells the customer about their comment and the status, read from its French message. */
interface Claim {
  comment: 'saved' | 'not-saved' | 'unknown';
  status: 'moved' | 'unchanged' | 'unknown';
}

const ERRORS = frFR.error as Record<string, string>;
const CLAIM_OF_MESSAGE = new Map<string, Claim>([
  [ERRORS.JIRA_UNAVAILABLE!, { comment: 'not-saved', status: 'unchanged' }],
  [ERRORS.COMMENT_SAVED_STATUS_UNCHANGED!, { comment: 'saved', status: 'unchanged' }],
  [ERRORS.COMMENT_SAVED_STATUS_UNKNOWN!, { comment: 'saved', status: 'unknown' }],
  [ERRORS.OUTCOME_UNKNOWN!, { comment: 'unknown', status: 'unknown' }],
  [ERRORS.IN_PROGRESS!, { comment: 'unknown', status: 'unknown' }],
]);

const TEXT = 'Voici les captures demandées.\n\n*Pas du gras* <b>ni du HTML</b> — « merci » 👍';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
  app.forge.kvs.clearFaults();
});

function freshIssue(status: StatusKey): DoubleIssue {
  const issue = freshRequest(app, status);
  issue.participants = [DEMO_USERS.participant.accountId];
  return issue;
}

async function attempt(
  issue: DoubleIssue,
  action: CustomerActionId,
  submissionId: string,
  timeoutMs?: number,
): Promise<Outcome> {
  const payload = { action, submissionId, ...(action === 'acceptedByCustomer' ? {} : { comment: TEXT }) };
  try {
    return await app.forge.invoke<Answer>(handler, 'performCustomerAction', payload, {
      ...portalContext(issue.key, DEMO_USERS.reporter.accountId),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  } catch (error) {
    if (error instanceof InvocationKilled) return 'killed';
    throw error;
  }
}

/** Waits until the double has answered every request it received: nothing is in flight any more. */
async function settle(): Promise<void> {
  const inFlight = () => app.double.log.some((e) => e.status === 0) || app.forge.kvs.pending > 0;
  for (let waited = 0; inFlight(); waited += 50) {
    if (waited > 15_000) throw new Error('a request is still unanswered');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const auditOf = (issue: DoubleIssue): AuditLog['records'] =>
  (issue.properties[AUDIT_PROPERTY_KEY] as AuditLog | undefined)?.records ?? [];

function claimOf(outcome: Outcome): Claim | undefined {
  if (outcome === 'killed') return undefined;
  if (outcome.status) return { comment: 'saved', status: 'moved' };
  const claim = CLAIM_OF_MESSAGE.get(outcome.error?.message ?? '');
  if (!claim) throw new Error(`unexpected answer: ${JSON.stringify(outcome)}`);
  return claim;
}

/** The answer matches what Jira holds once nothing is in flight. */
function expectTruthful(outcome: Outcome, issue: DoubleIssue, to: StatusKey, withComment: boolean): void {
  const claim = claimOf(outcome);
  if (!claim) return;
  const actual = {
    comment: issue.comments.length > 0 || (!withComment && claim.comment === 'saved') ? 'saved' : 'not-saved',
    status: issue.statusId === DEMO_STATUS_IDS[to] ? 'moved' : 'unchanged',
  };
  const told = {
    comment: claim.comment === 'unknown' ? actual.comment : claim.comment,
    status: claim.status === 'unknown' ? actual.status : claim.status,
  };
  expect({ told, answer: outcome }).toEqual({ told: actual, answer: outcome });
}

interface Step {
  name: string;
  jira?: { method: string; path: (key: string) => string };
  kvs?: {
    op: KvsFault['op'];
    key: (issueKey: string, submissionId: string) => string | RegExp;
    skip?: number;
  };
  /** Only actions with a comment make this request. */
  commentOnly?: boolean;
}

const STEPS: Step[] = [
  { name: 'read the request', jira: { method: 'GET', path: (k) => `/rest/servicedeskapi/request/${k}` } },
  {
    name: 'read the audit record',
    jira: { method: 'GET', path: (k) => `/rest/api/3/issue/${k}/properties/${AUDIT_PROPERTY_KEY}` },
  },
  { name: 'note the account (privacy registry)', kvs: { op: 'set', key: () => /^privacy:account:/ } },
  { name: 'read the leases', kvs: { op: 'query', key: (k, s) => `submission:${k}:${s}:` } },
  { name: 'claim the lease', kvs: { op: 'set', key: (k, s) => `submission:${k}:${s}:00` } },
  {
    name: 'post the comment',
    jira: { method: 'POST', path: (k) => `/rest/api/3/issue/${k}/comment` },
    commentOnly: true,
  },
  {
    name: 'note the comment in the lease',
    kvs: { op: 'set', key: (k, s) => `submission:${k}:${s}:00`, skip: 1 },
    commentOnly: true,
  },
  { name: 'read the workflow ids', kvs: { op: 'get', key: () => /^workflow:/ } },
  {
    name: 'make the transition',
    jira: { method: 'POST', path: (k) => `/rest/api/3/issue/${k}/transitions` },
  },
  { name: 'note the lease done', kvs: { op: 'set', key: (k, s) => `submission:${k}:${s}:00`, skip: 1 } },
];

type Mode = 'before' | 'gateway' | 'after' | 'slow' | 'late' | 'kill';
/**
 * Under the mutation run (npm run mutation, docs/MUTATION.md) only the faults that answer at once: the
 * slow and late ones wait seconds of real time, under every surviving mutant.
 */
const MODES: Mode[] = process.env.MUTATION_GROUP
  ? ['before', 'gateway', 'after', 'kill']
  : ['before', 'gateway', 'after', 'slow', 'late', 'kill'];
/** The first attempt of a 'late' scenario: 4 s, so a 2.5 s answer comes past its 2 s deadline. */
const SHORT_INVOCATION_MS = 4_000;
const LATE_MS = 2_500;

function inject(
  step: Step,
  mode: Mode,
  issue: DoubleIssue,
  submissionId: string,
  withComment: boolean,
): void {
  // The done note is the lease's second write without a comment, its third with one.
  const skip = step.name === 'note the lease done' && withComment ? 2 : (step.kvs?.skip ?? 0);
  if (mode === 'kill') {
    let seen = 0;
    app.forge.killAfter((s: InvocationStep) => {
      const hit = step.jira
        ? s.type === 'jira' && s.method === step.jira.method && s.path === step.jira.path(issue.key)
        : s.type === 'kvs' &&
          s.path === step.kvs!.op &&
          keyMatches(step.kvs!.key(issue.key, submissionId), s.key ?? '');
      return hit && seen++ === skip;
    });
    return;
  }
  if (step.jira) {
    const base: FaultSpec = { method: step.jira.method, path: step.jira.path(issue.key) };
    if (mode === 'before') app.double.faults.add({ ...base, status: 500 });
    // A gateway's answer, nothing applied: the app cannot tell it from one still in flight.
    if (mode === 'gateway') app.double.faults.add({ ...base, status: 503 });
    if (mode === 'after') app.double.faults.add({ ...base, status: 504, afterApply: true });
    if (mode === 'slow') app.double.faults.add({ ...base, delayMs: 800 });
    if (mode === 'late') app.double.faults.add({ ...base, delayMs: LATE_MS });
    return;
  }
  const fault: KvsFault = {
    op: step.kvs!.op,
    key: step.kvs!.key(issue.key, submissionId),
    skip,
    mode: 'before',
  };
  if (mode === 'before') app.forge.kvs.addFault(fault);
  if (mode === 'after') app.forge.kvs.addFault({ ...fault, mode: 'after' });
  if (mode === 'slow') app.forge.kvs.addFault({ ...fault, mode: 'slow', delayMs: 800 });
  if (mode === 'late') app.forge.kvs.addFault({ ...fault, mode: 'slow', delayMs: LATE_MS });
}

const keyMatches = (pattern: string | RegExp, key: string): boolean =>
  typeof pattern === 'string' ? pattern === key : pattern.test(key);

const ACTIONS: { action: CustomerActionId; from: StatusKey }[] = [
  { action: 'customerAnswered', from: 'waiting_customer' },
  { action: 'acceptedByCustomer', from: 'waiting_approval' },
];

const SCENARIOS = ACTIONS.flatMap(({ action, from }) =>
  STEPS.filter((s) => !s.commentOnly || action !== 'acceptedByCustomer').flatMap((step) =>
    MODES.filter((mode) => mode !== 'gateway' || step.jira).map((mode) => ({ action, from, step, mode })),
  ),
);

describe(`exactly once, whatever fails (${SCENARIOS.length} scenarios)`, () => {
  it.each(SCENARIOS.map((s) => [s.action, s.step.name, s.mode, s] as const))(
    '%s: %s, %s',
    async (_action, _step, _mode, { action, from, step, mode }) => {
      forgetProjectConfigs();
      const withComment = action !== 'acceptedByCustomer';
      const to = getCustomerTransition(action).to;
      const issue = freshIssue(from);
      const submissionId = randomUUID();
      inject(step, mode, issue, submissionId, withComment);

      const outcomes: Outcome[] = [
        await attempt(issue, action, submissionId, mode === 'late' ? SHORT_INVOCATION_MS : undefined),
      ];
      for (let retry = 0; ; retry++) {
        await settle();
        const last = outcomes[outcomes.length - 1]!;
        expectTruthful(last, issue, to, withComment);
        if (last !== 'killed' && last.status) break;
        if (retry >= 3)
          throw new Error(`no success after ${outcomes.length} attempts: ${JSON.stringify(outcomes)}`);
        // The customer tries again later (the panel resends, or the dialog opened again resumes it).
        ageLeases(app, submissionId);
        outcomes.push(await attempt(issue, action, submissionId));
      }

      expect(issue.statusId).toBe(DEMO_STATUS_IDS[to]);
      expect(issue.changelog).toHaveLength(1);
      expect(auditOf(issue).filter((r) => r.submissionId === submissionId)).toHaveLength(1);
      if (withComment) {
        expect(issue.comments).toHaveLength(1);
        expect(issue.comments[0]).toMatchObject({ public: true });
        expect(issue.comments[0]?.body.endsWith(`\n\n${TEXT}`)).toBe(true);
        expect(auditOf(issue)[0]?.commentId).toBe(issue.comments[0]?.id);
      } else {
        expect(issue.comments).toHaveLength(0);
      }
      // The first answer that comes back is never a killed invocation unless the harness killed it.
      if (mode !== 'kill') expect(outcomes[0]).not.toBe('killed');
    },
    30_000,
  );
});
