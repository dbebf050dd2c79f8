import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The package version (`--version`, SARIF's tool.driver.version, the JSON envelope). */
export const VERSION = (require('../../package.json') as { version: string }).version;
