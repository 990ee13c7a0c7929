import { run } from '@bufbuild/cel';
import { Testing } from 'cdk8s';
import { KubeConfigMap } from 'cdk8s-plus-30/lib/imports/k8s';
import { ocm } from '../../lib';
import { find, synth } from '../support/fleet';

describe('ManifestWork', () => {
  test('embeds manifests from cdk8s constructs and raw objects, in the cluster namespace', () => {
    const chart = Testing.chart();
    const cluster = new ocm.ManagedCluster(chart, 'dc1-prod');
    const content = new ocm.ManifestChart();
    new KubeConfigMap(content, 'settings', { metadata: { name: 'settings', namespace: 'quality' }, data: { mode: 'strict' } });
    const work = new ocm.ManifestWork(chart, 'settings', {
      cluster,
      manifests: [content],
      deleteOption: ocm.DeleteOption.selectivelyOrphan({ resource: 'namespaces', name: 'quality' }),
      manifestConfigs: [{
        resource: { resource: 'configmaps', name: 'settings', namespace: 'quality' },
        feedbackRules: [ocm.FeedbackRule.jsonPaths({ mode: '.data.mode' })],
        updateStrategy: ocm.UpdateStrategy.serverSideApply({ force: true }),
      }],
      executor: ocm.WorkExecutor.serviceAccount('quality', 'deployer'),
    });
    work.addObjects({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quality' } });
    const o = find(synth(chart), 'ManifestWork', 'settings', 'dc1-prod');
    expect(o.apiVersion).toBe('work.open-cluster-management.io/v1');
    expect(o.spec.workload.manifests).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'quality' }, data: { mode: 'strict' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quality' } },
    ]);
    expect(o.spec.deleteOption).toEqual({ propagationPolicy: 'SelectivelyOrphan', selectivelyOrphans: { orphaningRules: [{ group: '', resource: 'namespaces', name: 'quality' }] } });
    expect(o.spec.manifestConfigs).toEqual([{
      resourceIdentifier: { group: '', resource: 'configmaps', name: 'settings', namespace: 'quality' },
      feedbackRules: [{ type: 'JSONPaths', jsonPaths: [{ name: 'mode', path: '.data.mode' }] }],
      updateStrategy: { type: 'ServerSideApply', serverSideApply: { force: true } },
    }]);
    expect(o.spec.executor).toEqual({ subject: { type: 'ServiceAccount', serviceAccount: { namespace: 'quality', name: 'deployer' } } });
  });

  test('the ManifestChart content is not emitted on the hub', () => {
    const chart = Testing.chart();
    const content = new ocm.ManifestChart();
    new KubeConfigMap(content, 'cm', { metadata: { name: 'cm', namespace: 'default' } });
    new ocm.ManifestWork(chart, 'w', { cluster: ocm.ManagedCluster.fromName('c1'), manifests: [content] });
    expect(synth(chart).map((o) => o.kind)).toEqual(['ManifestWork']);
  });

  test('fails for a work without manifests', () => {
    const chart = Testing.chart();
    new ocm.ManifestWork(chart, 'empty', { cluster: ocm.ManagedCluster.fromName('c1') });
    expect(() => Testing.synth(chart)).toThrow(/ManifestWork "c1\/empty": has no manifests/);
  });

  test('fails for the same object twice, objects without a name, and bad field managers', () => {
    const chart = Testing.chart();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } };
    new ocm.ManifestWork(chart, 'dup', { cluster: ocm.ManagedCluster.fromName('c1'), objects: [cm, cm] });
    expect(() => Testing.synth(chart)).toThrow(/carries ConfigMap "x\/a" twice/);
    expect(() => new ocm.ManifestWork(Testing.chart(), 'w', { cluster: ocm.ManagedCluster.fromName('c1'), objects: [{ apiVersion: 'v1', kind: 'ConfigMap' }] })).toThrow(/needs apiVersion, kind and metadata.name/);
    expect(() => ocm.UpdateStrategy.serverSideApply({ fieldManager: 'me' })).toThrow(/must start with "work-agent"/);
  });
});

