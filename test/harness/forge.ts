/**
 * Runs the real `@forge/api` and `@forge/resolver` code against the Jira test double, through the two
 * seams the Forge runtime itself provides (see docs in README, "How the app is tested"):
 * - `global.__forge_fetch__(meta, path, init)`: every product request; `meta.provider` is 'app' or
 *   'user'. We forward it to the double with an `x-forge-principal` header naming the caller.
 * - `global.__forge_runtime__`: app context, metrics, and `container.appCodeDir`, where the i18n
 *   bundle (`__LOCALES__`) is read from.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeLocalesBundle } from '../../scripts/locales-bundle';
import { InMemoryKvs } from './kvs';
import { licenseOf, type HarnessLicense, type LicenseSetting } from './license';
import { PersonalDataReportStandIn } from './privacy';

export { LICENSES, type HarnessLicense, type LicenseSetting } from './license';

export const REPO_ROOT = resolve(__dirname, '../..');

interface ForgeFetchMeta {
  type?: string;
  provider?: string;
  accountId?: string;
  remote?: string;
}

export interface InvocationContext {
  /** The invoking user, as the platform supplies it (`principal.accountId`). Undefined for anonymous. */
  accountId?: string;
  /** Module-specific context, e.g. `{ type: 'jiraServiceManagement:portalRequestDetailPanel', request: { key } }`. */
  extension?: Record<string, unknown>;
  moduleKey?: string;
  /** Milliseconds the invocation may run; resolvers get 25 s. */
  timeoutMs?: number;
  /**
   * The license for this invocation only, in `context.license` and `getAppContext().license` alike;
   * else the harness's `appContext.license` (none unless a test sets one).
   */
  license?: LicenseSetting;
}

/** The shape `getDefinitions()` from @forge/resolver returns. */
export type ResolverHandler = (
  request: { call: { functionKey: string; payload?: unknown }; context: Record<string, unknown> },
  backend: { principal?: { accountId?: string }; installContext: string; license?: HarnessLicense },
) => Promise<unknown>;

/**
 * A `trigger` module's function, as the platform calls it: `handler(event, context)`, where
 * `context` holds `installContext` (and `principal` when a user caused the event).
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/
 */
export type TriggerHandler = (
  event: unknown,
  context: { installContext: string; principal?: { accountId: string }; license?: HarnessLicense },
) => Promise<unknown>;

interface InvocationStore {
  accountId?: string;
  deadline: number;
  /** Set once the invocation is ended: none of its requests is answered any more. */
  killed?: boolean;
  /** This invocation's own license (its `value` may be undefined: no license object). */
  license?: { value: HarnessLicense | undefined };
  kill?: () => void;
}

const current = new AsyncLocalStorage<InvocationStore>();
/** Invocations not answered yet: when the harness is uninstalled, the app is gone, and so are they. */
const running = new Set<InvocationStore>();

/** Raised by `invoke` for an invocation the harness ended (killAfter), as the platform would end it. */
export class InvocationKilled extends Error {
  override readonly name = 'InvocationKilled';
}

/** One request an invocation made: to Jira, or to Forge storage. */
export interface InvocationStep {
  type: 'jira' | 'kvs' | 'privacy';
  method: string;
  /** Jira: the path without query; storage: the operation ('get', 'set', 'delete', 'query'). */
  path: string;
  /** Storage: the key (a query's prefix). */
  key?: string;
}

/** A request that never gets an answer: the invocation that made it has been ended. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** Runs an invocation with its deadline; the platform ends one that outlives its limit, so does the harness. */
function runInvocation<T>(
  store: InvocationStore,
  timeoutMs: number,
  body: () => Promise<unknown>,
): Promise<T> {
  return current.run(store, async () => {
    running.add(store);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        store.killed = true;
        reject(new Error(`harness: invocation exceeded ${timeoutMs} ms`));
      }, timeoutMs);
      store.kill = () => {
        store.killed = true;
        reject(new InvocationKilled('harness: invocation ended'));
      };
    });
    try {
      return (await Promise.race([body(), limit])) as T;
    } finally {
      clearTimeout(timer);
      running.delete(store);
    }
  });
}

const SILENCED = Symbol.for('guide-des-statuts.harness.silenced');

/**
 * An ended invocation is over on the platform: nothing of it runs, so nothing of it is logged. Here
 * its code may still wake up (a timer of its own, such as its deadline), even after the test file is
 * done, so its console output is dropped, for good: the wrapper stays once installed.
 */
