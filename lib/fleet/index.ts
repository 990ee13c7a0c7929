export * from './fleet-chart';
export * from './hub';
