/** Injected failures: rate limits, server errors and slow answers, for testing the app's retries. */
import type { FaultInjector, FaultSpec } from './types';

interface ActiveFault extends FaultSpec {
  remaining: number;
  skipped: number;
}

export class Faults implements FaultInjector {
  private active: ActiveFault[] = [];

  add(f: FaultSpec): void {
    this.active.push({ ...f, remaining: f.times ?? 1, skipped: 0 });
  }

  clear(): void {
    this.active = [];
  }

  /** The first fault matching the request, used up by one; undefined when none applies. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.active.find(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
        (f.path === undefined || (typeof f.path === 'string' ? f.path === path : matches(f.path, path))),
    );
    if (!fault) return undefined;
    if (fault.skipped < (fault.skip ?? 0)) {
      fault.skipped += 1;
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active = this.active.filter((f) => f !== fault);
    return fault;
  }
}

/** A RegExp with the g or y flag keeps state between tests; start from the beginning each time. */
function matches(pattern: RegExp, path: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(path);
}
