/**
 * Bundles the rendered view (index.tsx: React, react-dom and the ADS components) for the browser with
 * esbuild, in memory, when the preview starts: nothing is written, so a fresh clone needs no build
 * step and there is no build output to commit or ignore.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

export interface RenderedBundle {
  js: string;
  css: string;
}

/** The token themes the preview uses: colours in light and dark, and the others the components read. */
const THEMES = ['light', 'dark', 'spacing', 'typography', 'shape'] as const;

/**
 * The token style sheets, from the @atlaskit/tokens release the ADS components depend on (the copy
 * nested under @atlaskit/heading), not the app's older root copy, whose token names lag behind theirs.
 * Served as a file: the page allows no inline <style> from scripts of its own.
 */
function tokensCss(): string {
  const tokensDir = dirname(
    require.resolve('@atlaskit/tokens/package.json', {
      paths: [dirname(require.resolve('@atlaskit/heading/package.json'))],
    }),
  );
  const load = createRequire(__filename);
  return THEMES.map(
    (theme) =>
      (load(join(tokensDir, `dist/cjs/artifacts/themes/atlassian-${theme}.js`)) as { default: string })
        .default,
  ).join('\n');
}

export async function bundleRendered(): Promise<RenderedBundle> {
  const result = await build({
    entryPoints: [join(__dirname, 'index.tsx')],
    bundle: true,
    write: false,
    outdir: 'rendered',
    format: 'iife',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    // React's production build: the preview is looked at, not debugged, and the development one is 3× larger.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!js || !css) throw new Error('esbuild produced no rendered-view bundle');
  return { js: js.text, css: `${tokensCss()}\n${css.text}` };
}
