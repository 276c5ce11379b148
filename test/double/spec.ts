/**
 * The OpenAPI contract: loads the Jira platform and JSM specs once per process, matches a request to
 * its operation, and validates parameters, request bodies and response bodies with ajv.
 * Validators are compiled lazily per operation and cached (the platform spec is 2.4 MB).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { compileCached, hashOf } from './validator-cache';

export type ApiFamily = 'platform' | 'jsm';
export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'patch';
export type JsonObject = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
  style?: string;
  explode?: boolean;
}
interface OpenApiMediaType {
  schema?: JsonObject;
}
interface OpenApiRequestBody {
  required?: boolean;
  content?: Record<string, OpenApiMediaType>;
}
interface OpenApiResponse {
  description?: string;
  content?: Record<string, OpenApiMediaType>;
}
interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses?: Record<string, OpenApiResponse>;
  'x-experimental'?: boolean;
  'x-atlassian-oauth2-scopes'?: { scopes?: string[] }[];
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>> & { parameters?: OpenApiParameter[] }>;
  components: { schemas: Record<string, JsonObject> };
}

export interface SpecOperation {
  family: ApiFamily;
  method: HttpMethod;
  /** The spec's path template, e.g. /rest/api/3/issue/{issueIdOrKey}. */
  template: string;
  operationId: string;
  /** Template segments; a name in braces is a parameter. */
  segments: string[];
  parameters: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses: Record<string, OpenApiResponse>;
  /** JSM experimental operations need the `X-ExperimentalApi: opt-in` header (412 otherwise). */
  experimental: boolean;
  /**
   * OAuth 2.0 scope sets that allow the operation (classic and granular); an app may call it when it
   * holds every scope of one set. Empty when the spec names none.
   */
  scopeSets: string[][];
}

/** The scope sets, if any, none of which `granted` fully covers; empty when the call is allowed. */
export function missingScopes(op: SpecOperation, granted: ReadonlySet<string>): string[][] {
  if (op.scopeSets.length === 0) return [];
  const allowed = op.scopeSets.some((set) => set.every((scope) => granted.has(scope)));
  return allowed ? [] : op.scopeSets.map((set) => set.filter((scope) => !granted.has(scope)));
}

export interface OperationMatch {
  operation: SpecOperation;
  pathParams: Record<string, string>;
}

const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'delete', 'patch'];
const SPEC_FILES: Record<ApiFamily, string> = {
  platform: 'jira-platform-v3.json',
  jsm: 'jsm-servicedesk.json',
};
/** Each spec's components are registered in ajv under this id, so `#/components/schemas/X` resolves. */
const DOC_IDS: Record<ApiFamily, string> = {
  platform: 'https://jira-double.invalid/platform.json',
  jsm: 'https://jira-double.invalid/jsm.json',
};

interface LoadedSpecs {
  docs: Record<ApiFamily, OpenApiDocument>;
  /** By method, then by segment count: the candidates a path can match. */
  index: Map<string, SpecOperation[]>;
  /** Created on the first validator missing from the cache (test/double/validator-cache.ts). */
  ajv: () => Ajv;
  /** The spec files' hash: a cached validator is valid for these specs only. */
  specHash: string;
  validators: Map<string, ValidateFunction>;
}

let loaded: LoadedSpecs | undefined;

/** Loads both specs once per process (module-level cache). */
function specs(): LoadedSpecs {
  if (loaded) return loaded;
  const dir = resolve(__dirname, '../../specs');
  const text = (family: ApiFamily): string => readFileSync(resolve(dir, SPEC_FILES[family]), 'utf8');
  const texts: Record<ApiFamily, string> = { platform: text('platform'), jsm: text('jsm') };
  const docs: Record<ApiFamily, OpenApiDocument> = {
    platform: JSON.parse(texts.platform) as OpenApiDocument,
    jsm: JSON.parse(texts.jsm) as OpenApiDocument,
  };
  let compiler: Ajv | undefined;
  const ajv = (): Ajv => {
    if (compiler) return compiler;
    // strict: false because the specs use OpenAPI keywords (example, xml, discriminator) ajv does not know.
    // code.source keeps the generated code, for the cache.
    compiler = new Ajv({ strict: false, allErrors: true, validateSchema: false, code: { source: true } });
    addFormats(compiler);
    for (const family of ['platform', 'jsm'] as const)
      compiler.addSchema({ $id: DOC_IDS[family], components: docs[family].components });
    return compiler;
  };
  const index = new Map<string, SpecOperation[]>();
  for (const family of ['platform', 'jsm'] as const) {
    for (const [template, item] of Object.entries(docs[family].paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const segments = template.split('/').slice(1);
        const operation: SpecOperation = {
          family,
          method,
          template,
          operationId: op.operationId ?? `${method} ${template}`,
          segments,
          parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
          responses: op.responses ?? {},
          experimental: family === 'jsm' && op['x-experimental'] === true,
          scopeSets: (op['x-atlassian-oauth2-scopes'] ?? [])
            .map((entry) => entry.scopes ?? [])
            .filter((set) => set.length > 0),
          ...(op.requestBody ? { requestBody: op.requestBody } : {}),
        };
        const key = `${method} ${segments.length}`;
        index.set(key, [...(index.get(key) ?? []), operation]);
      }
    }
  }
  loaded = { docs, index, ajv, specHash: hashOf(texts.platform, texts.jsm), validators: new Map() };
  return loaded;
}

