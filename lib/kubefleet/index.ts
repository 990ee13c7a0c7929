export * from './values';
export * from './member-cluster';
export * from './cluster-resource-placement';
export * from './cluster-staged-update-strategy';
export * from './cluster-staged-update-run';
export * from './override-rule';
export * from './cluster-resource-override';
export * from './resource-override';
