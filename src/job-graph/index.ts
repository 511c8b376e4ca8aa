export * from './config';
export * from './job-graph';
export * from './model';
