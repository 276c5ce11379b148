/**
 * One running app for a test file: the Jira test double, the Forge harness wired to it, and the real
 * resolver handler. Every test ends by asserting that the app sent nothing off-spec.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { handler } from '../../src/index';
import {
  forgetProjectConfigs,
  projectConfigKey,
  type ProjectWorkflowConfig,
} from '../../src/shared/project-config';
import { startJiraDouble } from '../double';
import {
  DEMO_PROJECT,
  DEMO_REQUEST_TYPES,
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  type DoubleIssue,
  type DoubleState,
} from '../double/state';
import type { JiraDouble } from '../double/types';
import {
  installForgeHarness,
  type ForgeHarness,
  type InvocationContext,
  type LicenseSetting,
  type ResolverHandler,
} from '../harness/forge';
import type { StatusKey } from '../../src/workflow';

export interface TestApp {
  double: JiraDouble;
  forge: ForgeHarness;
  /** Calls a resolver from the portal panel of `issueKey`, as `accountId`. */
  portal<T = unknown>(
    functionKey: string,
    payload: unknown,
    as: { accountId?: string; issueKey: string; license?: LicenseSetting },
  ): Promise<T>;
  /** Calls a resolver from the Jira issue view of `issueKey`, as `accountId`. */
  issueView<T = unknown>(
    functionKey: string,
    payload: unknown,
    as: { accountId: string; issueKey: string; license?: LicenseSetting },
  ): Promise<T>;
  /** Calls a resolver from the Jira admin page (jira:adminPage), as `accountId`. */
  adminPage<T = unknown>(
    functionKey: string,
    payload: unknown,
    as: { accountId?: string; license?: LicenseSetting },
  ): Promise<T>;
  /** The demo issue currently in `status`. */
  issueIn(status: StatusKey): DoubleIssue;
  /** Records the workflow ids for the demo project, as the installer does. */
  configureDemoProject(): void;
  close(): Promise<void>;
}

export const PORTAL_MODULE = 'guide-des-statuts-portal-panel';
export const AGENT_MODULE = 'guide-des-statuts-agent-panel';
export const ADMIN_MODULE = 'guide-des-statuts-admin-page';

/** The context the platform gives a resolver called from the portal panel of `issueKey`. */
export const portalContext = (issueKey: string, accountId?: string): InvocationContext => ({
  ...(accountId ? { accountId } : {}),
  moduleKey: PORTAL_MODULE,
  extension: {
    type: 'jiraServiceManagement:portalRequestDetailPanel',
    request: { key: issueKey, typeId: DEMO_REQUEST_TYPES.assistance },
    portal: { id: DEMO_PROJECT.serviceDeskId },
  },
});

/** The context of a resolver called from the Jira issue view of `issueKey` (jira:issueContext). */
export const issueViewContext = (issueKey: string, accountId: string): InvocationContext => ({
  accountId,
  moduleKey: AGENT_MODULE,
  extension: {
    type: 'jira:issueContext',
    issue: { key: issueKey, type: 'Service Request' },
    project: { key: DEMO_PROJECT.key },
  },
});

/** The context of a resolver called from the admin page (jira:adminPage). */
export const adminPageContext = (accountId?: string): InvocationContext => ({
  ...(accountId ? { accountId } : {}),
  moduleKey: ADMIN_MODULE,
  extension: { type: 'jira:adminPage' },
});

/** The scopes the manifest grants: the double refuses any call they do not cover, as Forge does. */
export function manifestScopes(): string[] {
  const manifest = parse(readFileSync(join(__dirname, '../../manifest.yml'), 'utf8')) as {
    permissions?: { scopes?: string[] };
  };
  return manifest.permissions?.scopes ?? [];
}

export interface TestAppOptions {
  /** Changes the demo site before the double starts (other projects, statuses, workflows…). */
  seed?: (state: DoubleState) => void;
}

/** An invocation's own license, when the test names one (else the harness's default). */
const licensed = (license: LicenseSetting | undefined): Pick<InvocationContext, 'license'> =>
  license === undefined ? {} : { license };

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const double = await startJiraDouble({
    grantedScopes: manifestScopes(),
    ...(options.seed ? { seed: options.seed } : {}),
  });
  const forge = installForgeHarness(double.url);
  forgetProjectConfigs();
  const run = handler as unknown as ResolverHandler;
  return {
    double,
    forge,
    portal: (functionKey, payload, { accountId, issueKey, license }) =>
      forge.invoke(run, functionKey, payload, {
        ...portalContext(issueKey, accountId),
        ...licensed(license),
      }),
    issueView: (functionKey, payload, { accountId, issueKey, license }) =>
      forge.invoke(run, functionKey, payload, {
        ...issueViewContext(issueKey, accountId),
        ...licensed(license),
      }),
    adminPage: (functionKey, payload, { accountId, license }) =>
      forge.invoke(run, functionKey, payload, { ...adminPageContext(accountId), ...licensed(license) }),
    issueIn(status) {
      const issue = double.state.issues.find((i) => i.statusId === DEMO_STATUS_IDS[status]);
      if (!issue) throw new Error(`no demo issue in ${status}`);
      return issue;
    },
    configureDemoProject() {
      const config: ProjectWorkflowConfig = { statuses: DEMO_STATUS_IDS, transitions: DEMO_TRANSITION_IDS };
      forge.kvs.entries.set(projectConfigKey(DEMO_PROJECT.key), {
        value: config,
        createdAt: 0,
        updatedAt: 0,
        expiresAt: null,
      });
      forgetProjectConfigs();
    },
    async close() {
      forge.uninstall();
      await double.close();
    },
  };
}

/** Jira requests the app made since the log was last reset, as "METHOD path". */
export function jiraCalls(double: JiraDouble): string[] {
  return double.log.map((e) => `${e.method} ${decodeURIComponent(e.path)}`);
}

export function writesIn(double: JiraDouble): string[] {
  return double.log.filter((e) => e.kind === 'write').map((e) => `${e.method} ${decodeURIComponent(e.path)}`);
}

/** Fails the test if the app sent anything the OpenAPI specs do not describe. */
export function expectNoViolations(double: JiraDouble): void {
  expect(double.takeViolations()).toEqual([]);
}
