export * from './fleet-chart';
export * from './hub';
export * from './hub-facts';
export * from './fleet-app';
export * from './sveltos-addons';
export * from './karmada-control-plane';
export * from './kubefleet-hub';
export * from './fleet-workload';
