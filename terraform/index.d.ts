export * from '../build/terraform';
