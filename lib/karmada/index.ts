export * from './values';
export * from './overriders';
export * from './propagation-policy';
export * from './cluster-propagation-policy';
export * from './override-policy';
export * from './cluster-override-policy';
export * from './cluster';
