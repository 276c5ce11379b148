/**
 * A Jira Cloud test double: an HTTP server on 127.0.0.1 with in-memory state that checks every
 * request and every response against the Jira platform and JSM OpenAPI specs.
 *
 *   const jira = await startJiraDouble();
 *   // point the Forge harness at jira.url, run the app, then:
 *   expect(jira.takeViolations()).toEqual([]);
 *   await jira.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults';
import { handleRequest } from './server';
import { createDemoState, type DoubleState } from './state';
import type { ContractViolation, JiraDouble, RequestLogEntry } from './types';

export type {
  ContractViolation,
  FaultInjector,
  FaultSpec,
  JiraDouble,
  RequestLogEntry,
  ViolationKind,
} from './types';
export * from './state';

export interface JiraDoubleOptions {
  /** Changes the demo state before the server starts. */
  seed?: (state: DoubleState) => void;
  /**
   * The app's scopes (from manifest.yml). When given, a call to an operation whose scopes the app
   * lacks is refused with 403, as the Forge proxy does, and recorded as a violation.
   */
  grantedScopes?: readonly string[];
}

export async function startJiraDouble(options: JiraDoubleOptions = {}): Promise<JiraDouble> {
  const state = createDemoState();
  options.seed?.(state);
  const log: RequestLogEntry[] = [];
  const violations: ContractViolation[] = [];
  const faults = new Faults();

  let url = '';
  const server = createServer((req, res) => {
    void handleRequest(
      {
        state: () => double.state,
        baseUrl: () => url,
        log,
        violations,
        faults,
        ...(options.grantedScopes ? { grantedScopes: new Set(options.grantedScopes) } : {}),
      },
      req,
      res,
    ).catch((error: unknown) => {
      // Only a broken connection gets here; the pipeline answers everything else itself.
      violations.push({
        direction: 'response',
        method: req.method ?? '',
        path: req.url ?? '',
        message: `the double failed: ${String(error)}`,
        kind: 'schema',
      });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const double: JiraDouble = {
    url,
    state,
    log,
    violations,
    takeViolations: () => violations.splice(0),
    faults,
    // Emptied in place, so references to `log` stay valid.
    resetLog: () => {
      log.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return double;
}
