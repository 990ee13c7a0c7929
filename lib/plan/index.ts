export * from './fleet-plan';
export * from './rules';
export * from './render';
export * as ocmSim from './ocm/placement';
export * as ocmModel from './ocm/model';
export * as sveltosSim from './sveltos/selection';
export * as sveltosRollout from './sveltos/rollout';
export * as sveltosModel from './sveltos/model';
export * from './io';
