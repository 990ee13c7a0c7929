// Issue 9: bad input to the Terraform stacks fails with a message naming the stack, the value and the fix.
import { FleetValidationError } from '../../lib/core';
import { SpokeStack } from '../../lib/terraform';
import { fleetHub, kubeconfigsFor, newApp, newHubStack, synthAll } from '../terraform/support';

const bad: any = (x: unknown) => x;

describe('HubStack and SpokeStack input', () => {
  test("fails on HubStack sveltos: 'false' (was: Sveltos installed)", () => {
    expect(() => newHubStack(newApp(), fleetHub(), bad({ sveltos: 'false' }))).toThrow(/HubStack "hub": sveltos must be true or false, got string "false"/);
  });
  test("fails on HubStack clusterProxy: 'no'", () => {
    expect(() => newHubStack(newApp(), fleetHub(), bad({ clusterProxy: 'no' }))).toThrow(/HubStack "hub": clusterProxy must be true or false, got string "no"/);
  });
  test('fails on a HubStack prop typo (svelto)', () => {
    expect(() => newHubStack(newApp(), fleetHub(), bad({ svelto: false }))).toThrow(FleetValidationError);
    expect(() => newHubStack(newApp(), fleetHub(), bad({ svelto: false }))).toThrow(/HubStack "hub": props has an unknown field "svelto" \(did you mean "sveltos"\?\)/);
  });
  test('fails on preinstalledApiGroups given as a string', () => {
    expect(() => newHubStack(newApp(), fleetHub(), bad({ preinstalledApiGroups: 'sveltos.open-cluster-management.io' }))).toThrow(/preinstalledApiGroups must be a list, got string "sveltos.open-cluster-management.io"; e.g. \["sveltos.open-cluster-management.io"\]/);
  });
  test('fails on a cluster added after SpokeStack.forHub (was: silently no spoke stack)', () => {
    const app = newApp();
    const hub = fleetHub();
    const hubStack = newHubStack(app, hub);
    SpokeStack.forHub(app, hubStack, { kubeconfigs: kubeconfigsFor(hub) });
    hub.addCluster('late-1', { labels: { env: 'dev' } });
    expect(() => synthAll(app)).toThrow(/SpokeStack.forHub: ManagedCluster "late-1" was declared on the hub after SpokeStack.forHub\(...\) ran, so no spoke stack joins it/);
  });
});

describe('SpokeStack takes only the value classes it names', () => {
  const { App } = require('cdktf');
  const { App: K8sApp } = require('cdk8s');
  const lib = require('../../lib');
  const tf = require('../../lib/terraform');
  const setup = () => {
    const hub = new lib.Hub(new K8sApp(), 'hub');
    hub.addCluster('prod-1');
    const app = new App();
    const hubStack = new tf.HubStack(app, 'hub', { hub, kubeconfig: tf.KubeconfigSource.file('~/.kube/config', 'hub'), apiServerUrl: 'https://hub.example.com:6443', backend: tf.Backend.local({ directory: '../state' }) });
    return { app, hubStack, kubeconfigs: { 'prod-1': tf.KubeconfigSource.file('~/.kube/config', 'prod-1') } };
  };

  test('fails for a string grouping, naming the factories', () => {
    const { app, hubStack, kubeconfigs } = setup();
    expect(() => tf.SpokeStack.forHub(app, hubStack, { kubeconfigs, grouping: 'byLabel' })).toThrow(/SpokeStack.forHub: grouping must be a SpokeGrouping \(SpokeGrouping.perCluster\(\), .byLabel\(key\) or .hashBuckets\(count\)\), got string "byLabel"/);
  });

  test('fails for a string backend, naming the factories', () => {
    const { app, hubStack, kubeconfigs } = setup();
    expect(() => tf.SpokeStack.forHub(app, hubStack, { kubeconfigs, backend: 'local' })).toThrow(/backend must be a Backend \(Backend.local\(...\), .s3/);
  });
});
