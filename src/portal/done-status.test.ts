import { doneStatus, statusOf } from './action-steps';
import type { RequestStatusView } from './request-view';

/** The request as read before the work, waiting for the customer since `since`. */
const read = (since: string | null): RequestStatusView => ({
  key: 'waiting_customer',
  name: 'En attente du client',
  category: 'IN_PROGRESS',
  responseRequired: true,
  since,
});

describe('the status answered once the work is known done', () => {
  const doneAt = Date.parse('2026-03-02T10:00:00.000Z');

  it('is the action’s target status, since the work was done, when the request was read before it', () => {
    expect(doneStatus(read('2026-03-02T09:00:00.000Z'), 'in_progress', doneAt)).toEqual(
      statusOf('in_progress', doneAt),
    );
    // Entered at the very moment the work was done: still the read that came first.
    expect(doneStatus(read('2026-03-02T10:00:00.000Z'), 'in_progress', doneAt)).toEqual({
      key: 'in_progress',
      name: 'En progression',
      category: 'IN_PROGRESS',
      responseRequired: false,
      since: '2026-03-02T10:00:00.000Z',
    });
  });

  it('is the request as read when it moved on after the work was done', () => {
    const later = read('2026-03-02T10:00:00.001Z');
    expect(doneStatus(later, 'in_progress', doneAt)).toBe(later);
  });

  it('is the request as read when it is already in the target status', () => {
    const there = { ...read('2026-03-01T00:00:00.000Z'), key: 'in_progress' as const };
    expect(doneStatus(there, 'in_progress', doneAt)).toBe(there);
  });
});
