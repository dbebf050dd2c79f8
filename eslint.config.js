import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

// The layers, bottom up (README "Architecture"). A layer imports only from layers below it; nothing
// below src/cli/ touches `process`. Each entry: the folders of a layer, and what they may not import.
const ABOVE = {
  bottom: ['gather', 'checks', 'report', 'messages', 'render', 'cli', 'spf', 'dnsbl', 'bounce', 'address', 'transport', 'dmarc-report'],
  engines: ['gather', 'checks', 'report', 'messages', 'render', 'cli'],
  gather: ['checks', 'report', 'messages', 'render', 'cli'],
  checks: ['report', 'messages', 'render', 'cli'],
  report: ['messages', 'render', 'cli'],
  messages: ['render', 'cli'],
  render: ['cli'],
};
const LAYERS = [
  { layer: 'bottom', folders: ['core', 'dns', 'parse', 'net', 'mail', 'data', 'input'] },
  { layer: 'engines', folders: ['spf', 'dnsbl', 'bounce', 'address', 'transport', 'dmarc-report'] },
  { layer: 'gather', folders: ['gather'] },
  { layer: 'checks', folders: ['checks'] },
  { layer: 'report', folders: ['report'] },
  { layer: 'messages', folders: ['messages'] },
  { layer: 'render', folders: ['render'] },
];
const layerRules = LAYERS.map(({ layer, folders }) => ({
  files: folders.map((f) => `src/${f}/**`),
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [{ regex: `^(\\.\\./)+(${ABOVE[layer].join('|')})/`, message: `src/${folders.join(', src/')} is below ${ABOVE[layer].join(', ')}: it may not import from them (see eslint.config.js).` }],
    }],
    'no-restricted-properties': ['error', ...['exit', 'stdout', 'stderr', 'stdin', 'argv', 'env', 'exitCode'].map((property) => ({ object: 'process', property, message: 'only src/cli/ touches process: pass what you need in (an Io, options)' }))],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.test-build/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', AbortController: 'readonly', Buffer: 'readonly', TextDecoder: 'readonly', performance: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // Regexes that backtrack super-linearly turn one hostile DNS answer or file into seconds of
    // blocked event loop: errors in the layers that read strangers' input, and in the phrase and
    // sender tables run over every message (src/data/), and the message checks.
    files: ['src/parse/**', 'src/dns/**', 'src/spf/**', 'src/net/**', 'src/bounce/**', 'src/mail/**', 'src/data/**', 'src/checks/message/**', 'src/address/**', 'src/dmarc-report/**', 'src/input/**'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  ...layerRules,
);
