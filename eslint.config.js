// @ts-check
import tseslint from 'typescript-eslint';

// The domain is the regulation as code: pure functions, no I/O, no framework.
const domainForbidden = {
  patterns: [
    { group: ['node:*'], message: 'src/domain must stay free of I/O: pass data in instead.' },
    {
      group: ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'worker_threads', 'stream'],
      message: 'src/domain must stay free of I/O: pass data in instead.',
    },
    {
      group: ['kysely', 'better-sqlite3', 'pg', 'fastify', '@fastify/*', 'react', 'react-dom', 'antd', 'exceljs', 'docx', 'pdfjs-dist', 'pdfjs-dist/*', 'mammoth', 'commander', 'cli-progress'],
      message: 'src/domain must not import storage, HTTP, UI or file-format libraries.',
    },
    { group: ['**/server/**', '**/cli/**', '**/console/**'], message: 'Imports run one way: domain imports nothing outside itself.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.tmp/**', 'data/**', 'coverage/**', 'test-artifacts/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    // Tests may read fixtures from disk; the code they test may not.
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', domainForbidden],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/domain must not read the environment.' },
        { name: 'fetch', message: 'src/domain must stay free of I/O.' },
        { name: 'Buffer', message: 'src/domain works on strings and arrays, not Buffers.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an argument in src/domain: take `today` as a parameter.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is an argument in src/domain: take `today` as a parameter.' },
        { selector: 'TSEnumDeclaration', message: 'Use string-literal unions, not TS enums.' },
      ],
    },
  },
);
