/**
 * The back-end function as Forge ships it: the manifest's handler bundled into one file (Forge's CLI
 * bundles with webpack; esbuild produces the same kind of single CommonJS file), its size, and the
 * time a fresh Node process takes to load it, as a ratio to a minimal resolver (@forge/resolver and
 * @forge/api only) bundled and loaded the same way in the same run. Timings are reported, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');

export interface BundleLoad {
  name: string;
  bytes: number;
  gzipBytes: number;
  loadMsMedian: number;
}

export interface BackendReport {
  app: BundleLoad;
  minimal: BundleLoad;
  /** app load time / minimal load time, same machine, same run. */
  loadRatio: number;
}

const MINIMAL_RESOLVER = `
import Resolver from '@forge/resolver';
import api, { route } from '@forge/api';
const resolver = new Resolver();
resolver.define('ping', async () => (await api.asApp().requestJira(route\`/rest/api/3/myself\`)).status);
export const handler = resolver.getDefinitions();
`;

export function bundle(entry: string, outfile: string): { bytes: number; gzipBytes: number } {
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'error',
  });
  const code = readFileSync(outfile);
  return { bytes: statSync(outfile).size, gzipBytes: gzipSync(code).length };
}

/** Median of `runs` cold loads, each in a new Node process. */
function loadTime(file: string, runs: number): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })),
  );
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Builds both bundles; the manifest's handler is `index.handler`, i.e. src/index.ts. */
function buildBackendBundles(): {
  app: string;
  minimal: string;
  sizes: Record<'app' | 'minimal', { bytes: number; gzipBytes: number }>;
} {
  mkdirSync(OUT, { recursive: true });
  const minimalEntry = join(OUT, 'minimal-resolver.ts');
  writeFileSync(minimalEntry, MINIMAL_RESOLVER);
  const app = join(OUT, 'app-function.cjs');
  const minimal = join(OUT, 'minimal-function.cjs');
  return {
    app,
    minimal,
    sizes: { app: bundle(join(ROOT, 'src', 'index.ts'), app), minimal: bundle(minimalEntry, minimal) },
  };
}

export function measureBackend(runs = 9): BackendReport {
  const built = buildBackendBundles();
  const appMs = loadTime(built.app, runs);
  const minimalMs = loadTime(built.minimal, runs);
  return {
    app: { name: 'app function (src/index.ts)', ...built.sizes.app, loadMsMedian: appMs },
    minimal: { name: 'minimal resolver', ...built.sizes.minimal, loadMsMedian: minimalMs },
    loadRatio: appMs / minimalMs,
  };
}
