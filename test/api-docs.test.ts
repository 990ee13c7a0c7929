import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_DOCS, renderApiDocs } from '../scripts/api-docs';
import { apiDocProblems, readPublicApi } from '../scripts/api-model';

// Every public member of the library (what `cdk-fleet` and `cdk-fleet/terraform` export) carries
// JSDoc, and every optional field of an exported *Props / *Options interface documents its
// default (`@default`), as the conventions require.
const api = readPublicApi(join(__dirname, '..'));

test('the public API is read from both entry points', () => {
  const names = new Set(api.map((i) => `${i.entry} ${i.name}`));
  expect(names).toContain('cdk-fleet Hub');
  expect(names).toContain('cdk-fleet ocm.Placement');
  expect(names).toContain('cdk-fleet/terraform HubStack');
});

test('every public member has JSDoc and every optional prop a @default', () => {
  expect(apiDocProblems(api)).toEqual([]);
});

test('docs/API.md is current (regenerate it with npm run docs)', () => {
  expect(readFileSync(API_DOCS, 'utf8') === renderApiDocs(api) ? 'current' : 'stale: run npm run docs').toBe('current');
});
