import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App as K8sApp } from 'cdk8s';
import { App, TerraformStack, Testing } from 'cdktf';
import { Hub, HubProps } from '../../lib/fleet';
import { FeatureGate } from '../../lib/ocm/cluster-manager';
import { Backend, ClusterAcceptance, HubStack, HubStackProps, KubeconfigSource } from '../../lib/terraform';

/** The gates most tests use: auto-approval (declarative accept) and the ClusterProfile inventory. */
export const GATES = [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL, FeatureGate.CLUSTER_PROFILE];

/**
 * A fleet Hub (cdk8s, its own app) with a few clusters in two data centres; its ClusterManager
 * auto-approves the HubStack's bootstrap identity (as auto-approval needs).
 */
export function fleetHub(props: HubProps = { featureGates: GATES }, clusters: Record<string, Record<string, string>> = DEFAULT_CLUSTERS): Hub {
  const hub = new Hub(new K8sApp(), 'hub', props);
  hub.clusterManager.addAutoApproveUser(HubStack.BOOTSTRAP_USER);
  for (const [name, labels] of Object.entries(clusters)) hub.addCluster(name, { labels });
  return hub;
}

export const DEFAULT_CLUSTERS: Record<string, Record<string, string>> = {
  'prod-eu-1': { env: 'production', dc: 'eu' },
  'prod-us-1': { env: 'production', dc: 'us' },
  'dev-eu-1': { env: 'dev', dc: 'eu' },
};

/** A local backend, as every test stack needs one (the cdktf default writes an absolute path). */
export const BACKEND = Backend.local({ directory: '../../../state' });

/** A hub stack on `app` with sensible test defaults. */
export function newHubStack(app: App, hub: Hub = fleetHub(), props: Partial<HubStackProps> = {}): HubStack {
  return new HubStack(app, 'hub', {
    hub,
    kubeconfig: KubeconfigSource.file('~/.kube/config', 'hub'),
    apiServerUrl: 'https://hub.example.com:6443',
    backend: BACKEND,
    acceptance: ClusterAcceptance.autoApproval(),
    printWarnings: false,
    ...props,
  });
}

/** A KubeconfigSource per cluster of `hub`: the context named after the cluster. */
export function kubeconfigsFor(hub: Hub): Record<string, KubeconfigSource> {
  return Object.fromEntries(hub.clusters.map((c) => [c.name, KubeconfigSource.file('~/.kube/config', c.name)]));
}

/**
 * The parsed cdk.tf.json of one stack (no backend block, as Testing.synth leaves it out), after
 * running the stack's validations as `cdktf synth` does.
 */
export function synthStack(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** A cdktf app writing to a fresh temp directory. */
export function newApp(): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-fleet-tf-')), stackTraces: false });
}

/** Synthesizes `app` and reads back manifest.json, every stack's JSON and every file written. */
export function synthAll(app: App): { outdir: string; manifest: any; stacks: Record<string, any>; files: Record<string, string> } {
  app.synth();
  const outdir = app.outdir;
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, any> = {};
  for (const [name, s] of Object.entries<any>(manifest.stacks)) stacks[name] = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8'));
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(outdir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(outdir);
  return { outdir, manifest, stacks, files };
}

/** Helm values (the first `values` document) of a synthesized release, parsed. */
export function valuesOf(release: any): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml').parse(release.values[0]);
}
