export * from './core';
export * as ocm from './ocm';
export * as sveltos from './sveltos';
export * as inventory from './inventory';
export * as karmada from './karmada';
export * as kubefleet from './kubefleet';
export * from './fleet';
export * as testing from './testing';
export * as plan from './plan';
