/**
 * What the portal panel costs the customer before the status shows: the JS and CSS that the built
 * index.html loads at once (its entry chunk, that chunk's static imports and their CSS), gzipped.
 * Chunks loaded later with import() are listed apart. `npm run size:portal` prints the report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUILD_DIR } from '../bridge-server/portal-build';

/** The budget for what loads before the status shows (JS + CSS, gzip). */
export const INITIAL_GZIP_BUDGET = 80_000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export interface Asset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  initial: Asset[];
  lazy: Asset[];
  initialGzipBytes: number;
  /** The files index.html itself names, for checking they are relative and all counted. */
  referencedByHtml: string[];
}

function asset(buildDir: string, file: string): Asset {
  const content = readFileSync(join(buildDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content).length };
}

const sum = (assets: Asset[]): number => assets.reduce((total, a) => total + a.gzipBytes, 0);

export function measureBundle(buildDir = BUILD_DIR): BundleReport {
  // Vite's build manifest (build.manifest in vite.config.mts) tells static imports from lazy ones.
  const manifest = JSON.parse(readFileSync(join(buildDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const initialFiles = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || initialFiles.has(chunk.file)) return;
    initialFiles.add(chunk.file);
    chunk.css?.forEach((file) => initialFiles.add(file));
    chunk.imports?.forEach(visit);
  };
  Object.entries(manifest)
    .filter(([, chunk]) => chunk.isEntry)
    .forEach(([key]) => visit(key));

  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const referencedByHtml = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  const lazyFiles = readdirSync(join(buildDir, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => /\.(js|css)$/.test(file) && !initialFiles.has(file));

  const initial = [...initialFiles].map((file) => asset(buildDir, file));
  return {
    initial,
    lazy: lazyFiles.map((file) => asset(buildDir, file)),
    initialGzipBytes: sum(initial),
    referencedByHtml,
  };
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

export function formatReport(report: BundleReport): string {
  const line = (a: Asset): string =>
    `  ${a.file.padEnd(44)} ${kb(a.bytes).padStart(9)} ${kb(a.gzipBytes).padStart(9)} gzip`;
  return [
    `Initial load: ${kb(report.initialGzipBytes)} gzip (budget ${kb(INITIAL_GZIP_BUDGET)})`,
    ...report.initial.map(line),
    `Lazy chunks: ${kb(sum(report.lazy))} gzip`,
    ...report.lazy.map(line),
  ].join('\n');
}

if (require.main === module) console.log(formatReport(measureBundle()));