/** JSON as the work agent hands it to CEL: whole numbers are ints, objects are maps. */
function toCel(v: unknown): any {
  if (typeof v === 'number') return BigInt(v);
  if (Array.isArray(v)) return v.map(toCel);
  if (v && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  return v;
}

describe('ConditionRule (manifestConfigs[].conditionRules)', () => {
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } };

  test('renders CEL and well-known rules, valid against the ManifestWork CRD', () => {
    const chart = Testing.chart();
    new ocm.ManifestWork(chart, 'web', {
      cluster: ocm.ManagedCluster.fromName('c1'),
      objects: [deployment, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' } }],
      manifestConfigs: [
        { resource: { group: 'apps', resource: 'deployments', name: 'web', namespace: 'shop' }, conditionRules: [ocm.ConditionRule.deploymentProgressing(), ocm.ConditionRule.cel('Ready', { celExpressions: ['object.status.readyReplicas == object.spec.replicas'], message: 'all replicas ready' })] },
        { resource: { group: 'batch', resource: 'jobs', name: '*', namespace: 'shop' }, conditionRules: [ocm.ConditionRule.wellKnownComplete(), ocm.ConditionRule.notProgressing()] },
      ],
    });
    const [web, jobs] = find(synth(chart), 'ManifestWork', 'web', 'c1').spec.manifestConfigs;
    expect(web.conditionRules.map((r: any) => [r.condition, r.type])).toEqual([['Progressing', 'CEL'], ['Ready', 'CEL']]);
    expect(web.conditionRules[1]).toEqual({ condition: 'Ready', type: 'CEL', celExpressions: ['object.status.readyReplicas == object.spec.replicas'], message: 'all replicas ready' });
    expect(jobs.conditionRules).toEqual([
      { condition: 'Complete', type: 'WellKnownConditions' },
      { condition: 'Progressing', type: 'CEL', celExpressions: ['false'], message: 'Applied; nothing rolls out' },
    ]);
  });

  // The Progressing the ManifestWorkReplicaSet waits for: True until `kubectl rollout status` would
  // say the Deployment is done (evaluated with a CEL engine as the agent's reader.go evaluates it).
  test('deploymentProgressing is True while the Deployment rolls out and False once it is done', () => {
    const rule = ocm.ConditionRule.deploymentProgressing()._json as { celExpressions: string[]; messageExpression: string };
    const progressing = (status?: Record<string, number>, generation = 2) => run(rule.celExpressions[0], { object: toCel({ ...deployment, metadata: { ...deployment.metadata, generation }, ...(status ? { status } : {}) }) });
    expect(progressing()).toBe(true); // no status yet
    expect(progressing({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 })).toBe(true); // new spec not observed
    expect(progressing({ observedGeneration: 2, replicas: 2, updatedReplicas: 1, availableReplicas: 1 })).toBe(true); // not every replica updated
    expect(progressing({ observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2 })).toBe(true); // an old replica is left
    expect(progressing({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 1 })).toBe(true); // not every updated replica available
    expect(progressing({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 })).toBe(false);
    expect(run(rule.messageExpression, { object: toCel(deployment), result: false })).toBe('Deployment rollout complete');
  });

  test('fails for a rule without expressions, a bad condition, two rules for one condition, or a raw object', () => {
    expect(() => ocm.ConditionRule.progressing({ celExpressions: [] })).toThrow(/ConditionRule.cel\("Progressing"\): needs at least one CEL expression; with none the agent sets Progressing=True for good/);
    expect(() => ocm.ConditionRule.cel('not ok', { celExpressions: ['true'] })).toThrow(/condition "not ok" is not a valid condition type/);
    expect(() => ocm.ConditionRule.cel('Ready', { celExpressions: [''] })).toThrow(/celExpressions\[0\] must be a non-empty string/);
    const cluster = ocm.ManagedCluster.fromName('c1');
    const resource = { group: 'apps', resource: 'deployments', name: 'web', namespace: 'shop' };
    expect(() => new ocm.ManifestWork(Testing.chart(), 'w', { cluster, objects: [deployment], manifestConfigs: [{ resource, conditionRules: [ocm.ConditionRule.notProgressing(), ocm.ConditionRule.deploymentProgressing()] }] }))
      .toThrow(/ManifestWork "c1\/w": resource "deployments\/web" has two condition rules for Progressing; the API keeps one rule per condition/);
    expect(() => new ocm.ManifestWork(Testing.chart(), 'w', { cluster, objects: [deployment], manifestConfigs: [{ resource, conditionRules: [{ condition: 'Progressing', type: 'CEL' } as any] }] }))
      .toThrow(/conditionRules of resource "deployments\/web" must be ConditionRule values/);
  });
});
