/**
 * Atlassian's manifest validator and client-side Forge linters, run offline by scripts/forge-lint-core.cjs
 * (the same code as `node scripts/forge-lint.mjs` in `npm run lint`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatProblem, runForgeLint } from '../../scripts/forge-lint-core.cjs';

const repoRoot = path.resolve(__dirname, '../..');
// The first run in a process loads the Forge packages and compiles the manifest schema (about 10 s on a busy
// machine); later runs take a few seconds, mostly for TypeScript's view of the app.
const COLD_RUN_MS = 90_000;

describe('forge lint (offline)', () => {
  let appDir: string;

  beforeAll(() => {
    appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-test-'));
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
    fs.mkdirSync(path.join(appDir, 'src'));
    fs.writeFileSync(
      path.join(appDir, 'manifest.yml'),
      [
        'app:',
        '  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
        '  runtime:',
        '    name: nodejs22.x',
        'modules:',
        '  trigger:',
        '    - key: on-issue-updated',
        '      function: main',
        '      events:',
        '        - avi:jira:updated:issue',
        '  function:',
        '    - key: main',
        '      handler: index.handler',
        'permissions:',
        '  scopes:',
        '    - read:jira-work',
        '',
      ].join('\n'),
    );
    // "include": ["src"] as in the app's tsconfig.json: a directory, which lint() must not skip.
    fs.writeFileSync(
      path.join(appDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          types: [],
        },
        include: ['src'],
      }),
    );
    fs.writeFileSync(
      path.join(appDir, 'src/index.ts'),
      [
        "import api, { route } from '@forge/api';",
        '',
        'export async function handler(key: string): Promise<number[]> {',
        '  const read = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);',
        "  const created = await api.asApp().requestJira(route`/rest/api/3/workflows/create`, { method: 'POST' });",
        '  return [read.status, created.status];',
        '}',
        '',
      ].join('\n'),
    );
  });

  afterAll(() => {
    fs.rmSync(appDir, { recursive: true, force: true });
  });

  it(
    'reports an endpoint called without the scope it requires, and only that',
    async () => {
      const result = await runForgeLint({ cwd: appDir, specsDir: path.join(repoRoot, 'specs') });

      expect(result.files).toEqual(['src/index.ts']);
      // read:jira-work is granted, so the GET on line 4 passes; the POST on line 5 needs another scope.
      expect(result.problems.map(formatProblem)).toEqual([
        'src/index.ts:5:48 error: Jira endpoint: POST /rest/api/3/workflows/create requires ' +
          '"manage:jira-configuration" scope [permission-scope-required]',
      ]);
      expect(result.manifestValid).toBe(true);
    },
    COLD_RUN_MS,
  );

  it(
    'finds no problem in the app',
    async () => {
      const result = await runForgeLint({ cwd: repoRoot });

      expect(result.files.length).toBeGreaterThan(0);
      expect(result.problems.map(formatProblem)).toEqual([]);
      expect(result.manifestValid).toBe(true);
    },
    COLD_RUN_MS,
  );
});