function silenceEndedInvocations(): void {
  const marked = console as unknown as Record<symbol, boolean>;
  if (marked[SILENCED]) return;
  marked[SILENCED] = true;
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    // An accessor, so that a test's spy (jest.spyOn) and its restore replace what is wrapped, not the wrapper.
    let inner: (...args: unknown[]) => void = console[method].bind(console);
    const wrapper = (...args: unknown[]): void => {
      if (current.getStore()?.killed) return;
      inner(...args);
    };
    Object.defineProperty(console, method, {
      configurable: true,
      enumerable: true,
      get: () => wrapper,
      set: (value: (...args: unknown[]) => void) => {
        inner = value;
      },
    });
  }
}

export const CLOUD_ID = '7a4a1c5e-0000-4000-8000-00000000beef';
export const INSTALL_CONTEXT = `ari:cloud:jira::site/${CLOUD_ID}`;

export interface ForgeHarness {
  /** The app's key-value store (Forge storage), in memory. */
  kvs: InMemoryKvs;
  /** Atlassian's personal data reporting API (`/app/report-accounts`), as `privacy.reportPersonalData` calls it. */
  privacy: PersonalDataReportStandIn;
  /**
   * The runtime's app context, as `getAppContext()` reads it. No `license` by default, as for a free
   * app or a development installation; set one to run as a paid installation.
   */
  appContext: { license?: HarnessLicense };
  /** Invokes a resolver function the way the platform does. */
  invoke<T = unknown>(
    handler: ResolverHandler,
    functionKey: string,
    payload: unknown,
    context: InvocationContext,
  ): Promise<T>;
  /**
   * Delivers a product event to a trigger function the way the platform does: `handler(event,
   * context)`. No user is behind it: `asUser()` fails, as it would. Async functions get 55 s.
   */
  trigger<T = unknown>(
    handler: TriggerHandler,
    event: unknown,
    options?: { timeoutMs?: number; license?: LicenseSetting },
  ): Promise<T>;
  /**
   * Ends the next invocation right after the first request matching `match` is applied: it never
   * sees that answer, nothing more of it runs, and `invoke` rejects with InvocationKilled.
   */
  killAfter(match: (step: InvocationStep) => boolean): void;
  /** Stops forwarding and removes the temporary app code folder. */
  uninstall(): void;
}

const noopMetric = { incr: () => undefined, measure: () => ({ stop: () => undefined }) };

