import { Protocol } from 'cdk8s-plus-28';
import { Problems } from '../common/validation';
import { PortReference } from '../container/port';
import { HealthCheck } from '../health/health-check';
import { ListedContainer, workloadContainerSpec } from '../pod/container-options';
import { ContainerSpec } from '../pod/pod-template';

/**
 * One container of the WebApp as the shared pod code takes it, with the default TCP
 * readiness check on the first TCP port of an app container that has none.
 *
 * @internal
 */
export function containerSpec(c: ListedContainer, isApp: boolean, defaultReadiness: boolean, problems: Problems): ContainerSpec {
  let readiness = c.readinessProbe;
  if (isApp && readiness === undefined && defaultReadiness) {
    const tcp = (c.ports ?? []).find(p => (p.protocol ?? Protocol.TCP) === Protocol.TCP);
    if (tcp) {
      readiness = HealthCheck.fromTcpSocket({
        port: tcp.name !== undefined ? PortReference.fromName(tcp.name) : PortReference.fromNumber(tcp.containerPort),
      });
    }
  }
  return { ...workloadContainerSpec(c, isApp, problems), readiness };
}
