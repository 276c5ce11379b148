/**
 * Builds the `__LOCALES__` folder that `forge deploy` puts beside the function code and each Custom
 * UI resource: `i18n-info.json` plus one JSON file per locale, read by `@forge/api` (back end) and
 * `@forge/bridge` (Custom UI) at run time. The test harness, the portal build and the preview use it.
 * Assumption: the info file holds `{ config: { locales, fallback } }`, the shape both packages read.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const LOCALES_FOLDER = '__LOCALES__';

export interface TranslationsConfig {
  resources: { key: string; path: string }[];
  fallback: { default: string } & Record<string, string | string[]>;
}

export function readTranslationsConfig(rootDir: string): TranslationsConfig {
  const manifest = parse(readFileSync(join(rootDir, 'manifest.yml'), 'utf8')) as {
    translations?: TranslationsConfig;
  };
  if (!manifest.translations) throw new Error('manifest.yml has no translations section');
  return manifest.translations;
}

/** Writes `<outDir>/__LOCALES__/…` and returns the folder written. */
export function writeLocalesBundle(rootDir: string, outDir: string): string {
  const config = readTranslationsConfig(rootDir);
  const folder = join(outDir, LOCALES_FOLDER);
  mkdirSync(folder, { recursive: true });
  for (const { key, path } of config.resources) {
    const messages: unknown = JSON.parse(readFileSync(join(rootDir, path), 'utf8'));
    writeFileSync(join(folder, `${key}.json`), JSON.stringify(messages));
  }
  const info = { config: { locales: config.resources.map((r) => r.key), fallback: config.fallback } };
  writeFileSync(join(folder, 'i18n-info.json'), JSON.stringify(info));
  return folder;
}
