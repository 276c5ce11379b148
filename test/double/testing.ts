/** Small helpers for the double's own tests: raw HTTP calls as a given principal. */
import type { JiraDouble } from './types';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** `principal` is the x-forge-principal header: 'app', 'user:<accountId>', or undefined for none. */
export async function call(
  double: JiraDouble,
  principal: string | undefined,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (principal !== undefined) headers['x-forge-principal'] = principal;
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(double.url + path, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

export const asUser = (accountId: string): string => `user:${accountId}`;

/** Narrows parsed JSON for assertions without `any`. */
export function obj(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`Not an object: ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

export function arr(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`Not an array: ${JSON.stringify(value)}`);
  return value;
}
