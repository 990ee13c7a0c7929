export * from './labels';
export * from './cluster-profile';
export * from './inventory-namespace';
export * from './managed-service-account';
export * from './addons';
export * from './registration';
