import { statusKeyOf } from './current-status';

describe('statusKeyOf', () => {
  const config = { statuses: { closed: '10009', waiting_customer: '10005' }, transitions: {} };

  it('knows a status by the id the installer recorded, whatever it is called', () => {
    expect(statusKeyOf(config, { id: '10009', name: 'Clôturé' })).toBe('closed');
    // The id wins over a name that is another workflow status's.
    expect(statusKeyOf(config, { id: '10005', name: 'Ouvert' })).toBe('waiting_customer');
  });

  it('falls back to the Jira name for a status the installer did not record', () => {
    expect(statusKeyOf(null, { id: '3', name: 'En attente du client' })).toBe('waiting_customer');
    expect(statusKeyOf(config, { id: '3', name: 'Résolu' })).toBe('resolved');
    expect(statusKeyOf(null, { id: '3', name: 'Waiting for support' })).toBeNull();
    expect(statusKeyOf(null, undefined)).toBeNull();
  });
});
