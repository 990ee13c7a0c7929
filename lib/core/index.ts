export * from './errors';
export * from './names';
export * from './selector';
export * from './values';
export * from './order';
export * from './resource';
