/**
 * Every scope in the manifest is one the code needs, and the code needs no scope the manifest lacks.
 * The Forge linter cannot see this app's calls (they go through one client with the path in a
 * variable), so this test reads every endpoint from that client and asks the specs for its scopes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findOperation } from './double/spec';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `('GET', route\`/rest/…/${x}?…\`` in the Jira client, with parameters replaced by sample values. */
function endpointsOfClient(): { method: string; path: string }[] {
  const code = readFileSync(join(root, 'src/jira/client.ts'), 'utf8');
  const calls = [...code.matchAll(/'(GET|POST|PUT|DELETE)',\s*route`([^`]+)`/g)];
  return calls.map(([, method, template]) => ({
    method: method ?? '',
    path: (template ?? '').split('?')[0]!.replace(/\$\{[^}]+\}/g, 'SUP-1'),
  }));
}

function manifestScopes(): string[] {
  const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
    permissions?: { scopes?: string[] };
  };
  return manifest.permissions?.scopes ?? [];
}

/** The spec's current classic scopes for an endpoint: what Atlassian documents for it today. */
function classicScopes(method: string, path: string): string[] {
  const match = findOperation(method, path);
  if (!match) throw new Error(`${method} ${path} is not in the specs`);
  const sets = match.operation.scopeSets;
  return sets[0] ?? [];
}

describe('scopes', () => {
  const endpoints = endpointsOfClient();
  const scopes = manifestScopes();
  const usesStorage = sourceFiles(join(root, 'src')).some((f) =>
    readFileSync(f, 'utf8').includes("from '@forge/kvs'"),
  );

  it('reads the client endpoints (the test itself works)', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(8);
    expect(endpoints).toContainEqual({ method: 'POST', path: '/rest/api/3/issue/SUP-1/transitions' });
  });

  it('covers every endpoint the client calls', () => {
    const missing = endpoints.flatMap(({ method, path }) =>
      classicScopes(method, path)
        .filter((s) => !scopes.includes(s))
        .map((s) => `${method} ${path} needs ${s}`),
    );
    expect(missing).toEqual([]);
  });

  it('asks for nothing the code does not need', () => {
    const needed = new Set(endpoints.flatMap(({ method, path }) => classicScopes(method, path)));
    if (usesStorage) needed.add('storage:app');
    expect(scopes.filter((s) => !needed.has(s))).toEqual([]);
  });
});