/** Installs the Forge globals, forwarding product requests to `jiraUrl` (the test double). */
export function installForgeHarness(jiraUrl: string): ForgeHarness {
  const appCodeDir = mkdtempSync(join(tmpdir(), 'guide-des-statuts-app-'));
  writeLocalesBundle(REPO_ROOT, appCodeDir);

  const kvs = new InMemoryKvs();
  const privacy = new PersonalDataReportStandIn();
  let killPlan: ((step: InvocationStep) => boolean) | undefined;

  /** Sends one request of the current invocation, unless it has been ended; ends it when planned. */
  const step = async (info: InvocationStep, send: () => Promise<Response>): Promise<Response> => {
    const invocation = current.getStore();
    if (invocation?.killed) return never();
    const response = await send();
    if (invocation?.killed) return never();
    if (invocation?.kill && killPlan?.(info)) {
      killPlan = undefined;
      invocation.kill();
      return never();
    }
    return response;
  };

  const forgeFetch = async (
    meta: ForgeFetchMeta,
    path: string,
    init: RequestInit = {},
  ): Promise<Response> => {
    if (meta.type === 'kvs') {
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      const record = (body ?? {}) as { key?: unknown; where?: { values?: unknown[] }[] };
      const prefix = record.where?.[0]?.values?.[0];
      const key = typeof record.key === 'string' ? record.key : typeof prefix === 'string' ? prefix : '';
      return step({ type: 'kvs', method: 'POST', path: path.replace('/api/v1/', ''), key }, () =>
        kvs.handle(path, body),
      );
    }
    // Atlassian's own APIs (remote 'stargate', as the app): only the personal data report is wired.
    if (
      meta.remote === 'stargate' &&
      meta.provider === 'app' &&
      path.split('?')[0] === '/app/report-accounts'
    )
      return step({ type: 'privacy', method: init.method ?? 'GET', path: '/app/report-accounts' }, () =>
        privacy.handle(init),
      );
    if (meta.remote !== undefined && meta.remote !== 'jira')
      throw new Error(`harness: only Jira is wired, not ${meta.remote}`);
    const invocation = current.getStore();
    let principal: string;
    if (meta.provider === 'app') principal = 'app';
    else if (meta.provider === 'user') {
      // asUser() without an id acts as the invoking user, as on the platform.
      const accountId = meta.accountId ?? invocation?.accountId;
      if (!accountId) throw new Error('harness: asUser() called outside a user invocation');
      principal = `user:${accountId}`;
    } else throw new Error(`harness: unsupported provider ${String(meta.provider)}`);
    const headers = new Headers(init.headers);
    headers.set('x-forge-principal', principal);
    const info: InvocationStep = {
      type: 'jira',
      method: init.method ?? 'GET',
      path: path.split('?')[0] ?? path,
    };
    return step(info, () => fetch(jiraUrl + path, { ...init, headers }));
  };

  const runtime: { appContext: ForgeHarness['appContext'] & Record<string, unknown> } & Record<
    string,
    unknown
  > = {
    appContext: {
      appId: '00000000-0000-0000-0000-000000000000',
      appVersion: '1.0.0',
      environmentId: 'development',
      environmentType: 'DEVELOPMENT',
      installationId: CLOUD_ID,
      invocationId: 'harness',
      moduleKey: 'resolver',
      installation: { ari: { installationId: CLOUD_ID } },
      permissions: { scopes: [], external: {} },
    },
    container: { appCodeDir },
    lambdaContext: {
      getRemainingTimeInMillis: () => {
        const store = current.getStore();
        return store ? Math.max(0, store.deadline - Date.now()) : 25_000;
      },
    },
    metrics: { counter: () => noopMetric, timing: () => noopMetric, gauge: () => noopMetric },
  };

  // The license the runtime reports: the invocation's own when it has one, else the harness's default.
  let defaultLicense: HarnessLicense | undefined;
  const effectiveLicense = (): HarnessLicense | undefined => {
    const own = current.getStore()?.license;
    return own ? own.value : defaultLicense;
  };
  Object.defineProperty(runtime.appContext, 'license', {
    enumerable: true,
    get: effectiveLicense,
    set: (value: HarnessLicense | undefined) => {
      defaultLicense = value;
    },
  });
  const licenseStore = (setting: LicenseSetting | undefined): Pick<InvocationStore, 'license'> =>
    setting === undefined ? {} : { license: { value: licenseOf(setting) } };
  /** The platform's payload carries `license` only when there is one. */
  const licenseField = (store: InvocationStore): { license?: HarnessLicense } => {
    const license = store.license ? store.license.value : defaultLicense;
    return license ? { license } : {};
  };

  silenceEndedInvocations();

  const g = globalThis as Record<string, unknown>;
  g.__forge_fetch__ = forgeFetch;
  g.__forge_runtime__ = runtime;

  return {
    kvs,
    privacy,
    appContext: runtime.appContext,
    async invoke<T>(
      handler: ResolverHandler,
      functionKey: string,
      payload: unknown,
      context: InvocationContext,
    ): Promise<T> {
      const frontendContext: Record<string, unknown> = {
        cloudId: CLOUD_ID,
        localId: `${context.moduleKey ?? 'module'}-local`,
        moduleKey: context.moduleKey ?? 'module',
        siteUrl: 'https://example.atlassian.net',
        extension: context.extension ?? {},
      };
      const store: InvocationStore = {
        deadline: Date.now() + (context.timeoutMs ?? 25_000),
        ...(context.accountId ? { accountId: context.accountId } : {}),
        ...licenseStore(context.license),
      };
      const timeoutMs = context.timeoutMs ?? 25_000;
      return runInvocation<T>(store, timeoutMs, () =>
        handler(
          { call: { functionKey, payload }, context: frontendContext },
          {
            principal: context.accountId ? { accountId: context.accountId } : undefined,
            installContext: INSTALL_CONTEXT,
            ...licenseField(store),
          },
        ),
      );
    },
    trigger<T>(
      handler: TriggerHandler,
      event: unknown,
      options: { timeoutMs?: number; license?: LicenseSetting } = {},
    ): Promise<T> {
      const timeoutMs = options.timeoutMs ?? 55_000;
      // A deep copy: the platform hands each invocation its own deserialised event.
      const delivered: unknown = structuredClone(event);
      const store: InvocationStore = { deadline: Date.now() + timeoutMs, ...licenseStore(options.license) };
      // "Context is the same for all modules": triggers get `license` as resolvers do (function arguments reference).
      return runInvocation<T>(store, timeoutMs, () =>
        handler(delivered, { installContext: INSTALL_CONTEXT, ...licenseField(store) }),
      );
    },
    killAfter(match) {
      killPlan = match;
    },
    uninstall() {
      for (const invocation of running) invocation.killed = true;
      delete g.__forge_fetch__;
      delete g.__forge_runtime__;
      rmSync(appCodeDir, { recursive: true, force: true });
    },
  };
}
