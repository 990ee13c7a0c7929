// This package's own package.json, read at run time (from lib/core in the repository, from
// build/core in the package).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package root: the folder with this package's package.json. @internal */
export const PACKAGE_ROOT = [join(__dirname, '..', '..'), join(__dirname, '..')].find((d) => existsSync(join(d, 'package.json'))) ?? join(__dirname, '..', '..');

/** This package's package.json. @internal */
export function ownPackageJson(): { readonly version: string; readonly devDependencies: Record<string, string> } {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
}

/** This package's version. @internal */
export function packageVersion(): string {
  return ownPackageJson().version;
}
