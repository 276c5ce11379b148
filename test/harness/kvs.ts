/**
 * An in-memory stand-in for Forge's key-value store, answering the HTTP calls `@forge/kvs` makes
 * through `__forge_fetch__({ type: 'kvs' }, '/api/v1/…', { body })`. Models what the app relies on:
 * get/set/delete, `keyPolicy: 'FAIL_IF_EXISTS'` (atomic; a taken key answers 409 KEY_CONFLICT, as
 * reported for @forge/kvs ≥ 1.3), `ttl` expiry, and KEY_NOT_FOUND for missing keys.
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

const UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

export interface KvsLogEntry {
  op: string;
  key: string;
}

export class InMemoryKvs {
  readonly entries = new Map<string, Entry>();
  readonly log: KvsLogEntry[] = [];
  now: () => number = () => Date.now();
  /** Makes the next N calls fail with 500, to test what the app does when storage is down. */
  failNext = 0;

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

  handle(path: string, body: unknown): Response {
    if (this.failNext > 0) {
      this.failNext--;
      return json(500, { code: 'INTERNAL_SERVER_ERROR', message: 'injected storage failure' });
    }
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
          return json(409, { code: 'KEY_CONFLICT', message: 'key already exists' });
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

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
