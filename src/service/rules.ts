import { isIP } from 'net';
import { Protocol, ServiceType } from 'cdk8s-plus-28';
import { ServiceTrafficPolicy, ServiceIpFamily, ServiceIpFamilyPolicy } from './service-enums';
import { DNS_LABEL, DNS_LABEL_TEXT, DNS_SUBDOMAIN, isLabelKey } from '../common/formats';
import { Problems, show } from '../common/validation';

/** The fields of one Service port the rules check. @internal */
export interface ServicePortFields {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: Protocol;
  readonly nodePort?: number;
  readonly appProtocol?: string;
}

/** The LoadBalancer fields the rules check. @internal */
export interface LoadBalancerFields {
  readonly loadBalancerClass?: string;
  readonly loadBalancerIp?: string;
  readonly loadBalancerSourceRanges?: string[];
  readonly allocateLoadBalancerNodePorts?: boolean;
}

/**
 * The Service rules (Kubernetes' and Deckhouse's), in one place: every construct that
 * writes a Service or a Service-like object checks its fields here. Each method records
 * its problems under the field names of the object checked.
 *
 * @internal
 */
export class ServiceRules {
  constructor(private readonly problems: Problems, public readonly type: ServiceType) {}

  /** A field only some types accept. */
  public onlyFor(field: string, value: unknown, types: ServiceType[]): boolean {
    if (value === undefined || types.includes(this.type)) return true;
    const list = types.map(t => JSON.stringify(t)).join(' or ');
    this.problems.badValue(field, value, `only applies to type ${list} (type is ${show(this.type)})`,
      `Remove it or set type to ${list}`);
    return false;
  }

  public notForExternalName(field: string, value: unknown): boolean {
    if (value === undefined || this.type !== ServiceType.EXTERNAL_NAME) return true;
    this.problems.badValue(field, value, 'does not apply to type "ExternalName"', 'Remove it or change the type');
    return false;
  }

  public externalName(value: string | undefined) {
    if (this.type === ServiceType.EXTERNAL_NAME) {
      if (value === undefined || value === '') this.problems.add('externalName', 'is required because type is "ExternalName": the DNS name this Service is an alias for');
      else this.problems.pattern('externalName', value, DNS_SUBDOMAIN, 'a lower-case RFC 1123 DNS name, such as "db.example.com"');
    } else if (value !== undefined) {
      this.problems.badValue('externalName', value, `only applies to type "ExternalName" (type is ${show(this.type)})`, 'Remove it or set type to "ExternalName"');
    }
  }

  public clusterIp(value: string | undefined) {
    if (value === undefined) return;
    if (this.type === ServiceType.EXTERNAL_NAME) {
      this.problems.badValue('clusterIp', value, 'must not be set for type "ExternalName" (it has no cluster IP)');
    } else if (value !== 'None' && value !== '' && !isIP(value)) {
      this.problems.badValue('clusterIp', value, 'must be "None" (headless), "" (allocate) or an IPv4/IPv6 address');
    }
  }

  public externalTraffic(policy: ServiceTrafficPolicy | undefined, healthCheckNodePort: number | undefined) {
    if (this.onlyFor('externalTrafficPolicy', policy, [ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER])) {
      this.problems.oneOf('externalTrafficPolicy', policy, Object.values(ServiceTrafficPolicy));
    }
    if (healthCheckNodePort === undefined) return;
    if (this.type !== ServiceType.LOAD_BALANCER || policy !== ServiceTrafficPolicy.LOCAL) {
      this.problems.badValue('healthCheckNodePort', healthCheckNodePort,
        `only applies to type "LoadBalancer" with externalTrafficPolicy "Local" (type is ${show(this.type)}, externalTrafficPolicy is ${policy === undefined ? 'not set' : show(policy)})`,
        'Remove it, or set both');
    } else {
      this.problems.integer('healthCheckNodePort', healthCheckNodePort, 1, 65535);
    }
  }

  public ipFamilies(families: ServiceIpFamily[] | undefined, policy: ServiceIpFamilyPolicy | undefined) {
    this.notForExternalName('ipFamilyPolicy', policy);
    this.problems.oneOf('ipFamilyPolicy', policy, Object.values(ServiceIpFamilyPolicy));
    if (families === undefined || !this.notForExternalName('ipFamilies', families)) return;
    families.forEach((f, i) => this.problems.oneOf(`ipFamilies[${i}]`, f, Object.values(ServiceIpFamily)));
    if (families.length > 2) {
      this.problems.badValue('ipFamilies', families, 'may list at most two families (one IPv4 and one IPv6)');
    } else if (new Set(families).size !== families.length) {
      this.problems.badValue('ipFamilies', families, 'lists a family twice; a dual-stack Service has one IPv4 and one IPv6 family');
    } else if (families.length === 2 && policy !== ServiceIpFamilyPolicy.PREFER_DUAL_STACK && policy !== ServiceIpFamilyPolicy.REQUIRE_DUAL_STACK) {
      this.problems.badValue('ipFamilies', families,
        `two families need ipFamilyPolicy "PreferDualStack" or "RequireDualStack" (ipFamilyPolicy is ${policy === undefined ? 'not set, which means "SingleStack"' : show(policy)})`);
    }
  }

