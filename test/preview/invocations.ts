/**
 * Follows every resolver call the preview runs (portal panel, agent panel, admin page) and the Jira
 * requests the double received for it: those made while it ran, as its caller (the portal's resolvers
 * call Jira as the app, the agent's and admin's as the user). The callers differ by surface, so calls
 * that overlap from different surfaces are still told apart.
 */
import { findUser, type DoubleState } from '../double';
import type { JiraDouble, RequestLogEntry } from '../double/types';
import type { ChangeEvent, InvocationView, JiraRequestView, Origin } from './types';

/** How many invocations the preview remembers (the page shows the newest). */
const KEPT = 50;

export interface InvocationStart {
  origin: Origin;
  functionKey: string;
  issueKey?: string;
  accountId?: string;
}

export interface InvocationTracker {
  /** Runs `call`, recording it and the Jira requests it caused. */
  track<T>(start: InvocationStart, call: () => Promise<T>): Promise<T>;
  /** Newest first. */
  list(): InvocationView[];
  onChange(listener: (event: ChangeEvent) => void): () => void;
}

const requestView = (entry: RequestLogEntry): JiraRequestView => ({
  method: entry.method,
  path: decodeURIComponent(entry.path) + (entry.query ? `?${decodeURIComponent(entry.query)}` : ''),
  status: entry.status,
  ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
  kind: entry.kind,
});

/** The resolver's answer in one word: ok, its error code, or that it threw. */
function outcomeOf(answer: unknown): string {
  if (answer !== null && typeof answer === 'object' && 'error' in answer) {
    const code = (answer as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : 'error';
  }
  return 'ok';
}

interface Tracked {
  view: InvocationView;
  principal: string;
  /** Where the double's log stood when the invocation began. */
  logFrom: number;
  /** Where it stood when it ended; undefined while running. */
  logTo?: number;
}

export function createInvocationTracker(double: JiraDouble, state: () => DoubleState): InvocationTracker {
  const records: Tracked[] = [];
  const listeners = new Set<(event: ChangeEvent) => void>();
  let nextId = 1;

  const requestsOf = (record: Tracked): JiraRequestView[] =>
    double.log
      .slice(record.logFrom, record.logTo)
      .filter((entry) => entry.principal === record.principal)
      .map(requestView);

  const emit = (record: Tracked, phase: ChangeEvent['phase']): void => {
    const writes = phase === 'end' ? requestsOf(record).filter((r) => r.kind === 'write').length : 0;
    const { id, origin, functionKey } = record.view;
    for (const listener of listeners) listener({ id, origin, functionKey, phase, writes });
  };

  return {
    async track(start, call) {
      const started = performance.now();
      const record: Tracked = {
        view: {
          id: nextId++,
          origin: start.origin,
          functionKey: start.functionKey,
          ...(start.issueKey ? { issueKey: start.issueKey } : {}),
          caller: start.accountId
            ? (findUser(state(), start.accountId)?.displayName ?? start.accountId)
            : 'anonymous',
          startedAt: new Date().toISOString(),
          durationMs: null,
          outcome: 'running',
          requests: [],
        },
        // The portal's resolvers act as the app (portal-only customers cannot call Jira); the others as the user.
        principal: start.origin === 'portal' ? 'app' : `user:${start.accountId ?? ''}`,
        logFrom: double.log.length,
      };
      records.push(record);
      if (records.length > KEPT) records.shift();
      emit(record, 'start');
      const finish = (outcome: string, answer?: unknown): void => {
        record.logTo = double.log.length;
        record.view.durationMs = Math.round((performance.now() - started) * 10) / 10;
        record.view.outcome = outcome;
        if (answer !== undefined) record.view.answer = answer;
        emit(record, 'end');
      };
      try {
        const answer = await call();
        finish(outcomeOf(answer), answer ?? null);
        return answer;
      } catch (error) {
        finish('failed', { thrown: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
    list: () => records.map((record) => ({ ...record.view, requests: requestsOf(record) })).reverse(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