export function familyOfPath(path: string): ApiFamily {
  return path.startsWith('/rest/servicedeskapi/') || path === '/rest/servicedeskapi' ? 'jsm' : 'platform';
}

// --- matching ----------------------------------------------------------------------------------

const isTemplate = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

/**
 * Finds the operation for a method and (URL-encoded) path. Where several templates fit, the one with
 * a literal segment earliest wins, so /issue/picker beats /issue/{issueIdOrKey}.
 */
export function findOperation(method: string, encodedPath: string): OperationMatch | undefined {
  const raw = encodedPath.split('/').slice(1);
  let segments: string[];
  try {
    segments = raw.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  const candidates = specs().index.get(`${method.toLowerCase()} ${segments.length}`) ?? [];
  let best: { op: SpecOperation; score: string } | undefined;
  for (const op of candidates) {
    let score = '';
    let fits = true;
    for (let i = 0; i < segments.length && fits; i++) {
      const t = op.segments[i] ?? '';
      // An empty segment ("/issue//comment") never fills a path parameter.
      if (isTemplate(t)) {
        if (segments[i] === '') fits = false;
        else score += '0';
      } else if (t === segments[i]) score += '1';
      else fits = false;
    }
    if (fits && (!best || score > best.score)) best = { op, score };
  }
  if (!best) return undefined;
  const pathParams: Record<string, string> = {};
  best.op.segments.forEach((t, i) => {
    if (isTemplate(t)) pathParams[t.slice(1, -1)] = segments[i] ?? '';
  });
  return { operation: best.op, pathParams };
}

// --- schemas -----------------------------------------------------------------------------------

/** A copy of an inline schema whose local refs point at the registered document. */
function withDocRefs(value: unknown, docId: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withDocRefs(v, docId));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? docId + v : withDocRefs(v, docId);
  }
  return out;
}

