import { Chart } from 'cdk8s';
import { ContainerPilotConfig, JobGraph, JobGraphProps } from '../../src';
import { newChart } from '../support/synth';

/** A chart with one JobGraph "g" whose jobs are given as a containerpilot.json5 would hold them. */
export function graphOf(jobs: unknown, props: Partial<JobGraphProps> = {}): { chart: Chart; graph: JobGraph } {
  const chart = newChart();
  const graph = new JobGraph(chart, 'g', {
    image: 'registry.example.com/app:1.0',
    config: ContainerPilotConfig.fromJson5(JSON.stringify({ jobs })),
    ...props,
  });
  return { chart, graph };
}

/** A long-running job, so a graph has the container a Deployment needs. */
export const MAIN = { name: 'main', exec: '/bin/main', restarts: 'unlimited' };
