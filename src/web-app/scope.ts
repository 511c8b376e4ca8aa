import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ContainerPortSpec } from '../container/image';

/** What the builders of a WebApp's resources read from it. @internal */
export interface WebAppScope extends Construct {
  readonly name: string;
  readonly selectorLabels: { [key: string]: string };
  readonly ports: ContainerPortSpec[];
  readonly deployment: kplus.Deployment;
  readonly service?: kplus.Service;
}
