import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  compileAllCrdSchemas,
  crdKey,
  DEFAULT_CRD_DIR,
  isBuiltInApiVersion,
  loadCrdSchemas,
  validateObject,
  validateObjects,
  validateYamlFile,
} from './support/crd-schema';

type Obj = Record<string, any>;

/** Deep copy of `base` changed by `edit`. */
function variant(base: Obj, edit: (o: Obj) => void): Obj {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

const managedCluster: Obj = {
  apiVersion: 'cluster.open-cluster-management.io/v1',
  kind: 'ManagedCluster',
  metadata: {
    name: 'prod-1',
    labels: { 'cluster.open-cluster-management.io/clusterset': 'prod', env: 'prod' },
    annotations: { 'fleet.example.com/owner': 'platform team' },
  },
  spec: {
    hubAcceptsClient: true,
    leaseDurationSeconds: 60,
    managedClusterClientConfigs: [{ url: 'https://api.prod-1.example.com:6443', caBundle: 'LS0tLS1CRUdJTg==' }],
    taints: [{ key: 'fleet.example.com/maintenance', value: 'true', effect: 'NoSelect', timeAdded: null }],
  },
};

const placement: Obj = {
  apiVersion: 'cluster.open-cluster-management.io/v1beta1',
  kind: 'Placement',
  metadata: { name: 'prod', namespace: 'fleet-system' },
  spec: {
    clusterSets: ['prod'],
    numberOfClusters: 2,
    predicates: [
      {
        requiredClusterSelector: {
          labelSelector: { matchLabels: { env: 'prod' } },
          claimSelector: { matchExpressions: [{ key: 'region.open-cluster-management.io', operator: 'In', values: ['eu'] }] },
        },
      },
    ],
    tolerations: [{ key: 'fleet.example.com/maintenance', operator: 'Exists' }],
    decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: '25%' } },
    // scoreCoordinate.type is required but has a schema default (BuiltIn), so it may be omitted.
    prioritizerPolicy: { mode: 'Additive', configurations: [{ scoreCoordinate: { builtIn: 'Steady' }, weight: 2 }] },
  },
};

const clusterProfile: Obj = {
  apiVersion: 'config.projectsveltos.io/v1beta1',
  kind: 'ClusterProfile',
  metadata: { name: 'kyverno' },
  spec: {
    clusterSelector: { matchLabels: { env: 'prod' } },
    syncMode: 'ContinuousWithDriftDetection',
    tier: 50,
    helmCharts: [
      {
        repositoryURL: 'https://kyverno.github.io/kyverno/',
        repositoryName: 'kyverno',
        chartName: 'kyverno/kyverno',
        chartVersion: '3.2.5',
        releaseName: 'kyverno',
        releaseNamespace: 'kyverno',
        helmChartAction: 'Install',
      },
    ],
    policyRefs: [{ kind: 'ConfigMap', name: 'pod-security', namespace: 'default' }],
  },
};

interface KindCase {
  what: string;
  good: Obj;
  label: string;
  unknownField: [(o: Obj) => void, string];
  wrongType: [(o: Obj) => void, string];
  badEnum: [(o: Obj) => void, string];
  missingRequired: [(o: Obj) => void, string];
  scope: [(o: Obj) => void, string];
}

