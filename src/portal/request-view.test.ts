import type { CustomerRequest, JsmRequestStatus } from '../jira/types';
import { STATUSES } from '../workflow';
import { parseActionPayload } from './payload';
import { appendAudit, MAX_AUDIT_RECORDS, type AuditRecord } from './audit';
import { toRequestView } from './request-view';

const at = (iso: string): JsmRequestStatus['statusDate'] => ({ iso8601: iso, epochMillis: Date.parse(iso) });
const status = (name: string, iso: string, statusCategory = 'INDETERMINATE'): JsmRequestStatus => ({
  status: name,
  statusCategory,
  statusDate: at(iso),
});

function request(current: JsmRequestStatus, history: JsmRequestStatus[] = [current]): CustomerRequest {
  return {
    issueId: '10001',
    issueKey: 'SUP-1',
    currentStatus: current,
    status: { values: history, isLastPage: true },
  };
}

describe('request view', () => {
  it.each(STATUSES.map((s) => [s.key, s] as const))(
    'describes %s with the workflow category, badge and actions',
    (_, s) => {
      const view = toRequestView(request(status(s.name, '2026-11-20T09:00:00Z')), s.key);
      expect(view.status).toEqual({
        key: s.key,
        name: s.name,
        category: s.category,
        responseRequired: s.customerMustAct,
        since: '2026-11-20T09:00:00Z',
      });
      const expected = {
        waiting_customer: ['customerAnswered'],
        waiting_approval: ['acceptedByCustomer', 'refusedByCustomer'],
        closed: ['reopen'],
      };
      expect(view.actions.map((a) => a.id)).toEqual(expected[s.key as keyof typeof expected] ?? []);
    },
  );

  it('gives each action its comment rule', () => {
    const view = toRequestView(
      request(status("En attente d'approbation client", '2026-11-20T09:00:00Z')),
      'waiting_approval',
    );
    expect(view.actions).toEqual([
      { id: 'acceptedByCustomer', commentRequired: false, maxCommentLength: 4000 },
      { id: 'refusedByCustomer', commentRequired: true, maxCommentLength: 4000 },
    ]);
  });

  it('shows a status outside the workflow by its name, with no action and the category JSM reports', () => {
    const view = toRequestView(request(status('Waiting for support', '2026-11-20T09:00:00Z', 'NEW')), null);
    expect(view.status).toMatchObject({
      key: null,
      name: 'Waiting for support',
      category: 'TODO',
      responseRequired: false,
    });
    expect(view.actions).toEqual([]);
  });

  it('lists the history newest first, whatever order Jira sends', () => {
    const history = [
      status('Ouvert', '2026-11-01T08:00:00Z'),
      status('En progression', '2026-11-03T08:00:00Z'),
      status('En attente du client', '2026-11-02T08:00:00Z'),
    ];
    const view = toRequestView(request(history[1] as JsmRequestStatus, history), 'in_progress');
    expect(view.history).toEqual([
      { name: 'En progression', at: '2026-11-03T08:00:00Z' },
      { name: 'En attente du client', at: '2026-11-02T08:00:00Z' },
      { name: 'Ouvert', at: '2026-11-01T08:00:00Z' },
    ]);
  });

  it('copes with a request Jira returns without status details', () => {
    const view = toRequestView({ issueId: '1', issueKey: 'SUP-9' }, null);
    expect(view).toEqual({
      issueKey: 'SUP-9',
      status: { key: null, name: '', category: 'IN_PROGRESS', responseRequired: false, since: null },
      history: [],
      actions: [],
    });
  });
});

describe('action payload', () => {
  const valid = {
    action: 'reopen',
    comment: 'Toujours en panne',
    submissionId: '0b6f6c1e-1d2a-4f0e-9a55-3c1f2a9b7d10',
  };

  it('accepts the documented shape', () => {
    expect(parseActionPayload({ ...valid, locale: 'nl_NL' })).toEqual({ ...valid, locale: 'nl_NL' });
    expect(parseActionPayload({ ...valid, comment: undefined }).comment).toBeUndefined();
    expect(parseActionPayload({ ...valid, comment: null }).comment).toBeUndefined();
  });

  it.each([
    ['not an object', 'reopen'],
    ['an array', [valid]],
    ['null', null],
    ['an unknown action', { ...valid, action: 'close' }],
    ['a team transition id', { ...valid, action: 'resolve' }],
    ['an unknown key', { ...valid, issueKey: 'SUP-2' }],
    ['a comment of the wrong type', { ...valid, comment: { type: 'doc' } }],
    ['an oversized comment', { ...valid, comment: 'x'.repeat(100_001) }],
    ['no submission id', { action: 'reopen', comment: 'x' }],
    ['a malformed submission id', { ...valid, submissionId: 'a b' }],
    ['an oversized locale', { ...valid, locale: 'x'.repeat(36) }],
  ])('refuses %s', (_, payload) => {
    expect(() => parseActionPayload(payload)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('audit record', () => {
  const record = (n: number): AuditRecord => ({
    at: new Date(n).toISOString(),
    accountId: 'a',
    action: 'reopen',
    from: 'closed',
    to: 'reopened',
    submissionId: `submission-${n}`,
  });

  it('appends and keeps the newest records within the property size', () => {
    expect(appendAudit(undefined, record(1)).records).toHaveLength(1);
    let log = appendAudit(undefined, record(0));
    for (let i = 1; i <= MAX_AUDIT_RECORDS + 5; i++) log = appendAudit(log, record(i));
    expect(log.records).toHaveLength(MAX_AUDIT_RECORDS);
    expect(log.records.at(-1)?.submissionId).toBe(`submission-${MAX_AUDIT_RECORDS + 5}`);
    expect(JSON.stringify(log).length).toBeLessThan(32_768);
  });
});
