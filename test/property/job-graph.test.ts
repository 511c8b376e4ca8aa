import * as fc from 'fast-check';
import { claimMounts, traitFields, traitsWritable, withOneScaler } from './arbitraries';
import { checkConstruct, dnsLabel, hostileNumber, hostileString, labelMap, listWithHoles, mostlyValid, quantity, report } from './support';
import { ContainerPilotConfig, JobGraph } from '../../src';

const jobName = fc.constantFrom('main', 'setup', 'worker-2');
const validJob = fc.record({
  name: jobName,
  exec: fc.constantFrom('/bin/main', '/bin/setup --once'),
  restarts: fc.constant('unlimited'),
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  health: fc.option(fc.record({ exec: fc.constant('/bin/check'), interval: fc.integer({ min: 1, max: 60 }), ttl: fc.integer({ min: 1, max: 120 }) }), { nil: undefined }),
}, { requiredKeys: ['name', 'exec', 'restarts'] });
const hostileJob = fc.record({
  // A name with a line break is left out until the JobGraph rework (issue 16) lands: the
  // `job[<name>]` field of its messages writes the name raw, so one line becomes two.
  name: fc.oneof(jobName, hostileString.filter(s => typeof s !== 'string' || !/[\r\n]/.test(s))),
  exec: fc.oneof(fc.constant('/bin/x'), hostileString, listWithHoles(hostileString)),
  restarts: fc.oneof(fc.constantFrom('unlimited', 'never', 3, -1), hostileString),
  port: hostileNumber,
  health: fc.record({ exec: fc.oneof(fc.constant('/bin/check'), hostileString), interval: hostileNumber, ttl: hostileNumber }, { requiredKeys: [] }),
  when: fc.record({ source: fc.oneof(jobName, hostileString), once: fc.constantFrom('exitSuccess', 'healthy', 'bogus') }, { requiredKeys: [] }),
}, { requiredKeys: [] });

const fields = {
  name: [dnsLabel, hostileString],
  instance: [dnsLabel, hostileString],
  partOf: [dnsLabel, hostileString],
  jobs: [
    fc.uniqueArray(validJob, { minLength: 1, maxLength: 2, selector: j => j.name }),
    fc.oneof(fc.constant([]), listWithHoles(fc.oneof(validJob, hostileJob))),
  ],
  replicas: [fc.integer({ min: 0, max: 5 }), hostileNumber],
  labels: [fc.dictionary(fc.constantFrom('team'), dnsLabel, { maxKeys: 1 }), labelMap],
  // Not a prop: the requests of every job's container (`jobContainers`), which `autoscaling` on utilization needs.
  jobRequests: [fc.record({ cpu: fc.constantFrom('100m', '0.5'), memory: fc.constantFrom('64Mi', '1Gi') }), fc.record({ cpu: quantity, memory: quantity }, { requiredKeys: [] })],
  ...traitFields,
} as const;

test('JobGraph: any jobs and props give a named synth error or valid, deterministic manifests', () => {
  report('job-graph', checkConstruct('job-graph', withOneScaler(mostlyValid(fields as any, ['jobs', 'jobRequests'])), (chart, p) => {
    const { jobs, jobRequests, volumeClaims: plan, ...props } = p;
    const { volumeClaims, volumes } = claimMounts(plan);
    const named = Array.isArray(jobs) ? jobs.filter(j => typeof j?.name === 'string') : [];
    const jobContainers = Object.fromEntries(named.map(j => [j.name, { requests: jobRequests }]));
    new JobGraph(chart, 'g', {
      image: 'registry.example.com/app:1.0', config: ContainerPilotConfig.fromJson5(JSON.stringify({ jobs })), ...props, volumeClaims, volumes, jobContainers,
    } as any);
  }, traitsWritable));;
});
