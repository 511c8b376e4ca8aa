export * from './container';
export * from './network';
export * from './scaling';
export * from './web-app';
