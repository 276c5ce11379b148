/**
 * An in-memory stand-in for Forge's key-value store, answering the HTTP calls `@forge/kvs` makes
 * through `__forge_fetch__({ type: 'kvs' }, '/api/v1/…', { body })`. Models what the app relies on:
 * get/set/delete, `keyPolicy: 'FAIL_IF_EXISTS'` (atomic; a taken key answers 409 KEY_CONFLICT, as
 * reported for @forge/kvs ≥ 1.3; Atlassian documents no code, so the code is configurable), `ttl`
 * expiry, KEY_NOT_FOUND for missing keys, and `query` by key prefix. Faults can be injected per
 * operation: refused before it is applied, applied with the answer lost, or slow.
 */
interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

interface SetBody {
  key: string;
  value: unknown;
  options?: {
    ttl?: { value: number; unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS' };
    keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
    returnValue?: 'PREVIOUS' | 'LATEST';
  };
}

/** The most values one storage query may ask for. */
export const MAX_QUERY_LIMIT = 20;

const UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

export interface KvsLogEntry {
  op: string;
  key: string;
}

export type KvsOp = 'get' | 'set' | 'delete' | 'query';

export interface KvsFault {
  op?: KvsOp;
  /** A string matches the key exactly (a query's prefix), a RegExp is tested against it. */
  key?: string | RegExp;
  /** before: answers 500, nothing applied; after: applied, then 500; slow: applied, answered after delayMs. */
  mode: 'before' | 'after' | 'slow';
  delayMs?: number;
  times?: number;
  /** Matching operations let through before the fault applies (to reach the second write of a key). */
  skip?: number;
}

interface QueryBody {
  where?: { property: string; condition: string; values: unknown[] }[];
  limit?: number;
  after?: string;
}

export class InMemoryKvs {
  readonly entries = new Map<string, Entry>();
  readonly log: KvsLogEntry[] = [];
  now: () => number = () => Date.now();
  /**
   * The order of a query's results within a page. Forge documents none
   * (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query/): key order
   * by default, 'reversed' to show what relies on it.
   */
  queryOrder: 'key' | 'reversed' = 'key';
  /** Makes the next N calls fail with 500, to test what the app does when storage is down. */
  failNext = 0;
  /** What a refused FAIL_IF_EXISTS answers; the status is documented nowhere, 409 is what is seen. */
  conflict: { status: number; code: string } = { status: 409, code: 'KEY_CONFLICT' };
  private faults: (KvsFault & { remaining: number; skipped: number })[] = [];
  /** Operations received and not yet answered (a slow fault holds them). */
  pending = 0;

  addFault(fault: KvsFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1, skipped: 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(op: string, key: string): KvsFault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.op === undefined || f.op === op) &&
        (f.key === undefined || (typeof f.key === 'string' ? f.key === key : f.key.test(key))),
    );
    if (!fault) return undefined;
    if (fault.skipped < (fault.skip ?? 0)) {
      fault.skipped += 1;
      return undefined;
    }
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  /** Reads a value directly, for test assertions. */
  peek(key: string): unknown {
    return this.live(key)?.value;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async handle(path: string, body: unknown): Promise<Response> {
    if (this.failNext > 0) {
      this.failNext--;
      return json(500, { code: 'INTERNAL_SERVER_ERROR', message: 'injected storage failure' });
    }
    const op = path.replace('/api/v1/', '');
    const target =
      op === 'query' ? prefixOf(body as QueryBody) : String((body as { key?: unknown } | undefined)?.key);
    const fault = this.takeFault(op, target);
    if (fault?.mode === 'before') return injectedFailure();
    // Applied (or read) on arrival; a slow fault delays only the answer.
    const answer = op === 'query' ? this.query(body as QueryBody) : this.apply(path, body);
    if (fault?.mode === 'slow') {
      this.pending++;
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1_000));
      this.pending--;
    }
    return fault?.mode === 'after' ? injectedFailure() : answer;
  }

  /** Keys beginning with a prefix, in key order, as `kvs.query().where('key', beginsWith(p))` asks. */
  private query(body: QueryBody): Response {
    const prefix = prefixOf(body);
    this.log.push({ op: 'query', key: prefix });
    // "Limit the result size to 10 values, up to a maximum of 20"
    // (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query/). What the
    // store answers above it is not documented: refused here, so a query asking more shows in tests.
    if (body.limit !== undefined && body.limit > MAX_QUERY_LIMIT)
      return json(400, { code: 'INVALID_QUERY', message: `limit must be at most ${MAX_QUERY_LIMIT}` });
    const keys = [...this.entries.keys()]
      .filter((k) => k.startsWith(prefix) && this.live(k) && (body.after === undefined || k > body.after))
      .sort();
    const page = keys.slice(0, body.limit ?? 10);
    const listed = this.queryOrder === 'reversed' ? [...page].reverse() : page;
    const data = listed.map((key) => ({ key, value: this.entries.get(key)?.value }));
    const more = keys.length > page.length;
    return json(200, { data, ...(more ? { cursor: page[page.length - 1] } : {}) });
  }

  private apply(path: string, body: unknown): Response {
    const request = (body ?? {}) as Partial<SetBody>;
    const key = request.key;
    if (typeof key !== 'string' || key === '' || key.length > 500) {
      return json(400, {
        code: 'INVALID_KEY',
        message: 'key must be a non-empty string of at most 500 characters',
      });
    }
    this.log.push({ op: path.replace('/api/v1/', ''), key });
    switch (path) {
      case '/api/v1/get': {
        const entry = this.live(key);
        if (!entry) return json(404, { code: 'KEY_NOT_FOUND', message: 'key not found' });
        return json(200, { key, value: entry.value, createdAt: entry.createdAt, updatedAt: entry.updatedAt });
      }
      case '/api/v1/set': {
        const existing = this.live(key);
        const options = request.options ?? {};
        if (options.keyPolicy === 'FAIL_IF_EXISTS' && existing) {
          return json(this.conflict.status, { code: this.conflict.code, message: 'key already exists' });
        }
        const now = this.now();
        const ttl = options.ttl;
        this.entries.set(key, {
          value: request.value,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
          expiresAt: ttl ? now + ttl.value * UNIT_MS[ttl.unit] : null,
        });
        if (options.returnValue) {
          const value = options.returnValue === 'PREVIOUS' ? existing?.value : request.value;
          return json(200, { key, value });
        }
        return new Response(null, { status: 204 });
      }
      case '/api/v1/delete': {
        if (!this.live(key)) return json(404, { code: 'KEY_NOT_FOUND', message: 'key not found' });
        this.entries.delete(key);
        return new Response(null, { status: 204 });
      }
      default:
        return json(501, { code: 'NOT_IMPLEMENTED', message: `the in-memory store does not serve ${path}` });
    }
  }
}

function prefixOf(body: QueryBody | undefined): string {
  const clause = body?.where?.find((w) => w.property === 'key' && w.condition === 'BEGINS_WITH');
  return typeof clause?.values[0] === 'string' ? clause.values[0] : '';
}

const injectedFailure = (): Response =>
  json(500, { code: 'INTERNAL_SERVER_ERROR', message: 'injected storage failure' });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
