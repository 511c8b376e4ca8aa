export * from './container';
export * from './http-route';
export * from './network';
export * from './web-app';
