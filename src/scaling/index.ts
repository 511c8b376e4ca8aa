export * from './autoscaling';
export * from './event-scaling';
export * from './metric';
export * from './scaling';
export * from './scheduled';
export * from './triggers';
