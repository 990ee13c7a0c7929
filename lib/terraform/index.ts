export * from './backend';
export * from './hub-manifests-stack';
export * from './hub-stack';
export * from './kubeconfig-source';
export * from './pinned-chart';
export * from './spoke-stack';