function resolveLocalRef(doc: OpenApiDocument, ref: string): JsonObject | undefined {
  let node: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== null && typeof node === 'object' ? (node as JsonObject) : undefined;
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Several Jira request bodies (IssueUpdateDetails, Comment, Notification, IssueTransition) declare
 * `additionalProperties: true`: Jira ignores unknown properties, so a typo passes silently. This
 * builds a copy where object schemas that list properties but allow others are closed, down to
 * `depth` levels of nesting (enough for the top level, `transition`, `to`, `historyMetadata`…).
 * Combinations of several schemas are left open, since closing one branch would reject the others.
 */
function closeObjects(
  schema: unknown,
  doc: OpenApiDocument,
  docId: string,
  depth: number,
  trail: readonly string[],
): unknown {
  if (!isObject(schema)) return withDocRefs(schema, docId);
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = ref.startsWith('#') ? resolveLocalRef(doc, ref) : undefined;
    if (!target || depth < 0 || trail.includes(ref)) return withDocRefs(schema, docId);
    return closeObjects(target, doc, docId, depth, [...trail, ref]);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, closeObjects(sub, doc, docId, depth - 1, trail)]),
      );
    } else if (key === 'allOf' && Array.isArray(value) && value.length === 1) {
      out[key] = [closeObjects(value[0], doc, docId, depth, trail)];
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) {
      out[key] = closeObjects(value, doc, docId, depth - 1, trail);
    } else {
      out[key] = withDocRefs(value, docId);
    }
  }
  const declaresProperties = isObject(out.properties) && Object.keys(out.properties).length > 0;
  if (
    depth >= 0 &&
    declaresProperties &&
    (out.additionalProperties === undefined || out.additionalProperties === true)
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function validator(cacheKey: string, build: () => unknown): ValidateFunction {
  const s = specs();
  let fn = s.validators.get(cacheKey);
  if (!fn) {
    fn = compileCached(s.specHash, cacheKey, s.ajv, build);
    s.validators.set(cacheKey, fn);
  }
  return fn;
}

function describeError(prefix: string, e: ErrorObject): string {
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') {
    return `${prefix}: ${where} must NOT have additional property '${String(e.params.additionalProperty)}'`;
  }
  if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
    return `${prefix}: ${where} must be one of ${e.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  }
  return `${prefix}: ${where} ${e.message ?? e.keyword}`;
}

function runValidator(fn: ValidateFunction, value: unknown, prefix: string): string[] {
  if (fn(value)) return [];
  return [...new Set((fn.errors ?? []).map((e) => describeError(prefix, e)))];
}

const jsonMediaType = (
  content: Record<string, OpenApiMediaType> | undefined,
): OpenApiMediaType | undefined => {
  if (!content) return undefined;
  const key =
    Object.keys(content).find((k) => k.startsWith('application/json')) ??
    Object.keys(content).find((k) => k.includes('json')) ??
    Object.keys(content).find((k) => k === '*/*');
  return key === undefined ? undefined : content[key];
};

const isEmptySchema = (schema: JsonObject | undefined): boolean =>
  !schema || Object.keys(schema).length === 0;

// --- requests ----------------------------------------------------------------------------------

export interface RequestInput {
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

export interface ValidatedRequest {
  /** Each message names the offending field. */
  problems: string[];
  /** A JSM experimental operation called without `X-ExperimentalApi: opt-in`. */
  missingExperimentalHeader: boolean;
  /** Query values coerced to their schema types (arrays for array parameters). */
  query: Record<string, unknown>;
  pathParams: Record<string, unknown>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** Turns a query or path string into the type its schema declares, so ajv checks the value, not its spelling. */
function coerce(raw: string, schema: JsonObject | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function parameterSchema(op: SpecOperation, p: OpenApiParameter): JsonObject | undefined {
  const schema = p.schema;
  if (schema && typeof schema.$ref === 'string') return resolveLocalRef(specs().docs[op.family], schema.$ref);
  return schema;
}

function checkParameter(op: SpecOperation, p: OpenApiParameter, value: unknown, where: string): string[] {
  if (!p.schema) return [];
  const fn = validator(`${op.family} ${op.operationId} param ${p.in} ${p.name}`, () =>
    withDocRefs(p.schema, DOC_IDS[op.family]),
  );
  return runValidator(fn, value, where).map((m) => m.replace(`${where}: / `, `${where} `));
}

export function validateRequest(match: OperationMatch, input: RequestInput): ValidatedRequest {
  const op = match.operation;
  const problems: string[] = [];
  const query: Record<string, unknown> = {};
  const pathParams: Record<string, unknown> = {};

  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const raw = match.pathParams[p.name] ?? '';
    const value = coerce(raw, parameterSchema(op, p));
    pathParams[p.name] = value;
    problems.push(...checkParameter(op, p, value, `path parameter '${p.name}'`));
  }

  const declared = new Set(op.parameters.filter((x) => x.in === 'query').map((x) => x.name));
  for (const name of new Set(input.query.keys())) {
    if (!declared.has(name)) problems.push(`query parameter '${name}' is not defined for ${op.operationId}`);
  }
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const values = input.query.getAll(p.name);
    if (values.length === 0) {
      if (p.required) problems.push(`query parameter '${p.name}' is required`);
      continue;
    }
    const schema = parameterSchema(op, p);
    let value: unknown;
    if (schema?.type === 'array') {
      // Form style: explode (the default) repeats the name; explode: false joins values with commas.
      const items = p.explode === false ? values.flatMap((v) => v.split(',')) : values;
      const itemSchema = isObject(schema.items) ? schema.items : undefined;
      value = items.map((v) => coerce(v, itemSchema));
    } else {
      if (values.length > 1)
        problems.push(`query parameter '${p.name}' is given ${values.length} times but is not an array`);
      value = coerce(values[0] ?? '', schema);
    }
    query[p.name] = value;
    problems.push(...checkParameter(op, p, value, `query parameter '${p.name}'`));
  }

  const body = checkRequestBody(op, input, problems);
  const header = input.headers['x-experimentalapi'];
  const missingExperimentalHeader =
    op.experimental && (Array.isArray(header) ? header[0] : header) !== 'opt-in';
  return { problems, missingExperimentalHeader, query, pathParams, body };
}

function checkRequestBody(op: SpecOperation, input: RequestInput, problems: string[]): unknown {
  const text = input.rawBody.toString('utf8');
  if (text.trim() === '') {
    if (op.requestBody?.required) problems.push('request body is required');
    return undefined;
  }
  if (!op.requestBody) {
    problems.push(`request body: ${op.operationId} takes no request body`);
    return undefined;
  }
  const contentType = String(input.headers['content-type'] ?? '');
  if (!contentType.toLowerCase().includes('json')) {
    problems.push(`request body: content type '${contentType}' is not application/json`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push('request body: not valid JSON');
    return undefined;
  }
  const schema = jsonMediaType(op.requestBody.content)?.schema;
  if (isEmptySchema(schema)) return body;
  const docId = DOC_IDS[op.family];
  const open = runValidator(
    validator(`${op.family} ${op.operationId} body`, () => withDocRefs(schema, docId)),
    body,
    'request body',
  );
  const closed = runValidator(
    validator(`${op.family} ${op.operationId} body closed`, () =>
      closeObjects(schema, specs().docs[op.family], docId, 3, []),
    ),
    body,
    'request body',
  )
    .filter((m) => m.includes('must NOT have additional property') && !open.includes(m))
    .map((m) => `${m} (the spec tolerates extra properties and Jira silently ignores them)`);
  problems.push(...open, ...closed);
  return body;
}

// --- responses ---------------------------------------------------------------------------------

/**
 * Statuses a real Jira sends on operations whose specs leave them out (403 on reads, 429 rate
 * limits, 412 for JSM experimental calls, 5xx); allowed, but their body must be the family's error shape.
 */
const UNDECLARED_BUT_REAL = new Set([400, 401, 403, 404, 412, 429, 500, 503]);

/** The family error shapes: platform ErrorCollection, JSM ErrorResponse (with their message required). */
function errorShapeValidator(family: ApiFamily): ValidateFunction {
  const name = family === 'platform' ? 'ErrorCollection' : 'ErrorResponse';
  const required = family === 'platform' ? ['errorMessages'] : ['errorMessage'];
  return validator(`${family} error shape`, () => ({
    allOf: [{ $ref: `${DOC_IDS[family]}#/components/schemas/${name}` }],
    required,
  }));
}

