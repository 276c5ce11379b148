/**
 * The portal panel's production build (static/portal/build), rebuilt when a source is newer. Jest runs
 * test files in parallel workers, so the build is taken under a lock and checked again once held.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const PORTAL_DIR = join(REPO_ROOT, 'static/portal');
export const BUILD_DIR = join(PORTAL_DIR, 'build');

/** Everything bundled into the panel: its own sources and the pure modules it imports from src/. */
const INPUTS = [
  join(PORTAL_DIR, 'src'),
  join(PORTAL_DIR, 'index.html'),
  join(PORTAL_DIR, 'vite.config.mts'),
  join(REPO_ROOT, 'src/workflow'),
  join(REPO_ROOT, 'src/i18n'),
];

const LOCK = join(tmpdir(), 'guide-des-statuts-portal-build.lock');
/** A lock older than this was left by a run that died. */
const STALE_LOCK_MS = 120_000;

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function builtAt(): number {
  try {
    return statSync(join(BUILD_DIR, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

export function isPortalBuildFresh(): boolean {
  return builtAt() > Math.max(...INPUTS.map(newestChange));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(): void {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      const lockedAt = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
}

/** Builds the panel with `npm run build:portal` unless the build is newer than every source. */
export function ensurePortalBuild(): void {
  if (isPortalBuildFresh()) return;
  acquireLock();
  try {
    if (!isPortalBuildFresh())
      execFileSync('npm', ['run', '--silent', 'build:portal'], { cwd: REPO_ROOT, stdio: 'pipe' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
