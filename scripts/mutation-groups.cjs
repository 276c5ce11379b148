/**
 * The mutation run's groups: the code mutated and the suites that exercise it. Each group is its own
 * Stryker run, so a mutant runs only its group's tests that covered it (per-test coverage), not the
 * whole back-end suite. Shared by stryker.config.mjs and jest.mutation.config.js.
 *
 * The portal's exactly-once suite (40 s of real waits: Jira at 2 s a request, takeovers after a grace
 * period) is left out, and the fault suite runs only its faults that answer at once (its slow and late
 * ones wait seconds each): run under every surviving mutant they made the portal group last hours on two
 * cores. What only they would catch is a promise without a quick guard, and gets one in the quick suites.
 */
const SLOW_FAULT_SUITES = ['<rootDir>/test/portal/exactly-once.test.ts'];
const groups = {
  portal: {
    mutate: ['src/portal/**/*.ts'],
    tests: ['test/portal/**/*.test.ts', 'src/portal/**/*.test.ts', 'test/budgets.test.ts'],
    skip: SLOW_FAULT_SUITES,
  },
  core: {
    mutate: ['src/shared/**/*.ts', 'src/workflow/**/*.ts', 'src/jira/**/*.ts'],
    tests: [
      'src/workflow/**/*.test.ts',
      'src/jira/**/*.test.ts',
      'test/jira/**/*.test.ts',
      'test/shared/**/*.test.ts',
      // shared/storage-query.ts pages the waiting scan's storage reads.
      'test/waiting/store.test.ts',
      'test/licensing/**/*.test.ts',
      'test/installer/access.test.ts',
      'test/portal/perform-action.test.ts',
      'test/portal/request-view.test.ts',
      'test/notifications/settings.test.ts',
    ],
  },
  texts: {
    mutate: ['src/texts/**/*.ts'],
    tests: ['test/texts/**/*.test.{ts,tsx}', 'test/frontend/admin-guide-texts.test.tsx'],
  },
  waiting: {
    mutate: ['src/waiting/**/*.ts'],
    tests: ['test/waiting/**/*.test.ts', 'src/waiting/**/*.test.ts'],
  },
  privacy: {
    mutate: ['src/privacy/**/*.ts'],
    tests: ['test/privacy/**/*.test.ts'],
  },
};

/** The group named by MUTATION_GROUP; undefined when none is set (jest then runs every back-end suite). */
function currentGroup() {
  const name = process.env.MUTATION_GROUP;
  if (!name) return undefined;
  const group = groups[name];
  if (!group) throw new Error(`Unknown MUTATION_GROUP "${name}": one of ${Object.keys(groups).join(', ')}`);
  return { name, ...group };
}

module.exports = { groups, currentGroup };