const cases: KindCase[] = [
  {
    what: 'ManagedCluster (cluster.open-cluster-management.io/v1, cluster-scoped)',
    good: managedCluster,
    label: 'ManagedCluster/prod-1',
    unknownField: [
      (o) => (o.spec.hubAcceptClient = true),
      'spec.hubAcceptClient is not a known field (did you mean hubAcceptsClient?) ' +
        '(spec has: hubAcceptsClient, leaseDurationSeconds, managedClusterClientConfigs, taints)',
    ],
    wrongType: [(o) => (o.spec.hubAcceptsClient = 'yes'), 'spec.hubAcceptsClient must be a boolean (got "yes")'],
    badEnum: [
      (o) => (o.spec.taints[0].effect = 'Foo'),
      'spec.taints[0].effect must be one of NoSelect, PreferNoSelect, NoSelectIfNew (got "Foo")',
    ],
    missingRequired: [(o) => delete o.spec.taints[0].effect, 'spec.taints[0].effect is required'],
    scope: [
      (o) => (o.metadata.namespace = 'default'),
      'metadata.namespace must not be set: ManagedCluster is cluster-scoped (got "default")',
    ],
  },
  {
    what: 'Placement (cluster.open-cluster-management.io/v1beta1, namespaced)',
    good: placement,
    label: 'Placement/prod',
    unknownField: [
      (o) => (o.spec.predicates[0].requiredClusterSelector.clusterSelector = { matchLabels: { env: 'prod' } }),
      'spec.predicates[0].requiredClusterSelector.clusterSelector is not a known field ' +
        '(spec.predicates[0].requiredClusterSelector has: celSelector, claimSelector, labelSelector)',
    ],
    wrongType: [(o) => (o.spec.numberOfClusters = '2'), 'spec.numberOfClusters must be an integer (got "2")'],
    badEnum: [
      (o) => (o.spec.prioritizerPolicy.configurations[0].scoreCoordinate.type = 'Builtin'),
      'spec.prioritizerPolicy.configurations[0].scoreCoordinate.type must be one of BuiltIn, AddOn (got "Builtin")',
    ],
    missingRequired: [
      (o) => delete o.spec.prioritizerPolicy.configurations[0].scoreCoordinate,
      'spec.prioritizerPolicy.configurations[0].scoreCoordinate is required',
    ],
    scope: [(o) => delete o.metadata.namespace, 'metadata.namespace is required: Placement is a namespaced kind'],
  },
  {
    what: 'ClusterProfile (config.projectsveltos.io/v1beta1, cluster-scoped)',
    good: clusterProfile,
    label: 'ClusterProfile/kyverno',
    unknownField: [
      (o) => (o.spec.helmCharts[0].values_ = 'replicas: 2'),
      'spec.helmCharts[0].values_ is not a known field (did you mean values?)',
    ],
    wrongType: [(o) => (o.spec.tier = 'high'), 'spec.tier must be an integer (got "high")'],
    badEnum: [
      (o) => (o.spec.syncMode = 'Sometimes'),
      'spec.syncMode must be one of OneTime, Continuous, ContinuousWithDriftDetection, DryRun (got "Sometimes")',
    ],
    missingRequired: [(o) => delete o.spec.helmCharts[0].releaseName, 'spec.helmCharts[0].releaseName is required'],
    scope: [
      (o) => (o.metadata.namespace = 'projectsveltos'),
      'metadata.namespace must not be set: ClusterProfile is cluster-scoped (got "projectsveltos")',
    ],
  },
];

