import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { WebAppIngressOptions, WebAppIngressPathType } from './network';
import { WebAppScope } from './scope';
import { appendTo } from '../common/collections';
import { DNS_LABEL, DNS_LABEL_TEXT, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT } from '../common/formats';
import { checkMetadata } from '../common/labels';
import { Problems } from '../common/validation';
import { listEntries } from '../pod/checks';

/** The app's Ingress, and the nginx canary Ingress when asked. @internal */
export function buildIngress(
  app: WebAppScope, o: WebAppIngressOptions, recommended: Record<string, string>, problems: Problems,
): { ingress: kplus.Ingress; canary?: ApiObject } {
  const service = app.service!;
  const name = o.name ?? app.name;
  checkMetadata(problems, { name, labels: o.labels, annotations: o.annotations, field: 'ingress' });
  if (o.ingressClassName !== undefined) problems.pattern('ingress.ingressClassName', o.ingressClassName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
  const servicePorts = service.ports.map(p => p.port);

  const ingress = new kplus.Ingress(app, 'Ingress', {
    metadata: { name, labels: { ...o.labels, ...recommended }, annotations: o.annotations },
    className: o.ingressClassName,
  });
  const rules = listEntries(problems, 'ingress.rules', o.rules, 'a rule ({ host, path, servicePort })');
  if (rules.length === 0) problems.add('ingress.rules', 'is empty; give at least one rule of host + path');
  const seen = new Set<string>();
  const ruleHosts = new Set<string>();
  const okRules: { host?: string; path: string; pathType: WebAppIngressPathType }[] = [];
  rules.forEach(([r, i]) => {
    const f = `ingress.rules[${i}]`;
    const path = r.path ?? '/';
    const pathType = r.pathType ?? WebAppIngressPathType.PREFIX;
    let ok = true;
    if (r.host !== undefined && !isIngressHost(r.host)) {
      problems.badValue(`${f}.host`, r.host, 'must be a lower-case DNS name (a "*." wildcard is allowed as the first label), without a port or an IP address');
      ok = false;
    }
    if (typeof path !== 'string' || !path.startsWith('/')) {
      problems.badValue(`${f}.path`, path, 'must start with "/"');
      ok = false;
    }
    ok = problems.oneOf(`${f}.pathType`, pathType, Object.values(WebAppIngressPathType)) && ok;
    const key = `${r.host ?? ''}${path}`;
    if (seen.has(key)) {
      problems.badValue(`${f}.path`, path, `is already routed for host ${JSON.stringify(r.host ?? '*')}; each host + path may appear once`);
      ok = false;
    }
    seen.add(key);
    let port = r.servicePort;
    if (port === undefined) {
      if (servicePorts.length === 1) {
        port = servicePorts[0];
      } else if (servicePorts.length > 1) {
        problems.add(`${f}.servicePort`, `is required because the Service has several ports (${servicePorts.join(', ')})`);
        ok = false;
      }
    } else if (!servicePorts.includes(port)) {
      problems.badValue(`${f}.servicePort`, port, `is not a port of Service ${JSON.stringify(service.name)} (its ports: ${servicePorts.join(', ') || 'none'})`);
      ok = false;
    }
    if (r.host !== undefined) ruleHosts.add(r.host);
    // A Service port that is no port number (NaN from JavaScript) is the Service's problem,
    // reported there; cdk8s-plus would throw on it here (NaN equals no port, itself included).
    if (!ok || port === undefined || !Number.isInteger(port)) return;
    const backend = kplus.IngressBackend.fromService(service, { port });
    const kpathType = pathType as unknown as kplus.HttpIngressPathType;
    if (r.host !== undefined) ingress.addHostRule(r.host, path, backend, kpathType);
    else ingress.addRule(path, backend, kpathType);
    okRules.push({ host: r.host, path, pathType });
  });
  if (okRules.length === 0) {
    // Every rule was refused above, each with its own message (or the list is empty,
    // which is reported too); cdk8s-plus would add "ingress with no rules or default
    // backend" for the same mistake. One mistake, one line.
    (ingress as unknown as { _validate: () => string[] })._validate = () => [];
  }

  listEntries(problems, 'ingress.tls', o.tls, 'a TLS entry ({ hosts, secretName })').forEach(([t, i]) => {
    const f = `ingress.tls[${i}]`;
    problems.pattern(`${f}.secretName`, t.secretName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
    if (!t.hosts || t.hosts.length === 0) problems.add(`${f}.hosts`, 'is empty; list the hosts the certificate covers');
    (t.hosts ?? []).forEach((h, j) => {
      if (!ruleHosts.has(h)) {
        problems.badValue(`${f}.hosts[${j}]`, h, `is not the host of any rule (rule hosts: ${[...ruleHosts].map(x => JSON.stringify(x)).join(', ') || 'none'}); TLS for a host no rule serves is never used`, 'Add a rule for the host or fix the spelling');
      }
    });
    ingress.addTls([{ hosts: t.hosts, secret: kplus.Secret.fromSecretName(app, `TlsSecret${i}`, t.secretName) }]);
  });

  let canary: ApiObject | undefined;
  if (o.canary !== undefined) {
    const c = o.canary;
    const total = c.weightTotal ?? 100;
    problems.pattern('ingress.canary.serviceName', c.serviceName, DNS_LABEL, DNS_LABEL_TEXT);
    if (c.serviceName === service.name) {
      problems.badValue('ingress.canary.serviceName', c.serviceName, 'is the app\'s own Service; the canary must be another Service (the new version\'s)');
    }
    problems.requiredInteger('ingress.canary.servicePort', c.servicePort, 1, 65535, 'the canary Service\'s port, 1..65535');
    if (problems.integer('ingress.canary.weightTotal', total, 1)) {
      problems.integer('ingress.canary.weight', c.weight, 0, total);
    }
    const annotations = o.annotations ?? {};
    if (annotations['nginx.ingress.kubernetes.io/canary'] !== undefined) {
      problems.add('ingress.annotations', 'sets "nginx.ingress.kubernetes.io/canary" on the main Ingress; use `ingress.canary` instead, which writes a separate canary Ingress');
    }
    canary = new kplus.k8s.KubeIngress(app, 'CanaryIngress', {
      metadata: {
        name: `${name}-canary`,
        labels: { ...o.labels, ...recommended },
        annotations: {
          'nginx.ingress.kubernetes.io/canary': 'true',
          'nginx.ingress.kubernetes.io/canary-weight': String(c.weight),
          ...(total !== 100 ? { 'nginx.ingress.kubernetes.io/canary-weight-total': String(total) } : {}),
        },
      },
      spec: {
        ingressClassName: o.ingressClassName,
        rules: groupByHost(okRules).map(([host, paths]) => ({
          host,
          http: {
            paths: paths.map(p => ({
              path: p.path,
              pathType: p.pathType,
              backend: { service: { name: c.serviceName, port: { number: c.servicePort } } },
            })),
          },
        })),
      },
    });
  }
  return { ingress, canary };
}

/** An Ingress rule host: a DNS subdomain, optionally "*." + one; no IP, no port. */
function isIngressHost(host: string): boolean {
  if (typeof host !== 'string') return false;
  const h = host.startsWith('*.') ? host.slice(2) : host;
  if (!DNS_SUBDOMAIN.test(h)) return false;
  return !/^[0-9.]+$/.test(h);
}

function groupByHost<T extends { host?: string }>(rules: T[]): [string | undefined, T[]][] {
  const out = new Map<string, T[]>();
  for (const r of rules) {
    const k = r.host ?? '';
    appendTo(out, k, r);
  }
  return [...out.entries()].map(([k, v]) => [k === '' ? undefined : k, v]);
}
