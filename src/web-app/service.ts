import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Protocol, ServiceType } from 'cdk8s-plus-28';
import { WebAppServiceOptions, WebAppServicePort } from './network';
import { WebAppScope } from './scope';
import { checkMetadata, checkServiceName } from '../common/labels';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { DeclaredPort, PortReference } from '../container/port';
import { MonitoredService } from '../monitoring/apply';
import { listPlaces } from '../pod/checks';
import { ServiceRules } from '../service/rules';

/** The app's Service: the shared Service rules, targets resolved against the app containers' ports. @internal */
export function buildService(
  app: WebAppScope, o: WebAppServiceOptions, recommended: Record<string, string>, problems: Problems,
  field = 'service', id = 'Service',
): { service: kplus.Service; ports: MonitoredService['ports'] } {
  const name = o.name ?? app.name;
  checkMetadata(problems, { name, labels: o.labels, annotations: o.annotations, field });
  checkServiceName(problems, o.name !== undefined ? `${field}.name` : 'name', name, o.name === undefined);
  const type = o.type ?? ServiceType.CLUSTER_IP;
  // ExternalName makes no sense for a Service in front of the app's own pods.
  problems.oneOf(`${field}.type`, type, [ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER]);
  if (o.headless && type !== ServiceType.CLUSTER_IP) {
    problems.badValue(`${field}.headless`, true, `is only allowed with type ClusterIP, not ${JSON.stringify(type)}`, 'Drop `headless` or use ServiceType.CLUSTER_IP');
  }
  // The Service rules every construct shares, under the `service.` prefix.
  const ruleProblems = new Problems();
  const rules = new ServiceRules(ruleProblems, type);
  rules.externalTraffic(o.externalTrafficPolicy, undefined);

  const declared = app.ports.map(p => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
  const { list: givenPorts, at } = listPlaces(problems, `${field}.ports`, o.ports, 'a Service port ({ port, targetPort, name })');
  const ports: WebAppServicePort[] = givenPorts ?? declared.map(p => ({
    port: p.containerPort,
    targetPort: p.name !== undefined ? PortReference.fromName(p.name) : PortReference.fromNumber(p.containerPort),
    name: p.name,
    protocol: p.protocol as Protocol | undefined,
  }));
  if (ports.length === 0) problems.add(`${field}.ports`, 'is empty and no app container declares a port; declare the container port or give the Service ports');

  const rendered = ports.map((p, i) => {
    const f = `${field}.ports[${at(i)}]`;
    const protocol = p.protocol ?? Protocol.TCP;
    // The target: a port an app container declares (ACK: "the container port must match
    // a port the pods expose").
    let target: DeclaredPort | undefined;
    let targetValue: number | string = p.port;
    if (p.targetPort?.name !== undefined) {
      targetValue = p.targetPort.name;
      target = declared.find(d => d.name === p.targetPort!.name);
      if (!target) problems.badValue(`${f}.targetPort`, p.targetPort.name, `no app container declares a port of that name (declared: ${describePorts(declared)})`);
    } else {
      targetValue = p.targetPort?.number ?? p.port;
      if (problems.integer(`${f}.targetPort`, targetValue, 1, 65535)) {
        target = declared.find(d => d.containerPort === targetValue && (d.protocol ?? Protocol.TCP) === protocol);
        if (!target) problems.badValue(`${f}.targetPort`, targetValue, `no app container declares ${protocol} port ${targetValue} (declared: ${describePorts(declared)})`, 'Declare the port on the container or map to one it declares');
      }
    }
    if (target && (target.protocol ?? Protocol.TCP) !== protocol) {
      problems.badValue(`${f}.protocol`, protocol, `does not match the target container port's protocol ${JSON.stringify(target.protocol ?? Protocol.TCP)}`);
    }
    // An unnamed Service port takes the name of the container port it maps to.
    return { port: p.port, name: p.name ?? target?.name, protocol, nodePort: p.nodePort, targetValue };
  });
  rules.checkPorts(rendered, at);
  problems.merge(field, ruleProblems);

  const service = new kplus.Service(app, id, {
    metadata: { name, labels: { ...o.labels, ...recommended }, annotations: o.annotations },
    type: type as unknown as kplus.ServiceType,
    clusterIP: o.headless ? 'None' : undefined,
    ports: rendered.map(p => ({
      port: p.port,
      name: p.name,
      protocol: p.protocol as unknown as kplus.Protocol,
      nodePort: p.nodePort,
      targetPort: typeof p.targetValue === 'number' ? p.targetValue : undefined,
    })),
  });
  for (const [k, v] of Object.entries(app.selectorLabels)) service.selectLabel(k, v);
  const api = ApiObject.of(service);
  Patches.removeServiceExternalIPs(api);
  rendered.forEach((p, i) => {
    if (typeof p.targetValue === 'string') Patches.serviceNamedTargetPort(api, i, p.targetValue);
  });
  if (o.externalTrafficPolicy !== undefined && type !== ServiceType.CLUSTER_IP) {
    Patches.serviceExternalTrafficPolicy(api, o.externalTrafficPolicy);
  }
  return { service, ports: rendered.map(p => ({ name: p.name, port: p.port, targetPort: p.targetValue })) };
}

function describePorts(ports: DeclaredPort[]): string {
  if (ports.length === 0) return 'none';
  return ports.map(p => `${p.name ? `${p.name}=` : ''}${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}
