/** What a route handler receives and returns, and the helpers every handler shares. */
import type { SpecOperation } from '../spec';
import type { DoubleState, DoubleUser } from '../state';

/** Who is calling: the app itself (asApp) or a user (asUser). */
export interface Caller {
  principal: 'app' | 'user';
  user: DoubleUser;
}

export interface HandlerContext {
  state: DoubleState;
  caller: Caller;
  /** The double's own URL, for `self` links. */
  baseUrl: string;
  operation: SpecOperation;
  /** Already validated against the spec and coerced to the declared types. */
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface HandlerResult {
  status: number;
  /** Serialised as JSON; undefined sends an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

/**
 * A Jira error answer. The server renders it in the family's shape: platform
 * `{errorMessages, errors}`, JSM `{errorMessage}`.
 */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(`${status} ${[...messages, ...Object.values(fieldErrors)].join('; ')}`);
  }
}

/** A coerced parameter value back as text (parameters are scalars or arrays of scalars). */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function pathParam(ctx: HandlerContext, name: string): string {
  return scalarText(ctx.pathParams[name]) ?? '';
}

export function queryString(ctx: HandlerContext, name: string): string | undefined {
  return scalarText(ctx.query[name]);
}

export function queryInt(ctx: HandlerContext, name: string, fallback: number): number {
  const value = ctx.query[name];
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

export function queryBool(ctx: HandlerContext, name: string, fallback: boolean): boolean {
  const value = ctx.query[name];
  return typeof value === 'boolean' ? value : fallback;
}

/**
 * A list parameter as Jira reads it: repeated and/or comma-separated ("fields=a,b&fields=c"),
 * trimmed, empties dropped. Undefined when the parameter is absent.
 */
export function queryList(ctx: HandlerContext, name: string): string[] | undefined {
  const value = ctx.query[name];
  if (value === undefined) return undefined;
  const raw = (Array.isArray(value) ? value : [value]).map(scalarText).filter((v) => v !== undefined);
  return raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The body as an object, or an empty one (the spec check already rejected other shapes). */
export function bodyObject(ctx: HandlerContext): Record<string, unknown> {
  return ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body)
    ? (ctx.body as Record<string, unknown>)
    : {};
}

export interface Page<T> {
  items: T[];
  start: number;
  limit: number;
  total: number;
  isLast: boolean;
}

export function paginate<T>(all: readonly T[], start: number, limit: number): Page<T> {
  const from = Math.max(0, start);
  const size = Math.max(0, limit);
  const items = all.slice(from, from + size);
  return { items, start: from, limit: size, total: all.length, isLast: from + items.length >= all.length };
}

/**
 * Jira's paged answer (PageBean*): `self` and, unless this is the last page, `nextPage` repeat
 * `self`'s query with the page's bounds, in Jira's order for that endpoint (`firstParam`).
 */
export function pageBean<T, V>(
  self: string,
  page: Page<T>,
  values: V[],
  {
    withNextPage = true,
    firstParam = 'startAt',
  }: { withNextPage?: boolean; firstParam?: 'startAt' | 'maxResults' } = {},
): Record<string, unknown> {
  const query = (start: number) =>
    firstParam === 'startAt'
      ? `startAt=${start}&maxResults=${page.limit}`
      : `maxResults=${page.limit}&startAt=${start}`;
  return {
    self: `${self}?${query(page.start)}`,
    ...(page.isLast || !withNextPage ? {} : { nextPage: `${self}?${query(page.start + page.limit)}` }),
    maxResults: page.limit,
    startAt: page.start,
    total: page.total,
    isLast: page.isLast,
    values,
  };
}
