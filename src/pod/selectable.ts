import { ContainerPortSpec } from '../container/image';

/**
 * A workload of this library whose pods a Service (or a ServiceWithHealthchecks, or a
 * monitor) can select: Worker and WebApp implement it.
 */
export interface ISelectableWorkload {
  /** The workload's name. */
  readonly name: string;
  /** The labels that select the workload's pods (stable across construct moves). */
  readonly selectorLabels: { [key: string]: string };
  /** Every port the workload's app containers declare, to resolve named target ports. */
  readonly ports: ContainerPortSpec[];
}
