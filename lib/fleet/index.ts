export * from './fleet-chart';
export * from './hub';
export * from './fleet-app';
export * from './sveltos-addons';
