/**
 * What every user of Forge storage shares, against the harness's store: reading a prefix a page of
 * at most 20 at a time, following the cursor, stopping at the page cap or at the deadline; telling a
 * taken key from any other refusal; and the project's workflow ids, remembered once found.
 */
import { kvs } from '@forge/kvs';
import { Deadline, DeadlineExceeded } from '../../src/jira/deadline';
import {
  forgetProjectConfigs,
  getProjectConfig,
  projectConfigKey,
  saveProjectConfig,
  type ProjectWorkflowConfig,
} from '../../src/shared/project-config';
import { isKeyConflict } from '../../src/shared/storage';
import { queryByPrefix } from '../../src/shared/storage-query';
import { installForgeHarness, type ForgeHarness } from '../harness/forge';

let forge: ForgeHarness;
beforeEach(() => {
  forge = installForgeHarness('http://127.0.0.1:9');
  forgetProjectConfigs();
});
afterEach(() => forge.uninstall());

const put = (key: string, value: unknown): void =>
  void forge.kvs.entries.set(key, { value, createdAt: 0, updatedAt: 0, expiresAt: null });
const storageOps = (): string[] => forge.kvs.log.map((e) => `${e.op} ${e.key}`);
const keys = (n: number, prefix = 'lease:SUP-1:'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('reading every key under a prefix', () => {
  it('reads nothing from an empty prefix in one query, and says it read everything', async () => {
    put('lease:SUP-2:000', 'other issue');
    await expect(queryByPrefix('lease:SUP-1:')).resolves.toEqual({ entries: [], complete: true });
    expect(storageOps()).toEqual(['query lease:SUP-1:']);
  });

  it.each([1, 19, 20])('reads %p keys in one page', async (n) => {
    for (const key of keys(n)) put(key, key.length);
    const { entries, complete } = await queryByPrefix<number>('lease:SUP-1:');
    expect(entries.map((e) => e.key)).toEqual(keys(n));
    expect(entries[0]).toEqual({ key: 'lease:SUP-1:000', value: 15 });
    expect(complete).toBe(true);
    expect(storageOps()).toEqual(['query lease:SUP-1:']);
  });

  it('follows the cursor page after page, 20 at a time, in key order, and nothing of other prefixes', async () => {
    // Stored out of order, with neighbours on both sides of the prefix.
    for (const key of [...keys(45)].reverse()) put(key, key);
    put('lease:SUP-0:999', 'before');
    put('lease:SUP-10:000', 'after');
    const { entries, complete } = await queryByPrefix<string>('lease:SUP-1:');
    expect(entries.map((e) => e.key)).toEqual(keys(45));
    expect(entries.map((e) => e.value)).toEqual(keys(45));
    expect(complete).toBe(true);
    // The harness refuses a query over 20; three pages means 20 each, and the cursor was followed.
    expect(storageOps()).toEqual(['query lease:SUP-1:', 'query lease:SUP-1:', 'query lease:SUP-1:']);
  });

  it('reads no more than the pages it may, and says it stopped short', async () => {
    for (const key of keys(61)) put(key, key);
    const two = await queryByPrefix<string>('lease:SUP-1:', { maxPages: 2 });
    expect(two.entries.map((e) => e.key)).toEqual(keys(40));
    expect(two.complete).toBe(false);
    expect(storageOps()).toHaveLength(2);
    forge.kvs.log.length = 0;
    const one = await queryByPrefix<string>('lease:SUP-1:', { maxPages: 1 });
    expect(one).toEqual({ entries: keys(20).map((key) => ({ key, value: key })), complete: false });
    expect(storageOps()).toHaveLength(1);
  });

  it('says it read everything when the last page is the last it may read', async () => {
    for (const key of keys(40)) put(key, key);
    const read = await queryByPrefix<string>('lease:SUP-1:', { maxPages: 2 });
    expect(read.entries).toHaveLength(40);
    expect(read.complete).toBe(true);
  });

  it('reads within the deadline, and not at all once it is reached', async () => {
    for (const key of keys(25)) put(key, key);
    const inTime = await queryByPrefix<string>('lease:SUP-1:', {
      deadline: new Deadline(Date.now() + 10_000),
    });
    expect(inTime.entries).toHaveLength(25);
    forge.kvs.log.length = 0;
    await expect(
      queryByPrefix('lease:SUP-1:', { deadline: new Deadline(Date.now() - 1) }),
    ).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(storageOps()).toEqual([]);
  });
});

describe('a taken key', () => {
  const claimTwice = async (): Promise<unknown> => {
    await kvs.set('claim:SUP-1', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    return kvs.set('claim:SUP-1', 2, { keyPolicy: 'FAIL_IF_EXISTS' }).then(
      () => undefined,
      (error: unknown) => error,
    );
  };

  it.each([
    ['409 KEY_CONFLICT, as seen', { status: 409, code: 'KEY_CONFLICT' }],
    ['409 with another code', { status: 409, code: 'CONFLICT' }],
    ['KEY_CONFLICT with another status', { status: 400, code: 'KEY_CONFLICT' }],
  ])('is recognised from %s', async (_, conflict) => {
    forge.kvs.conflict = conflict;
    expect(isKeyConflict(await claimTwice())).toBe(true);
  });

  it('is not any other refusal or failure', async () => {
    forge.kvs.conflict = { status: 400, code: 'INVALID_REQUEST' };
    const refused = await claimTwice();
    expect(refused).toBeDefined();
    expect(isKeyConflict(refused)).toBe(false);
    forge.kvs.failNext = 1;
    const failed = await kvs.get('claim:SUP-1').catch((error: unknown) => error);
    expect(isKeyConflict(failed)).toBe(false);
    expect(isKeyConflict(new Error('409 KEY_CONFLICT'))).toBe(false);
    expect(isKeyConflict({ responseDetails: { status: 409 }, code: 'KEY_CONFLICT' })).toBe(false);
    expect(isKeyConflict(undefined)).toBe(false);
  });
});

describe("a project's workflow ids", () => {
  const config: ProjectWorkflowConfig = {
    statuses: { waiting_customer: '10001' },
    transitions: { customerAnswered: '31' },
  };
  const gets = (): number => forge.kvs.log.filter((e) => e.op === 'get').length;

  it('are stored under the project key', () => {
    expect(projectConfigKey('SUP')).toBe('workflow:SUP');
  });

  it('are read once found, then remembered', async () => {
    put('workflow:SUP', config);
    await expect(getProjectConfig('SUP')).resolves.toEqual(config);
    await expect(getProjectConfig('SUP')).resolves.toEqual(config);
    expect(storageOps()).toEqual(['get workflow:SUP']);
    // Another project is its own entry.
    await expect(getProjectConfig('HELP')).resolves.toBeNull();
    expect(gets()).toBe(2);
  });

  it('are read again while missing, so a project set up later is seen', async () => {
    await expect(getProjectConfig('SUP')).resolves.toBeNull();
    await expect(getProjectConfig('SUP')).resolves.toBeNull();
    put('workflow:SUP', config);
    await expect(getProjectConfig('SUP')).resolves.toEqual(config);
    expect(gets()).toBe(3);
  });

  it('are written to storage when saved, and remembered without a read', async () => {
    await saveProjectConfig('SUP', config);
    expect(forge.kvs.entries.get('workflow:SUP')?.value).toEqual(config);
    await expect(getProjectConfig('SUP')).resolves.toEqual(config);
    expect(gets()).toBe(0);
  });

  it('are read again once forgotten', async () => {
    put('workflow:SUP', config);
    await getProjectConfig('SUP');
    const changed = { ...config, transitions: { customerAnswered: '41' } };
    put('workflow:SUP', changed);
    await expect(getProjectConfig('SUP')).resolves.toEqual(config);
    forgetProjectConfigs();
    await expect(getProjectConfig('SUP')).resolves.toEqual(changed);
  });
});
