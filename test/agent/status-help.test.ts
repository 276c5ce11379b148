/**
 * getStatusHelp through the real Forge code and the Jira test double, called as the agent from the
 * issue view: what it answers for every status, and what it costs in Jira requests.
 */
import { randomUUID } from 'node:crypto';
import type { StatusHelp } from '../../src/agent/status-help';
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import { STATUSES, customerActionsFrom, teamTransitionsFrom } from '../../src/workflow';
import { DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { moveIssue, requestMovedBy } from '../support/events';
import frFR from '../../locales/fr-FR.json';
import { lookup } from '../../src/i18n/locales';

type Answer = Partial<StatusHelp> & { error?: { code: string; message: string } };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
});

const help = (issue: DoubleIssue, accountId: string = DEMO_USERS.agent.accountId, payload: unknown = {}) =>
  app.issueView<Answer>('getStatusHelp', payload, { accountId, issueKey: issue.key });

/** A request waiting on its customers, with Pierre as participant. */
function waitingRequest(): DoubleIssue {
  const issue = requestMovedBy(app.double.state, 'requestInformation');
  issue.participants = [DEMO_USERS.participant.accountId];
  return issue;
}

function customerAnswers(issue: DoubleIssue, accountId: string, text = 'Voici la capture demandée.') {
  return app.portal<{ error?: unknown }>(
    'performCustomerAction',
    { action: 'customerAnswered', comment: text, submissionId: randomUUID() },
    { accountId, issueKey: issue.key },
  );
}

describe('getStatusHelp', () => {
  it.each(STATUSES.map((s) => [s.name, s] as const))('explains %s', async (_, status) => {
    const issue = app.issueIn(status.key);
    const answer = await help(issue);
    expect(answer.issueKey).toBe(issue.key);
    expect(answer.status).toEqual({
      key: status.key,
      name: status.name,
      responseRequired: status.customerMustAct,
      since: new Date(issue.statusChangedAt).toISOString(),
      // The defaults, in the agent's language (French here), the team's note included.
      texts: {
        label: status.name,
        meaning: lookup(frFR, `status.${status.key}.meaning`),
        todo: lookup(frFR, `status.${status.key}.todo`),
        agent: lookup(frFR, `status.${status.key}.agent`),
      },
    });
    expect(answer.customerActions).toEqual(
      customerActionsFrom(status.key).map((t) => ({ id: t.id, name: t.name })),
    );
    expect(answer.nextTeamTransitions).toEqual(
      teamTransitionsFrom(status.key).map((t) => ({ id: t.id, name: t.name })),
    );
  });

  it('dates a request that never moved from its creation', async () => {
    const issue = app.issueIn('open');
    expect(issue.changelog).toEqual([]);
    expect((await help(issue)).status).toMatchObject({ since: new Date(issue.created).toISOString() });
  });

  it('reads Jira once, as the agent, when only the reporter acted', async () => {
    const issue = waitingRequest();
    expect((await customerAnswers(issue, DEMO_USERS.reporter.accountId)).error).toBeUndefined();
    app.double.resetLog();
    const answer = await help(issue);
    expect(jiraCalls(app.double)).toEqual([`GET /rest/api/3/issue/${issue.key}`]);
    expect(app.double.log[0]?.principal).toBe(`user:${DEMO_USERS.agent.accountId}`);
    expect(new URLSearchParams(app.double.log[0]?.query)).toEqual(
      new URLSearchParams({
        fields: 'status,reporter,created',
        properties: AUDIT_PROPERTY_KEY,
        expand: 'changelog',
      }),
    );
    expect(answer.status).toMatchObject({
      key: 'in_progress',
      since: new Date(issue.statusChangedAt).toISOString(),
    });
    expect(answer.recentCustomerActions).toEqual([
      {
        at: expect.any(String),
        action: 'customerAnswered',
        actionName: 'Customer answered',
        accountId: DEMO_USERS.reporter.accountId,
        displayName: 'Claire Client',
        from: 'waiting_customer',
        to: 'in_progress',
      },
    ]);
  });

  it('reads Jira a second time, once, for the names of other people who acted', async () => {
    const issue = waitingRequest();
    await customerAnswers(issue, DEMO_USERS.participant.accountId);
    moveIssue(app.double.state, issue, 'requestInformation');
    await customerAnswers(issue, DEMO_USERS.reporter.accountId);
    moveIssue(app.double.state, issue, 'requestInformation');
    await customerAnswers(issue, DEMO_USERS.participant.accountId);
    app.double.resetLog();
    const answer = await help(issue);
    expect(jiraCalls(app.double)).toEqual([
      `GET /rest/api/3/issue/${issue.key}`,
      'GET /rest/api/3/user/bulk',
    ]);
    expect(app.double.log[1]?.query).toBe(
      `maxResults=1&accountId=${encodeURIComponent(DEMO_USERS.participant.accountId)}`,
    );
    expect(answer.recentCustomerActions?.map((r) => r.displayName)).toEqual([
      'Pierre Participant',
      'Claire Client',
      'Pierre Participant',
    ]);
    const times = answer.recentCustomerActions?.map((r) => Date.parse(r.at)) ?? [];
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('still answers, without names, when Jira cannot give them', async () => {
    const issue = waitingRequest();
    await customerAnswers(issue, DEMO_USERS.participant.accountId);
    app.double.faults.add({ method: 'GET', path: '/rest/api/3/user/bulk', status: 500 });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const answer = await help(issue);
      expect(answer.recentCustomerActions?.[0]).toMatchObject({
        action: 'customerAnswered',
        displayName: null,
      });
      expect(warn).toHaveBeenCalledWith('Display names unavailable: GET /rest/api/3/user/bulk 500');
    } finally {
      warn.mockRestore();
    }
  });

  it('shows the five most recent customer actions and skips malformed records', async () => {
    const issue = waitingRequest();
    const records = Array.from({ length: 7 }, (_, i) => ({
      at: new Date(Date.UTC(2025, 3, 1 + i)).toISOString(),
      accountId: DEMO_USERS.reporter.accountId,
      action: i % 2 === 0 ? 'customerAnswered' : 'refusedByCustomer',
      from: i % 2 === 0 ? 'waiting_customer' : 'waiting_approval',
      to: 'in_progress',
      submissionId: randomUUID(),
    }));
    issue.properties[AUDIT_PROPERTY_KEY] = {
      records: [...records, { at: 'yesterday', action: 'close', accountId: 42 }],
    };
    const answer = await help(issue);
    expect(answer.recentCustomerActions?.map((r) => r.at)).toEqual(
      records
        .slice(2)
        .reverse()
        .map((r) => r.at),
    );
  });

  it('says so, briefly, for a status outside the workflow', async () => {
    const issue = requestMovedBy(app.double.state, 'startProgress');
    app.double.state.statuses.push({
      id: '19998',
      name: 'Waiting for support',
      description: '',
      statusCategory: 'TODO',
      scope: { type: 'GLOBAL' },
    });
    issue.statusId = '19998';
    expect(await help(issue)).toEqual({
      issueKey: issue.key,
      status: { key: null, name: 'Waiting for support' },
      customerActions: [],
      nextTeamTransitions: [],
      recentCustomerActions: [],
    });
  });

  it('answers NOT_ALLOWED, localized, to someone Jira does not let read the issue', async () => {
    const answer = await help(app.issueIn('open'), DEMO_USERS.reporter.accountId, { locale: 'nl_NL' });
    expect(answer.error?.code).toBe('NOT_ALLOWED');
    expect(answer.error?.message).toContain('U kunt deze actie niet uitvoeren');
  });
});
