import { Hub } from '../../lib';

test('fails with a clear message when the app comes from another copy of cdk8s', () => {
  let Other: typeof import('cdk8s') | undefined;
  jest.isolateModules(() => { Other = require('cdk8s'); });
  const app = new Other!.App({ outdir: 'unused' });
  expect(() => new Hub(app, 'hub')).toThrow(/cdk8s: two copies of cdk8s are loaded: the app is a cdk8s 2\.\d+\.\d+ App, but cdk-fleet uses the cdk8s 2\.\d+\.\d+ at .*node_modules[\\/]cdk8s.*install cdk-fleet from the registry or a packed tarball \(npm pack\), not a folder link/);
});
