/**
 * A project's overrides in Forge storage, under one key: a save is one write, so a reader sees the
 * whole previous set or the whole new one, never a mix.
 */
import { kvs } from '@forge/kvs';
import type { TextOverrides } from './model';
import { storedOverrides } from './validate';

export function guideTextsKey(projectKey: string): string {
  return `guide-texts:${projectKey}`;
}

interface StoredGuideTexts {
  texts: TextOverrides;
}

export async function readOverrides(projectKey: string): Promise<TextOverrides> {
  const stored = await kvs.get<StoredGuideTexts>(guideTextsKey(projectKey));
  return storedOverrides(stored?.texts);
}

/** An empty set is the defaults: the key is deleted rather than kept empty. */
export async function saveOverrides(projectKey: string, texts: TextOverrides): Promise<void> {
  if (Object.keys(texts).length === 0) await kvs.delete(guideTextsKey(projectKey));
  else await kvs.set(guideTextsKey(projectKey), { texts } satisfies StoredGuideTexts);
}
