/**
 * Which Jira transition performs a customer action, and what happens when Jira refuses it: the id the
 * installer recorded, else the one Jira offers under the action's name towards its status; a recorded
 * id refused as invalid is looked up once more; anything else Jira refuses is told, never retried.
 */
import type { JiraClient } from '../../src/jira/client';
import { Deadline } from '../../src/jira/deadline';
import { JiraError } from '../../src/jira/errors';
import type { IssueTransition } from '../../src/jira/types';
import {
  lookUpTransitionId,
  performCustomerTransition,
  performTransition,
} from '../../src/portal/transitions';
import { forgetProjectConfigs, projectConfigKey } from '../../src/shared/project-config';
import { getCustomerTransition } from '../../src/workflow';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  // Forge storage (the recorded ids) through the harness.
  app = await startTestApp();
});
afterAll(() => app.close());

const answered = { transition: getCustomerTransition('customerAnswered') };
const offer = (
  id: string,
  name: string,
  to?: { id: string; name: string },
  isAvailable?: boolean,
): IssueTransition => ({
  id,
  name,
  ...(to ? { to } : {}),
  ...(isAvailable === undefined ? {} : { isAvailable }),
});
const toInProgress = { id: '3', name: 'En progression' };
const refusal = (kind: 'bad-request' | 'conflict' | 'server' | 'forbidden', status: number) =>
  new JiraError(kind, status, 'POST', '/rest/api/3/issue/SUP-1/transitions');

/** A Jira client offering `offered`, refusing transitions with `refuse(id)`, recording what it did. */
function fakeJira(offered: IssueTransition[], refuse: (id: string) => Error | undefined = () => undefined) {
  const calls: string[] = [];
  const jira = {
    deadline: new Deadline(Date.now() + 20_000),
    getTransitions: (issueKey: string) => {
      calls.push(`offered ${issueKey}`);
      return Promise.resolve(offered);
    },
    transitionIssue: (issueKey: string, id: string) => {
      calls.push(`transition ${issueKey} ${id}`);
      const error = refuse(id);
      return error ? Promise.reject(error) : Promise.resolve();
    },
  } as unknown as JiraClient;
  return { jira, calls };
}

describe('looking the transition up among those Jira offers', () => {
  it('takes the one with the action’s name towards its status, however Jira writes them', async () => {
    const { jira } = fakeJira([
      offer('11', 'Customer answered', { id: '9', name: 'Résolu' }),
      offer('12', '  customer   ANSWERED ', { id: '3', name: 'en  progression' }),
    ]);
    await expect(lookUpTransitionId(jira, 'SUP-1', answered)).resolves.toBe('12');
  });

  it('skips one Jira says is not available, and one without a target', async () => {
    const { jira } = fakeJira([
      offer('11', 'Customer answered', toInProgress, false),
      offer('12', 'Customer answered'),
      offer('13', 'Customer answered', toInProgress, true),
    ]);
    await expect(lookUpTransitionId(jira, 'SUP-1', answered)).resolves.toBe('13');
  });

  it('tells the target by its recorded id when there is one, not by its name', async () => {
    const { jira } = fakeJira([
      offer('11', 'Customer answered', { id: '77', name: 'En progression' }),
      offer('12', 'Customer answered', { id: '3', name: 'Renamed by the desk' }),
    ]);
    await expect(lookUpTransitionId(jira, 'SUP-1', { ...answered, targetStatusId: '3' })).resolves.toBe('12');
  });

  it('finds none when another name or another status is all there is', async () => {
    const { jira } = fakeJira([
      offer('11', 'Reopen', toInProgress),
      offer('12', 'Customer answered', { id: '9', name: 'Résolu' }),
    ]);
    await expect(lookUpTransitionId(jira, 'SUP-1', answered)).resolves.toBeUndefined();
  });
});

