// ESLint flat config (CommonJS: package.json has no "type"). `npm run lint` runs it with --max-warnings=0.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/** TypeScript covered by tsconfig.json's "include": linted with type information. */
const TYPED_TS = [
  'src/**/*.{ts,tsx,mts,cts}',
  'test/**/*.{ts,tsx,mts,cts}',
  'scripts/**/*.{ts,tsx,mts,cts}',
  'bench/**/*.{ts,tsx,mts,cts}',
  'static/*/src/**/*.{ts,tsx,mts,cts}',
  '*.{ts,mts,cts}',
];
const ALL_TS = ['**/*.{ts,tsx,mts,cts}'];
const ALL_JS = ['**/*.{js,jsx,mjs,cjs}'];

/** The Node.js globals the project's plain JavaScript (configs, scripts) uses. */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'globalThis',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
    'fetch',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      'coverage/',
      'static/*/build/',
      'bench/out/',
      'test-results/',
      '.forge/',
      'docs/',
      'specs/',
      'tools/keytar-stub/',
      '.stryker-tmp*/',
      'reports/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    files: TYPED_TS,
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },

  {
    files: ALL_TS,
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'as' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  {
    // Jest's asymmetric matchers (expect.stringContaining(), expect.objectContaining(), ...) are typed `any`,
    // `expect(object.method)` passes methods around unbound, and `array[0]!` is the usual way through
    // noUncheckedIndexedAccess in a test.
    files: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  {
    files: ALL_JS,
    languageOptions: { globals: nodeGlobals },
    rules: { eqeqeq: ['error', 'always', { null: 'ignore' }] },
  },
  {
    // CommonJS: .cjs, and .js since package.json has no "type" (Vite projects under static/ set their own).
    files: ['**/*.cjs', '*.js', 'scripts/**/*.js', 'tools/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