describe.each(cases)('$what', (c) => {
  // Matches the whole message or, for the long "known fields" lists, its beginning.
  const expectError = (edit: (o: Obj) => void, message: string) => {
    const prefix = `${c.label}: ${message}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(validateObject(variant(c.good, edit))).toContainEqual(expect.stringMatching(new RegExp(`^${prefix}`)));
  };

  test('a good object passes', () => {
    expect(validateObject(c.good)).toEqual([]);
  });
  test('an unknown field fails', () => expectError(...c.unknownField));
  test('a wrong type fails', () => expectError(...c.wrongType));
  test('a bad enum value fails', () => expectError(...c.badEnum));
  test('a missing required field fails', () => expectError(...c.missingRequired));
  test('a status block fails', () =>
    expectError((o) => (o.status = { conditions: [] }), 'status is written by controllers; never emit it'));
  test('the wrong namespace scope fails', () => expectError(...c.scope));
  test('the error list names only the problem', () => {
    expect(validateObject(variant(c.good, c.wrongType[0]))).toHaveLength(1);
  });
});

describe('scope on the other kind of scope', () => {
  test('a missing namespace fails on a namespaced sveltos kind (Profile)', () => {
    const profile = { ...clusterProfile, kind: 'Profile', metadata: { name: 'kyverno' } };
    expect(validateObject(profile)).toEqual(['Profile/kyverno: metadata.namespace is required: Profile is a namespaced kind']);
    expect(validateObject({ ...profile, metadata: { name: 'kyverno', namespace: 'team-a' } })).toEqual([]);
  });
  test('a namespace fails on a cluster-scoped OCM kind (ManagedClusterSet)', () => {
    const set = {
      apiVersion: 'cluster.open-cluster-management.io/v1beta2',
      kind: 'ManagedClusterSet',
      metadata: { name: 'prod', namespace: 'default' },
      spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } },
    };
    expect(validateObject(set)).toEqual([
      'ManagedClusterSet/prod: metadata.namespace must not be set: ManagedClusterSet is cluster-scoped (got "default")',
    ]);
  });
});

describe('schema features', () => {
  test('x-kubernetes-int-or-string accepts integers and strings, and still applies the pattern to strings', () => {
    const withGroup = (v: unknown) =>
      validateObject(variant(placement, (o) => (o.spec.decisionStrategy.groupStrategy.clustersPerDecisionGroup = v)));
    expect(withGroup(3)).toEqual([]);
    expect(withGroup('100%')).toEqual([]);
    expect(withGroup(true)).toEqual([
      'Placement/prod: spec.decisionStrategy.groupStrategy.clustersPerDecisionGroup must be an integer or a string (got true)',
    ]);
    expect(withGroup('101%')[0]).toMatch(/clustersPerDecisionGroup must match the pattern .* \(got "101%"\)$/);
  });

  test('nullable admits null only where declared', () => {
    expect(validateObject(managedCluster)).toEqual([]); // taints[0].timeAdded: null
    expect(validateObject(variant(managedCluster, (o) => (o.spec.taints[0].value = null)))).toEqual([
      'ManagedCluster/prod-1: spec.taints[0].value must be a string (got null)',
    ]);
  });

  test('formats, bounds and lengths are checked', () => {
    const errors = validateObject(
      variant(managedCluster, (o) => {
        o.spec.leaseDurationSeconds = 2 ** 31;
        o.spec.taints[0].timeAdded = 'yesterday';
        o.spec.taints[0].value = 'x'.repeat(1025);
        o.spec.managedClusterClientConfigs[0].caBundle = 'not base64!';
      }),
    );
    expect(errors).toEqual([
      'ManagedCluster/prod-1: spec.leaseDurationSeconds must be a valid int32 (got 2147483648)',
      'ManagedCluster/prod-1: spec.managedClusterClientConfigs[0].caBundle must be a valid byte (got "not base64!")',
      'ManagedCluster/prod-1: spec.taints[0].timeAdded must be a valid date-time (got "yesterday")',
      expect.stringMatching(/^ManagedCluster\/prod-1: spec\.taints\[0\]\.value must be at most 1024 characters long \(got 1025: "x+\.\.\."\)$/),
    ]);
    expect(
      validateObject(variant(placement, (o) => (o.spec.prioritizerPolicy.configurations[0].weight = 11))),
    ).toEqual(['Placement/prod: spec.prioritizerPolicy.configurations[0].weight must be <= 10 (got 11)']);
    expect(validateObject(variant(clusterProfile, (o) => (o.spec.tier = 0)))).toEqual([
      'ClusterProfile/kyverno: spec.tier must be >= 1 (got 0)',
    ]);
  });

  test('oneOf: ConfigurationPolicy needs exactly one of object-templates / object-templates-raw', () => {
    const policy = {
      apiVersion: 'policy.open-cluster-management.io/v1',
      kind: 'ConfigurationPolicy',
      metadata: { name: 'ns-exists', namespace: 'policies' },
      spec: { remediationAction: 'inform', severity: 'low' },
    };
    expect(validateObject(policy)).toEqual([
      'ConfigurationPolicy/ns-exists: spec must match exactly one of 2 oneOf alternatives but matches none ' +
        '(#1: spec.object-templates is required | #2: spec.object-templates-raw is required)',
    ]);
    const templates = [{ complianceType: 'musthave', objectDefinition: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } } }];
    expect(validateObject({ ...policy, spec: { ...policy.spec, 'object-templates': templates } })).toEqual([]);
    expect(
      validateObject({ ...policy, spec: { ...policy.spec, 'object-templates': templates, 'object-templates-raw': '- {}' } }),
    ).toEqual([
      'ConfigurationPolicy/ns-exists: spec matches 2 of the 2 oneOf alternatives (#1, #2); exactly one must match',
    ]);
  });

  test('oneOf: PlacementBinding placementRef must be a Placement or a PlacementRule', () => {
    const binding = {
      apiVersion: 'policy.open-cluster-management.io/v1',
      kind: 'PlacementBinding',
      metadata: { name: 'prod', namespace: 'policies' },
      placementRef: { apiGroup: 'cluster.open-cluster-management.io', kind: 'Placement', name: 'prod' },
      subjects: [{ apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: 'baseline' }],
    };
    expect(validateObject(binding)).toEqual([]);
    const [error] = validateObject(variant(binding, (o) => (o.placementRef.kind = 'PlacementRule')));
    expect(error).toContain('PlacementBinding/prod: placementRef must match exactly one of 2 oneOf alternatives');
    expect(error).toContain('placementRef.kind must be one of Placement (got "PlacementRule")');
  });

  test('preserve-unknown-fields and embedded resources (ManifestWork)', () => {
    const work = {
      apiVersion: 'work.open-cluster-management.io/v1',
      kind: 'ManifestWork',
      metadata: { name: 'addons', namespace: 'prod-1' },
      spec: {
        workload: {
          manifests: [
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { anything: 'goes' } },
            { apiVersion: 'example.com/v1', kind: 'Whatever', metadata: { name: 'w' }, spec: { free: { form: [1, 2] } } },
          ],
        },
      },
    };
    expect(validateObject(work)).toEqual([]);
    expect(validateObject(variant(work, (o) => delete o.spec.workload.manifests[0].kind))).toEqual([
      'ManifestWork/addons: spec.workload.manifests[0].kind is required',
    ]);
    expect(validateObject(variant(work, (o) => (o.spec.workload.manifests[1].metadata.name = 'Not_A_Name')))).toEqual([
      expect.stringMatching(/^ManifestWork\/addons: spec\.workload\.manifests\[1\]\.metadata\.name must be a DNS-1123 subdomain/),
    ]);
    // An embedded object of a kind we have a CRD for is validated in full.
    const embedded = variant(work, (o) => o.spec.workload.manifests.push(variant(placement, (p) => (p.spec.sortBy = 'Random'))));
    expect(validateObject(embedded)).toEqual([
      'ManifestWork/addons: spec.workload.manifests[2] (Placement/prod): spec.sortBy must be one of ClusterName, Score (got "Random")',
    ]);
  });

  test('x-kubernetes-list-type map rejects two items with the same key', () => {
    const config = {
      apiVersion: 'addon.open-cluster-management.io/v1alpha1',
      kind: 'AddOnDeploymentConfig',
      metadata: { name: 'observability', namespace: 'open-cluster-management' },
      spec: {
        customizedVariables: [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
      },
    };
    expect(validateObject(config)).toEqual([
      'AddOnDeploymentConfig/observability: spec.customizedVariables has two items with the same key (name="LOG_LEVEL"): ' +
        '[0] and [1]; x-kubernetes-list-type is map',
    ]);
  });
});

describe('metadata and kinds', () => {
  test('metadata.name is required and must be a DNS-1123 subdomain; labels must be strings with valid keys', () => {
    expect(validateObject(variant(managedCluster, (o) => delete o.metadata.name))).toEqual([
      'ManagedCluster/<no name>: metadata.name is required',
    ]);
    expect(validateObject(variant(managedCluster, (o) => (o.metadata.name = 'Prod_1')))).toEqual([
      'ManagedCluster/Prod_1: metadata.name must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", ' +
        'starting and ending with a letter or digit, at most 253 characters) (got "Prod_1")',
    ]);
    const errors = validateObject(
      variant(managedCluster, (o) => {
        o.metadata.labels.replicas = 3;
        o.metadata.labels['bad key'] = 'x';
        o.metadata.labels.long = 'x'.repeat(64);
        o.metadata.resourceVersion = '42';
      }),
    );
    expect(errors).toEqual([
      'ManagedCluster/prod-1: metadata.labels.replicas must be a string (got 3)',
      expect.stringContaining('ManagedCluster/prod-1: metadata.labels["bad key"] has an invalid key'),
      expect.stringContaining('ManagedCluster/prod-1: metadata.labels.long must be a valid label value'),
      'ManagedCluster/prod-1: metadata.resourceVersion is set by the API server; never emit it',
    ]);
  });

  test('an unknown apiVersion/kind is an error', () => {
    expect(validateObject({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'm' } })).toEqual([
      expect.stringMatching(/^Cluster\/m: unknown apiVersion\/kind cluster\.karmada\.io\/v1alpha1 Cluster: no CRD under .* defines it/),
    ]);
    expect(validateObject({ ...managedCluster, apiVersion: 'cluster.open-cluster-management.io/v1beta1' })).toEqual([
      'ManagedCluster/prod-1: unknown apiVersion cluster.open-cluster-management.io/v1beta1 for kind ManagedCluster: ' +
        'the CRD serves cluster.open-cluster-management.io/v1',
    ]);
    expect(validateObject({ ...placement, kind: 'Placements' })[0]).toMatch(/unknown apiVersion\/kind .*Placements.*\(cluster\.open-cluster-management\.io\/v1beta1 has: .*Placement,/);
  });

  test('core Kubernetes kinds are accepted and only their metadata is checked', () => {
    expect(isBuiltInApiVersion('rbac.authorization.k8s.io/v1')).toBe(true);
    expect(validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fleet-system' } })).toEqual([]);
    expect(
      validateObject({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' }, rules: [] }),
    ).toEqual([]);
    expect(validateObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'Web' } })).toEqual([
      expect.stringContaining('Deployment/Web: metadata.name must be a DNS-1123 subdomain'),
    ]);
    expect(validateObject({ apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'web' } })).toEqual([
      'Deployment/web: apiVersion apps/v1beta1 is not a current built-in Kubernetes API version (use apps/v1)',
    ]);
  });

  test('validateObjects reports every object and duplicates', () => {
    const errors = validateObjects([managedCluster, placement, variant(placement, (o) => (o.spec.numberOfClusters = -1 + 0.5)), clusterProfile]);
    expect(errors).toEqual([
      'Placement/prod: spec.numberOfClusters must be an integer (got -0.5)',
      'Placement/prod: emitted twice (objects #2 and #3 have the same group, kind, namespace and name)',
    ]);
  });
});

describe('validateYamlFile', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-schema-test-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('validates every document of a multi-document file', () => {
    const file = path.join(dir, 'hub.k8s.yaml');
    fs.writeFileSync(
      file,
      [
        '---',
        'apiVersion: cluster.open-cluster-management.io/v1',
        'kind: ManagedCluster',
        'metadata:',
        '  name: prod-1',
        'spec:',
        '  hubAcceptsClient: true',
        '---',
        '# an empty document is skipped',
        '---',
        'apiVersion: cluster.open-cluster-management.io/v1beta1',
        'kind: Placement',
        'metadata:',
        '  name: prod',
        '  namespace: fleet-system',
        'spec:',
        '  sortBy: Random',
        '',
      ].join('\n'),
    );
    expect(validateYamlFile(file)).toEqual(['Placement/prod: spec.sortBy must be one of ClusterName, Score (got "Random")']);
  });

  test('reports scalars that kubectl (YAML 1.1) reads differently', () => {
    const file = path.join(dir, 'ambiguous.k8s.yaml');
    fs.writeFileSync(
      file,
      ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: flags', 'data:', '  enabled: on', '  mode: "0755"', ''].join('\n'),
    );
    expect(validateYamlFile(file)).toEqual([
      expect.stringMatching(/^ConfigMap\/flags: data\.enabled is read as true by YAML 1\.1 readers \(kubectl\) but as "on" by YAML 1\.2; quote it/),
    ]);
  });

  test('reports YAML syntax errors with the file name', () => {
    const file = path.join(dir, 'broken.k8s.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: [ConfigMap\n');
    expect(validateYamlFile(file)[0]).toContain(`${file}: document 1: YAML error:`);
  });
});

describe('loadCrdSchemas', () => {
  test('indexes every CRD version by apiVersion and kind, with scope and plural', () => {
    const index = loadCrdSchemas();
    expect(DEFAULT_CRD_DIR).toBe(path.resolve(__dirname, '..', '..', 'shared', 'crds'));
    expect(index.get(crdKey('cluster.open-cluster-management.io/v1', 'ManagedCluster'))).toMatchObject({
      scope: 'Cluster',
      plural: 'managedclusters',
    });
    expect(index.get(crdKey('cluster.open-cluster-management.io/v1beta1', 'Placement'))).toMatchObject({
      scope: 'Namespaced',
      plural: 'placements',
    });
    expect(index.get(crdKey('config.projectsveltos.io/v1beta1', 'ClusterProfile'))).toMatchObject({ scope: 'Cluster' });
    // Same kind name, different group: the cluster-inventory ClusterProfile.
    expect(index.get(crdKey('multicluster.x-k8s.io/v1alpha1', 'ClusterProfile'))).toMatchObject({ scope: 'Namespaced' });
    // Karmada's Cluster only exists as an OpenAPI .json file, which is not a CRD.
    expect([...index.values()].some((e) => e.group === 'cluster.karmada.io')).toBe(false);
    expect(loadCrdSchemas()).toBe(index); // cached
  });

  test('every CRD under ../shared/crds compiles', () => {
    expect(compileAllCrdSchemas()).toEqual([]);
  }, 180_000);
});