describe('performing it', () => {
  it('uses the recorded id without asking Jira what it offers', async () => {
    const { jira, calls } = fakeJira([]);
    await expect(performTransition(jira, 'SUP-1', answered, '21', {})).resolves.toBe(true);
    expect(calls).toEqual(['transition SUP-1 21']);
  });

  it('looks it up when none is recorded, and answers false when none fits', async () => {
    const found = fakeJira([offer('31', 'Customer answered', toInProgress)]);
    await expect(performTransition(found.jira, 'SUP-1', answered, undefined, {})).resolves.toBe(true);
    expect(found.calls).toEqual(['offered SUP-1', 'transition SUP-1 31']);
    const none = fakeJira([offer('32', 'Reopen', toInProgress)]);
    await expect(performTransition(none.jira, 'SUP-1', answered, undefined, {})).resolves.toBe(false);
    expect(none.calls).toEqual(['offered SUP-1']);
  });

  it('looks a refused recorded id up once more, and uses what Jira offers now', async () => {
    const { jira, calls } = fakeJira([offer('41', 'Customer answered', toInProgress)], (id) =>
      id === '21' ? refusal('bad-request', 400) : undefined,
    );
    await expect(performTransition(jira, 'SUP-1', answered, '21', {})).resolves.toBe(true);
    expect(calls).toEqual(['transition SUP-1 21', 'offered SUP-1', 'transition SUP-1 41']);
  });

  it('tells the refusal when the lookup finds nothing else, or the same id again', async () => {
    const gone = fakeJira([], () => refusal('bad-request', 400));
    await expect(performTransition(gone.jira, 'SUP-1', answered, '21', {})).rejects.toMatchObject({
      kind: 'bad-request',
    });
    expect(gone.calls).toEqual(['transition SUP-1 21', 'offered SUP-1']);
    const same = fakeJira([offer('21', 'Customer answered', toInProgress)], () =>
      refusal('bad-request', 400),
    );
    await expect(performTransition(same.jira, 'SUP-1', answered, '21', {})).rejects.toMatchObject({
      kind: 'bad-request',
    });
    expect(same.calls).toEqual(['transition SUP-1 21', 'offered SUP-1']);
  });

  it.each([
    ['a conflict (409)', refusal('conflict', 409)],
    ['a server error (500)', refusal('server', 500)],
    ['a refusal to the app (403)', refusal('forbidden', 403)],
    ['a failure that is not Jira’s', new Error('socket hang up')],
  ])('tells %s on a recorded id at once, without a second transition', async (_, error) => {
    const { jira, calls } = fakeJira([offer('41', 'Customer answered', toInProgress)], () => error);
    await expect(performTransition(jira, 'SUP-1', answered, '21', {})).rejects.toBe(error);
    expect(calls).toEqual(['transition SUP-1 21']);
  });

  it.each([
    ['a 400', refusal('bad-request', 400)],
    ['a 409', refusal('conflict', 409)],
  ])('tells %s on a transition it looked up itself, without looking again', async (_, error) => {
    const { jira, calls } = fakeJira([offer('31', 'Customer answered', toInProgress)], () => error);
    await expect(performTransition(jira, 'SUP-1', answered, undefined, {})).rejects.toBe(error);
    expect(calls).toEqual(['offered SUP-1', 'transition SUP-1 31']);
  });
});

describe('a customer action’s transition', () => {
  afterEach(() => {
    app.forge.kvs.entries.delete(projectConfigKey('SUP'));
    forgetProjectConfigs();
  });

  it('takes the id the installer recorded for this action on the issue’s project', async () => {
    app.forge.kvs.entries.set(projectConfigKey('SUP'), {
      value: { statuses: {}, transitions: { customerAnswered: '51', reopen: '52' } },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    forgetProjectConfigs();
    const { jira, calls } = fakeJira([]);
    await expect(performCustomerTransition(jira, 'SUP-12', 'reopen', {})).resolves.toBe(true);
    expect(calls).toEqual(['transition SUP-12 52']);
  });

  it('looks the action up by its name on a project the installer has not recorded', async () => {
    const { jira, calls } = fakeJira([offer('61', 'Customer answered', toInProgress)]);
    await expect(performCustomerTransition(jira, 'SUP-12', 'customerAnswered', {})).resolves.toBe(true);
    expect(calls).toEqual(['offered SUP-12', 'transition SUP-12 61']);
  });
});
