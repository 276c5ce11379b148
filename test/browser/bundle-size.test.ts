/** The portal panel's initial load stays within its budget, and its asset paths stay relative. */
import { ensurePortalBuild } from '../bridge-server/portal-build';
import { formatReport, INITIAL_GZIP_BUDGET, measureBundle } from './bundle-size';

beforeAll(() => ensurePortalBuild(), 120_000);

it(`loads at most ${INITIAL_GZIP_BUDGET / 1000} KB of JS and CSS (gzip) before the status shows`, () => {
  const report = measureBundle();
  expect(report.initial.map((a) => a.file.split('.').pop()).sort()).toEqual(['css', 'js']);
  if (report.initialGzipBytes > INITIAL_GZIP_BUDGET) throw new Error(`Over budget:\n${formatReport(report)}`);
});

it('names its assets with relative paths, all counted in the initial load', () => {
  const report = measureBundle();
  expect(report.referencedByHtml.length).toBeGreaterThan(0);
  for (const reference of report.referencedByHtml) {
    expect(reference).toMatch(/^\.\/assets\//);
    expect(report.initial.map((a) => `./${a.file}`)).toContain(reference);
  }
});

it('keeps the lazily loaded parts of @forge/bridge out of the initial load', () => {
  const report = measureBundle();
  expect(report.lazy.map((a) => a.file)).toContainEqual(expect.stringMatching(/iframe-resizer/));
});