  public loadBalancer(props: LoadBalancerFields) {
    const lb = [ServiceType.LOAD_BALANCER];
    if (this.onlyFor('loadBalancerClass', props.loadBalancerClass, lb) && props.loadBalancerClass !== undefined && !isLabelKey(props.loadBalancerClass)) {
      this.problems.badValue('loadBalancerClass', props.loadBalancerClass, 'must be a label-style name with an optional DNS prefix, such as "internal-vip" or "example.com/internal-vip"');
    }
    if (this.onlyFor('loadBalancerIp', props.loadBalancerIp, lb) && props.loadBalancerIp !== undefined && !isIP(props.loadBalancerIp)) {
      this.problems.badValue('loadBalancerIp', props.loadBalancerIp, 'must be an IPv4 or IPv6 address');
    }
    if (this.onlyFor('loadBalancerSourceRanges', props.loadBalancerSourceRanges, lb)) {
      for (const [i, cidr] of (props.loadBalancerSourceRanges ?? []).entries()) {
        if (!isCidr(cidr)) this.problems.badValue(`loadBalancerSourceRanges[${i}]`, cidr, 'must be a CIDR such as "203.0.113.0/24" or "2001:db8::/32"');
      }
    }
    this.onlyFor('allocateLoadBalancerNodePorts', props.allocateLoadBalancerNodePorts, lb);
  }

  /**
   * The rules of the ports themselves: number, protocol, name (a lower-case RFC 1123
   * label, unique, required when there are several), each port and protocol once, node
   * ports only for NodePort and LoadBalancer and unique per protocol, appProtocol.
   */
  public checkPorts(ports: ServicePortFields[], at: (i: number) => number = i => i): void {
    const p = this.problems;
    const nodePortTypes = [ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER];
    const names = new Map<string, number>();
    const keys = new Map<string, number>();
    const nodePorts = new Map<string, number>();
    ports.forEach((port, i) => {
      const f = `ports[${at(i)}]`;
      const protocol = port.protocol ?? Protocol.TCP;
      p.requiredInteger(`${f}.port`, port.port, 1, 65535, 'the port number the Service listens on, 1..65535');
      p.oneOf(`${f}.protocol`, protocol, Object.values(Protocol));
      if (port.name !== undefined) {
        if (p.pattern(`${f}.name`, port.name, DNS_LABEL, DNS_LABEL_TEXT)) {
          if (names.has(port.name)) p.badValue(`${f}.name`, port.name, `port names must be unique, and ports[${names.get(port.name)}] already has this one`);
          else names.set(port.name, at(i));
        }
      } else if (ports.length > 1) {
        p.add(`${f}.name`, `is required because the Service has ${ports.length} ports; name each one (a lower-case RFC 1123 label such as "http")`);
      }
      const key = `${port.port}/${protocol}`;
      if (keys.has(key)) p.badValue(`${f}.port`, port.port, `ports[${keys.get(key)}] already uses ${key}; each port and protocol pair may appear once`);
      else keys.set(key, at(i));
      if (this.onlyFor(`${f}.nodePort`, port.nodePort, nodePortTypes) && port.nodePort !== undefined && p.integer(`${f}.nodePort`, port.nodePort, 1, 65535)) {
        const nk = `${port.nodePort}/${protocol}`;
        if (nodePorts.has(nk)) p.badValue(`${f}.nodePort`, port.nodePort, `ports[${nodePorts.get(nk)}] already uses this node port for ${protocol}; node ports must be unique per protocol`);
        else nodePorts.set(nk, at(i));
      }
      if (port.appProtocol !== undefined && !isLabelKey(port.appProtocol)) {
        p.badValue(`${f}.appProtocol`, port.appProtocol, 'must be an IANA service name ("http"), a Kubernetes name ("kubernetes.io/h2c") or a prefixed name ("example.com/proto")');
      }
    });
  }
}

/** A CIDR such as "10.0.0.0/8" or "2001:db8::/32". @internal */
export function isCidr(value: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return false;
  const v = isIP(m[1]);
  const len = Number(m[2]);
  return (v === 4 && len <= 32) || (v === 6 && len <= 128);
}
