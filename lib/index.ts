export * from './core';
export * as ocm from './ocm';
export * from './fleet';
export * as testing from './testing';
export * as plan from './plan';