/** Checks a value against a named component schema, e.g. a field value inside IssueBean's free-form `fields`. */
export function validateComponent(
  family: ApiFamily,
  schemaName: string,
  value: unknown,
  prefix: string,
): string[] {
  const fn = validator(`${family} component ${schemaName}`, () => ({
    $ref: `${DOC_IDS[family]}#/components/schemas/${schemaName}`,
  }));
  return runValidator(fn, value, prefix);
}

export function validateErrorShape(family: ApiFamily, body: unknown): string[] {
  return runValidator(errorShapeValidator(family), body, 'response body');
}

/** Checks a response the double is about to send. `body` is undefined for an empty body. */
export function validateResponse(op: SpecOperation, status: number, body: unknown): string[] {
  const declared = op.responses[String(status)] ?? op.responses.default;
  if (!declared) {
    if (!UNDECLARED_BUT_REAL.has(status)) return [`status ${status} is not declared for ${op.operationId}`];
    return validateErrorShape(op.family, body);
  }
  const media = jsonMediaType(declared.content);
  if (!media || isEmptySchema(media.schema)) {
    if (status >= 400) return validateErrorShape(op.family, body);
    if (status === 204 && body !== undefined) return ['response body: 204 must not have a body'];
    if (!media && body !== undefined)
      return [`response body: status ${status} of ${op.operationId} declares no body`];
    return [];
  }
  if (body === undefined) return [`response body: missing, ${op.operationId} ${status} declares one`];
  const fn = validator(`${op.family} ${op.operationId} response ${status}`, () =>
    withDocRefs(media.schema, DOC_IDS[op.family]),
  );
  return runValidator(fn, body, 'response body');
}
