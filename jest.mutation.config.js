/**
 * Jest for the mutation run (npm run mutation): the back-end suites only. The browser, preview and
 * bundle-size suites drive Chromium and the built portal; they cover the panel, not the code mutated.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/browser/',
    '<rootDir>/test/preview/',
    '<rootDir>/test/lint/',
    '<rootDir>/test/bench-record.test.ts',
  ],
};
