/**
 * A stand-in for Atlassian's personal data reporting API, `POST /app/report-accounts`, which
 * `privacy.reportPersonalData` (@forge/api) calls through `__forge_fetch__` as the app. It follows the
 * reference in the User privacy guide for app developers
 * (https://developer.atlassian.com/platform/forge/user-privacy-guidelines/): up to 90 accounts per
 * request, each an `accountId` and an RFC 3339 `updatedAt`; 200 with the accounts to erase (`closed`)
 * or refresh (`updated`), 204 when there is nothing to do, 400 for a malformed request. Tests say
 * which accounts are closed or updated, and can make it fail (429, 500, 503) or answer slowly.
 */
export interface ReportedAccount {
  accountId: string;
  updatedAt: string;
}

const ACCOUNT_ID = /^[A-Za-z0-9:-]{1,128}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export class PersonalDataReportStandIn {
  readonly closed = new Set<string>();
  readonly updated = new Set<string>();
  /** Every well-formed request, in order. */
  readonly requests: ReportedAccount[][] = [];
  /** Requests refused as malformed (the test fails on any). */
  readonly malformed: string[] = [];
  /** The next `times` requests answer `status` (a 429 with `Retry-After`). */
  failure: { status: number; times: number } | undefined;
  /** Milliseconds before each answer. */
  delayMs = 0;

  reset(): void {
    this.closed.clear();
    this.updated.clear();
    this.requests.length = 0;
    this.malformed.length = 0;
    this.failure = undefined;
    this.delayMs = 0;
  }

  async handle(init: RequestInit): Promise<Response> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const problem = this.check(init);
    if (problem) {
      this.malformed.push(problem);
      return json(400, { errorType: 'BAD_REQUEST', errorMessage: problem });
    }
    const accounts = (JSON.parse(bodyOf(init)) as { accounts: ReportedAccount[] }).accounts;
    this.requests.push(accounts);
    if (this.failure && this.failure.times > 0) {
      this.failure.times -= 1;
      const headers = this.failure.status === 429 ? { 'retry-after': '60' } : undefined;
      return json(this.failure.status, { errorType: 'INJECTED', errorMessage: 'injected failure' }, headers);
    }
    const answer = accounts.flatMap(({ accountId }) =>
      this.closed.has(accountId)
        ? [{ accountId, status: 'closed' }]
        : this.updated.has(accountId)
          ? [{ accountId, status: 'updated' }]
          : [],
    );
    return answer.length > 0 ? json(200, { accounts: answer }) : new Response(null, { status: 204 });
  }

  private check(init: RequestInit): string | undefined {
    if ((init.method ?? 'GET') !== 'POST') return 'method must be POST';
    let body: unknown;
    try {
      body = JSON.parse(bodyOf(init));
    } catch {
      return 'body must be JSON';
    }
    const accounts = (body as { accounts?: unknown }).accounts;
    if (!Array.isArray(accounts) || accounts.length === 0 || accounts.length > 90)
      return 'accounts must hold 1 to 90 accounts';
    for (const a of accounts as Partial<ReportedAccount>[]) {
      if (typeof a.accountId !== 'string' || !ACCOUNT_ID.test(a.accountId)) return 'bad accountId';
      if (typeof a.updatedAt !== 'string' || !RFC3339.test(a.updatedAt)) return 'bad updatedAt';
    }
    return undefined;
  }
}

/** @forge/api sends the body as a JSON string. */
const bodyOf = (init: RequestInit): string => (typeof init.body === 'string' ? init.body : '');

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
