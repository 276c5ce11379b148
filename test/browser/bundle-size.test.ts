/** What the portal panel's initial load is made of, with relative paths (its budget: test/budgets.test.ts). */
import { ensurePortalBuild } from '../bridge-server/portal-build';
import { measureBundle } from './bundle-size';

beforeAll(() => ensurePortalBuild(), 120_000);

it('loads one script and one style sheet before the status shows', () => {
  const report = measureBundle();
  expect(report.initial.map((a) => a.file.split('.').pop()).sort()).toEqual(['css', 'js']);
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
