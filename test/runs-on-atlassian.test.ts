/**
 * Runs on Atlassian: the app keeps its data and compute on Atlassian. "Eligible apps do not list any
 * of the following in the manifest: external resource domains (except for analytics), remotes,
 * Connect modules, providers, dynamic web triggers", and store data in Forge storage or entity
 * properties (https://developer.atlassian.com/platform/forge/runs-on-atlassian/). This app declares
 * no egress at all, not even for analytics, and no web trigger of any kind: the test fails as soon
 * as the manifest gains one. On a live account, `forge eligibility` says the same (see README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Manifest = Record<string, unknown> & {
  app?: Record<string, unknown>;
  modules?: Record<string, unknown>;
  permissions?: Record<string, unknown>;
};

const readManifest = (): Manifest =>
  parse(readFileSync(join(__dirname, '../manifest.yml'), 'utf8')) as Manifest;

/** What would make the app ineligible, named by where it is in the manifest. */
function offAtlassian(manifest: Manifest): string[] {
  const problems: string[] = [];
  const external = manifest.permissions?.external;
  if (external !== undefined && (typeof external !== 'object' || Object.keys(external ?? {}).length > 0))
    problems.push('permissions.external (egress)');
  if (manifest.remotes !== undefined) problems.push('remotes');
  if (manifest.providers !== undefined) problems.push('providers');
  if (manifest.connectModules !== undefined || manifest.app?.connect !== undefined) problems.push('Connect');
  for (const key of Object.keys(manifest.modules ?? {})) {
    if (key === 'webtrigger') problems.push('modules.webtrigger');
    if (key.startsWith('connect-') || key.startsWith('connect:')) problems.push(`modules.${key}`);
  }
  // A module pointing at a remote endpoint (`endpoint:`) instead of a Forge function.
  for (const [key, list] of Object.entries(manifest.modules ?? {}))
    if (Array.isArray(list) && list.some((m) => m !== null && typeof m === 'object' && 'endpoint' in m))
      problems.push(`modules.${key} endpoint`);
  return problems;
}

it('declares no egress, no remote, no provider, no Connect module and no web trigger', () => {
  expect(offAtlassian(readManifest())).toEqual([]);
});

it('would notice each of them', () => {
  const base = readManifest();
  const cases: [string, (m: Manifest) => void][] = [
    [
      'permissions.external (egress)',
      (m) => (m.permissions!.external = { fetch: { backend: ['api.example.com'] } }),
    ],
    ['remotes', (m) => (m.remotes = [{ key: 'backend', baseUrl: 'https://api.example.com' }])],
    ['modules.webtrigger', (m) => (m.modules!.webtrigger = [{ key: 'hook', function: 'resolver' }])],
    ['providers', (m) => (m.providers = { auth: [] })],
    [
      'modules.function endpoint',
      (m) => (m.modules!.function as object[]).push({ key: 'remote', endpoint: 'backend' }),
    ],
  ];
  for (const [problem, change] of cases) {
    const manifest = structuredClone(base);
    change(manifest);
    expect(offAtlassian(manifest)).toContain(problem);
  }
});

it('keeps its data in Forge storage and Jira entity properties, which follow data residency', () => {
  const scopes = (readManifest().permissions?.scopes as string[] | undefined) ?? [];
  expect(scopes).toContain('storage:app');
  // No Forge SQL or custom entities (`app.storage.entities`), whose residency is not stated here.
  expect(readManifest().app?.storage).toBeUndefined();
});
