/** Shared by the privacy edge suites: accounts placed in chosen shards, storage seeded, log lines read. */
import { shardOf } from '../../src/privacy/registry';
import type { TestApp } from '../support/app';

/** `n` well-formed account ids that fall in `shard`, distinct per `tag` (one hex digit or two). */
export function idsInShard(shard: number, n: number, tag: string): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < n; i++) {
    const id = `5b10a2844c20${tag.padStart(2, '0')}${String(i).padStart(10, '0')}`;
    if (shardOf(id) === shard) ids.push(id);
  }
  return ids;
}

/** A value in Forge storage, as if written by an earlier run. */
export function put(app: TestApp, key: string, value: unknown): void {
  app.forge.kvs.entries.set(key, { value, createdAt: 0, updatedAt: 0, expiresAt: null });
}

/** Spies on console.info and console.warn; returns the `privacy:` lines, in order. */
export function privacyLines(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const keep = (...args: unknown[]): void => {
    const line = args.map(String).join(' ');
    if (line.startsWith('privacy:')) lines.push(line);
  };
  const info = jest.spyOn(console, 'info').mockImplementation(keep);
  const warn = jest.spyOn(console, 'warn').mockImplementation(keep);
  return {
    lines,
    restore: () => {
      info.mockRestore();
      warn.mockRestore();
    },
  };
}
