export * from './config';
export * from './job-graph';
export * from './model';
export * from './job-containers';
