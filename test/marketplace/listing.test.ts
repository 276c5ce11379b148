/**
 * The Marketplace listing material in docs/marketplace/: every text in the four languages and within
 * Atlassian's limits, the name within the listing rules, and the committed images at their exact sizes
 * (read from the PNG header). The images themselves are drawn by test/browser/marketplace.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CROP_SIZE,
  ICON_SIZE,
  LISTING_LANGUAGES,
  MARKETPLACE_DIR,
  MARKETPLACE_SCREENSHOTS,
  SHOT_SIZE,
  SMALL_ICON_SIZE,
  TEXT_LIMITS,
  listedHighlights,
  listedScreenshots,
  pngSize,
  readListing,
  type LanguageListing,
} from './listing';

const listing = readListing();
const length = (text: string): number => [...text].length;

it('has the four languages, French first, and nothing else', () => {
  expect(listing.languages).toEqual([...LISTING_LANGUAGES]);
  expect(Object.keys(listing.listing)).toEqual([...LISTING_LANGUAGES]);
});

describe.each(LISTING_LANGUAGES)('in %s', (language) => {
  const texts = listing.listing[language] as LanguageListing;

  it.each(['name', 'tagline', 'summary', 'description'] as const)(
    '%s is written and within its limit',
    (field) => {
      expect(typeof texts[field]).toBe('string');
      expect(texts[field].trim()).not.toBe('');
      expect(length(texts[field])).toBeLessThanOrEqual(TEXT_LIMITS[field]);
    },
  );

  it('has three highlights, each with a title, a summary and a screenshot within the limits', () => {
    expect(texts.highlights).toHaveLength(3);
    for (const highlight of texts.highlights) {
      expect(highlight.title.trim()).not.toBe('');
      expect(highlight.summary.trim()).not.toBe('');
      expect(length(highlight.title)).toBeLessThanOrEqual(TEXT_LIMITS.highlightTitle);
      expect(length(highlight.summary)).toBeLessThanOrEqual(TEXT_LIMITS.highlightSummary);
      expect(highlight.screenshot).toMatch(/^[a-z0-9-]+\.png$/);
    }
  });

  it('captions its other screenshots within the limits', () => {
    for (const shot of texts.screenshots) {
      expect(shot.title.trim()).not.toBe('');
      expect(length(shot.title)).toBeLessThanOrEqual(TEXT_LIMITS.screenshotTitle);
      expect(length(shot.caption)).toBeLessThanOrEqual(TEXT_LIMITS.screenshotCaption);
    }
  });

  it('shows the same screenshots, in the same order, as the French listing', () => {
    const files = (l: LanguageListing) => [
      ...l.highlights.map((h) => h.screenshot),
      ...l.screenshots.map((s) => s.file),
    ];
    expect(files(texts)).toEqual(files(listing.listing['fr-FR'] as LanguageListing));
  });

  it('names the app as the listing rules ask', () => {
    // "Do not use Atlassian, plugin, beta, add-on or app"; "do not start with an Atlassian product name".
    expect(texts.name).not.toMatch(/\b(atlassian|plugin|beta|add-on|app)\b/i);
    expect(texts.name).not.toMatch(/^(jira|confluence|bitbucket|trello|loom|compass)\b/i);
    expect(texts.name.startsWith('Guide des statuts ')).toBe(true);
  });
});

describe('the committed images', () => {
  const png = (path: string) => pngSize(readFileSync(path));

  it('has the icon as SVG, the large one square, and its PNG at the Marketplace size', () => {
    for (const svg of ['icon.svg', 'icon-16.svg']) {
      expect(readFileSync(join(MARKETPLACE_DIR, svg), 'utf8')).toMatch(/viewBox="0 0 (\d+) \1"/);
    }
    expect(png(join(MARKETPLACE_DIR, 'icon-144.png'))).toEqual({ width: ICON_SIZE, height: ICON_SIZE });
    expect(png(join(MARKETPLACE_DIR, 'icon-16.png'))).toEqual({
      width: SMALL_ICON_SIZE,
      height: SMALL_ICON_SIZE,
    });
  });

  const drawn = listedScreenshots(listing).filter((file) => !listing.pending.includes(file));
  it.each(LISTING_LANGUAGES.flatMap((language) => drawn.map((file) => [language, file])))(
    'has %s/%s at exactly 1840 × 900',
    (language, file) => {
      expect(png(join(MARKETPLACE_SCREENSHOTS, language, file))).toEqual(SHOT_SIZE);
    },
  );

  const highlights = listedHighlights(listing);
  it.each(highlights)('has the crop of %s at exactly 580 × 330', (file) => {
    expect(png(join(MARKETPLACE_SCREENSHOTS, 'crops', file))).toEqual(CROP_SIZE);
  });

  it('lists as still to come only screenshots nobody has drawn yet', () => {
    for (const file of listing.pending) {
      expect(listedScreenshots(listing)).toContain(file);
      for (const language of LISTING_LANGUAGES)
        expect(existsSync(join(MARKETPLACE_SCREENSHOTS, language, file))).toBe(false);
    }
  });
});
