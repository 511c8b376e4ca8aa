export * from './container';
export * from './network';
export * from './web-app';
