/**
 * The Marketplace listing (docs/marketplace/listing.json) as the tests read it, with Atlassian's
 * limits and sizes. Sources, and where they disagree, in docs/marketplace/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../bridge-server/portal-build';

export const MARKETPLACE_DIR = join(REPO_ROOT, 'docs/marketplace');
export const MARKETPLACE_SCREENSHOTS = join(MARKETPLACE_DIR, 'screenshots');

/** French first: the order of the locales/ files and of the listing. */
export const LISTING_LANGUAGES = ['fr-FR', 'en-US', 'nl-NL', 'de-DE'] as const;
export type ListingLanguage = (typeof LISTING_LANGUAGES)[number];

/**
 * Characters, counted as code points. Name, tagline, summary: "Marketplace app listing principles"
 * (https://developer.atlassian.com/platform/marketplace/marketplace-app-listing-principles/, June 2026).
 * "More details" (the long description), highlight title and summary, screenshot caption: "Building
 * your presence on Marketplace" as other partners quote it (the page itself was not readable here).
 */
export const TEXT_LIMITS = {
  name: 60,
  tagline: 130,
  summary: 250,
  description: 1000,
  highlightTitle: 50,
  highlightSummary: 220,
  screenshotTitle: 50,
  screenshotCaption: 220,
} as const;

/**
 * Pixels. App logo 144 × 144 ("Declare marketing assets"); highlights and screenshots 1840 × 900, and
 * each highlight's crop 580 × 330 (the same page and "Building your presence", as quoted).
 */
export const ICON_SIZE = 144;
export const SHOT_SIZE = { width: 1840, height: 900 } as const;
export const CROP_SIZE = { width: 580, height: 330 } as const;
/** Not asked by the Marketplace: the 16 px rendering that shows the small icon still reads. */
export const SMALL_ICON_SIZE = 16;

export interface Highlight {
  title: string;
  summary: string;
  /** A file in docs/marketplace/screenshots/<language>/. */
  screenshot: string;
}

/** A screenshot beyond the highlights' (the agent view, the admin page). */
export interface ExtraScreenshot {
  file: string;
  title: string;
  caption: string;
}

export interface LanguageListing {
  name: string;
  tagline: string;
  summary: string;
  description: string;
  highlights: Highlight[];
  screenshots: ExtraScreenshot[];
}

export interface Listing {
  languages: string[];
  /** Screenshots named in the listing whose browser suite is not written yet. */
  pending: string[];
  listing: Record<string, LanguageListing>;
}

export function readListing(): Listing {
  return JSON.parse(readFileSync(join(MARKETPLACE_DIR, 'listing.json'), 'utf8')) as Listing;
}

/** The listing's own wording for a screenshot: a highlight's title and summary, or an extra's. */
export function captionOf(
  listing: Listing,
  language: ListingLanguage,
  file: string,
): { title: string; text: string } {
  const texts = listing.listing[language];
  const highlight = texts?.highlights.find((h) => h.screenshot === file);
  if (highlight) return { title: highlight.title, text: highlight.summary };
  const extra = texts?.screenshots.find((s) => s.file === file);
  if (extra) return { title: extra.title, text: extra.caption };
  throw new Error(`docs/marketplace/listing.json has no caption for ${file} in ${language}`);
}

/** Every screenshot file the listing names, highlights first, without repeats. */
export function listedScreenshots(listing: Listing): string[] {
  const files = Object.values(listing.listing).flatMap((l) => [
    ...l.highlights.map((h) => h.screenshot),
    ...l.screenshots.map((s) => s.file),
  ]);
  return [...new Set(files)];
}

/** The highlights' screenshot files, which also get a crop. */
export function listedHighlights(listing: Listing): string[] {
  return [...new Set(Object.values(listing.listing).flatMap((l) => l.highlights.map((h) => h.screenshot)))];
}

/** Width and height from a PNG's IHDR chunk, which the format puts first. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature || bytes.toString('ascii', 12, 16) !== 'IHDR')
    throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
