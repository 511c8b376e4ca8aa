import { isIP } from 'net';
import { WebAppScope } from './scope';
import { appendTo } from '../common/collections';
import { DNS_LABEL, DNS_LABEL_TEXT, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT, HTTP_TOKEN, HTTP_TOKEN_TEXT } from '../common/formats';
import { checkMetadata } from '../common/labels';
import { Problems } from '../common/validation';
import { HttpRoute, HttpRouteSpecRules, HttpRouteSpecRulesMatches } from '../imports/httproute';
import { listPlaces } from '../pod/checks';

/** How an HTTPRoute path matches (Gateway API's portable types). */
export enum HttpRoutePathType {
  /** By path prefix, element by element ("/api" matches "/api" and "/api/v1", not "/apiv1"). */
  PATH_PREFIX = 'PathPrefix',
  /** The exact path. */
  EXACT = 'Exact',
}

/** How an HTTPRoute header value matches. */
export enum HttpRouteHeaderMatchType {
  /** The exact value. */
  EXACT = 'Exact',
  /** A regular expression, in the dialect of the Gateway implementation. */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** A request header an HTTPRoute match requires. */
export interface HttpRouteHeaderMatch {
  /** The header name (case-insensitive), an HTTP token such as "x-canary". */
  readonly name: string;
  /** The value, 1 to 4096 characters. */
  readonly value: string;
  /**
   * How the value matches.
   * @default HttpRouteHeaderMatchType.EXACT
   */
  readonly type?: HttpRouteHeaderMatchType;
}

/** One match of an HTTPRoute rule: a path, and optionally headers that must all match. */
export interface HttpRouteMatch {
  /**
   * The path: absolute, without "//", "/./", "/../", "%2f", "#", a trailing "/." or
   * "/..", at most 1024 characters.
   * @default "/"
   */
  readonly path?: string;
  /**
   * How the path matches.
   * @default HttpRoutePathType.PATH_PREFIX
   */
  readonly pathType?: HttpRoutePathType;
  /**
   * Headers the request must carry, at most 16.
   * @default - none
   */
  readonly headers?: HttpRouteHeaderMatch[];
}

/** Another Service a rule sends a weighted share of its requests to (a canary). */
export interface HttpRouteBackend {
  /** The Service's name (e.g. the new version's). */
  readonly serviceName: string;
  /** The Service's port. */
  readonly port: number;
  /** Its weight, 0..1000000: it gets weight / (sum of the rule's weights) of the requests. */
  readonly weight: number;
  /**
   * The Service's namespace; another namespace needs a ReferenceGrant there that allows
   * HTTPRoutes of this namespace to refer to it.
   * @default - the HTTPRoute's namespace
   */
  readonly namespace?: string;
}

/** One HTTPRoute rule: its matches, sent to the app's Service (and weighted backends). */
export interface HttpRouteRule {
  /**
   * The requests this rule takes (any of them), at most 64.
   * @default - one match: path prefix "/"
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * The port of the app's Service to send to.
   * @default - the Service's only port (required when it has several)
   */
  readonly servicePort?: number;
  /**
   * The weight of the app's Service, 0..1000000; required when `backends` are listed, so
   * the split is written down.
   * @default 1 (the only backend)
   */
  readonly weight?: number;
  /**
   * Other Services that get a weighted share of this rule's requests (a canary), at most
   * 15 beside the app's Service.
   * @default - none
   */
  readonly backends?: HttpRouteBackend[];
}

/** The Gateway (listener) an HTTPRoute attaches to. */
export interface GatewayParentRef {
  /** The Gateway's name. */
  readonly name: string;
  /**
   * The Gateway's namespace (its listener must allow routes from this namespace).
   * @default - the HTTPRoute's namespace
   */
  readonly namespace?: string;
  /**
   * The listener's name; required when the route attaches to the same Gateway more than once.
   * @default - every listener of the Gateway that accepts the route
   */
  readonly sectionName?: string;
  /**
   * The listener's port.
   * @default - every port
   */
  readonly port?: number;
}

/**
 * A Gateway API HTTPRoute (gateway.networking.k8s.io/v1) to the app's Service: the
 * portable successor of the Ingress, with weighted backends for canaries in the standard
 * API instead of ingress-nginx annotations.
 */
export interface WebAppHttpRouteOptions {
  /**
   * The HTTPRoute's name.
   * @default - the app's name
   */
  readonly name?: string;
  /** The Gateways the route attaches to, 1 to 32. */
  readonly parentRefs: GatewayParentRef[];
  /**
   * The host names the route serves (a "*." wildcard allowed as the first label; no IP
   * addresses), at most 16.
   * @default - every host the Gateway's listener accepts
   */
  readonly hostnames?: string[];
  /**
   * The rules, at most 16 (and 128 matches in all).
   * @default - one rule: path prefix "/" to the Service's only port
   */
  readonly rules?: HttpRouteRule[];
  /**
   * Labels of the HTTPRoute (beside the recommended labels).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the HTTPRoute.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** A Gateway API hostname: a DNS subdomain, optionally after "*." (the CRD's pattern), at most 253 characters. */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The characters the CRD allows in an Exact or PathPrefix path. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;
/** A Gateway listener name (the CRD's SectionName). */
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_WEIGHT = 1000000;

/**
 * The path rules the HTTPRoute CRD checks with CEL (x-kubernetes-validations), which a
 * schema check does not run: the problem, or undefined.
 */
function pathProblem(path: string): string | undefined {
  if (path.length > 1024) return 'must be at most 1024 characters';
  if (!path.startsWith('/')) return 'must be an absolute path and start with "/"';
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (path.includes(bad)) return `must not contain ${JSON.stringify(bad)}`;
  }
  for (const bad of ['/..', '/.']) {
    if (path.endsWith(bad)) return `must not end with ${JSON.stringify(bad)}`;
  }
  if (!PATH_CHARS.test(path)) return 'must only contain letters, digits, "-._~!$&\'()*+,;=:@/" and %-escapes such as "%20"';
  return undefined;
}

/** The app's HTTPRoute, every schema and CEL rule of the fields it writes checked. @internal */
export function buildHttpRoute(app: WebAppScope, o: WebAppHttpRouteOptions, recommended: Record<string, string>, problems: Problems): HttpRoute {
  const service = app.service!;
  const f = (x: string) => `httpRoute.${x}`;
  const name = o.name ?? app.name;
  checkMetadata(problems, { name, labels: o.labels, annotations: o.annotations, field: 'httpRoute' });

  // parentRefs: 1..32, each a name (+ namespace, listener, port); one parent twice needs distinct listeners.
  const { list: givenParents, at: parentAt } = listPlaces(problems, f('parentRefs'), o.parentRefs, 'a Gateway ({ name, namespace, sectionName })');
  const parents = givenParents ?? [];
  if (parents.length === 0) problems.add(f('parentRefs'), 'is empty; name the Gateway the route attaches to (an HTTPRoute with no parent serves no traffic)');
  if (parents.length > 32) problems.add(f('parentRefs'), `lists ${parents.length} parents; at most 32 are allowed`);
  const byParent = new Map<string, number[]>();
  parents.forEach((p, i) => {
    const pf = f(`parentRefs[${parentAt(i)}]`);
    problems.pattern(`${pf}.name`, p.name, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
    problems.pattern(`${pf}.namespace`, p.namespace, DNS_LABEL, DNS_LABEL_TEXT);
    if (p.sectionName !== undefined && (p.sectionName.length > 253 || !SECTION_NAME.test(p.sectionName))) {
      problems.badValue(`${pf}.sectionName`, p.sectionName, 'must be a listener name: lower-case letters, digits, "-" and ".", at most 253 characters');
    }
    problems.integer(`${pf}.port`, p.port, 1, 65535);
    const key = JSON.stringify([p.namespace ?? '', p.name]);
    appendTo(byParent, key, i);
  });
  for (const indexes of byParent.values()) {
    if (indexes.length < 2) continue;
    const gateway = `${parents[indexes[0]].namespace ? `${parents[indexes[0]].namespace}/` : ''}${parents[indexes[0]].name}`;
    const seen = new Map<string, number>();
    for (const i of indexes) {
      const section = parents[i].sectionName;
      if (section === undefined || section === '') {
        problems.add(f(`parentRefs[${parentAt(i)}].sectionName`), `is required: the route attaches to Gateway ${JSON.stringify(gateway)} ${indexes.length} times, so each reference names its listener`);
      } else if (seen.has(section)) {
        problems.badValue(f(`parentRefs[${parentAt(i)}].sectionName`), section, `parentRefs[${parentAt(seen.get(section)!)}] already attaches to this listener of Gateway ${JSON.stringify(gateway)}; each listener may be named once`);
      } else {
        seen.set(section, i);
      }
    }
  }

  // hostnames: at most 16, the CRD's pattern, no IP address (the Gateway refuses those).
  const { list: givenHostnames, at: hostAt } = listPlaces(problems, f('hostnames'), o.hostnames, 'a host name');
  const hostnames = givenHostnames ?? [];
  if (hostnames.length > 16) problems.add(f('hostnames'), `lists ${hostnames.length} host names; at most 16 are allowed`);
  hostnames.forEach((h, i) => {
    if (typeof h !== 'string' || h.length > 253 || !HOSTNAME.test(h) || isIP(h) !== 0) {
      problems.badValue(f(`hostnames[${hostAt(i)}]`), h, 'must be a lower-case DNS name (a "*." wildcard is allowed as the first label), not an IP address, at most 253 characters');
    } else if (hostnames.indexOf(h) !== i) {
      problems.badValue(f(`hostnames[${hostAt(i)}]`), h, `is already listed (hostnames[${hostAt(hostnames.indexOf(h))}])`);
    }
  });

  // rules: at most 16, 64 matches each, 128 in all; each to a port of the app's Service.
  const servicePorts = service.ports.map(p => p.port);
  const { list: givenRules, at: ruleAt } = listPlaces(problems, f('rules'), o.rules, 'a rule ({ matches, servicePort, weight, backends })');
  const rules = givenRules ?? [{}];
  if (rules.length === 0) problems.add(f('rules'), 'is empty; leave it out for one rule to the Service, or list the rules');
  if (rules.length > 16) problems.add(f('rules'), `lists ${rules.length} rules; at most 16 are allowed`);
  let totalMatches = 0;
  const rendered: HttpRouteSpecRules[] = [];
  rules.forEach((r, i) => {
    const rf = f(`rules[${ruleAt(i)}]`);
    const { list: givenMatches, at: matchAt } = listPlaces(problems, `${rf}.matches`, r.matches, 'a match ({ path, pathType, headers })');
    const matches = givenMatches ?? [{}];
    if (matches.length === 0) problems.add(`${rf}.matches`, 'is empty; leave it out to match every path, or list the matches');
    if (matches.length > 64) problems.add(`${rf}.matches`, `lists ${matches.length} matches; at most 64 are allowed per rule`);
    totalMatches += matches.length;
    const kmatches = matches.map((m, j) => renderMatch(problems, `${rf}.matches[${matchAt(j)}]`, m));

    let port = r.servicePort;
    if (port === undefined) {
      if (servicePorts.length === 1) port = servicePorts[0];
      else if (servicePorts.length > 1) problems.add(`${rf}.servicePort`, `is required because the Service has several ports (${servicePorts.join(', ')})`);
    } else if (!servicePorts.includes(port)) {
      problems.badValue(`${rf}.servicePort`, port, `is not a port of Service ${JSON.stringify(service.name)} (its ports: ${servicePorts.join(', ') || 'none'})`);
    }
    const { list: givenBackends, at: backendAt } = listPlaces(problems, `${rf}.backends`, r.backends, 'a backend ({ serviceName, port, weight })');
    const backends = givenBackends ?? [];
    if (backends.length > 15) problems.add(`${rf}.backends`, `lists ${backends.length} backends; at most 15 are allowed (16 with the app's Service)`);
    if (backends.length > 0 && r.weight === undefined) {
      problems.add(`${rf}.weight`, 'is required when `backends` are listed: the app\'s Service would weigh 1 (Gateway API\'s default) against their weights; write the split, e.g. weight 90 and a backend of weight 10');
    }
    const weight = r.weight ?? 1;
    problems.integer(`${rf}.weight`, r.weight, 0, MAX_WEIGHT);
    const weights = [weight];
    const seen = new Set<string>([JSON.stringify(['', service.name, port])]);
    backends.forEach((b, j) => {
      const bf = `${rf}.backends[${backendAt(j)}]`;
      problems.pattern(`${bf}.serviceName`, b.serviceName, DNS_LABEL, DNS_LABEL_TEXT);
      problems.pattern(`${bf}.namespace`, b.namespace, DNS_LABEL, DNS_LABEL_TEXT);
      problems.requiredInteger(`${bf}.port`, b.port, 1, 65535, 'the Service\'s port, 1..65535 (Gateway API requires it for a Service)');
      if (problems.requiredInteger(`${bf}.weight`, b.weight, 0, MAX_WEIGHT, `its share of the rule's requests, 0..${MAX_WEIGHT}`)) weights.push(b.weight);
      const key = JSON.stringify([b.namespace ?? '', b.serviceName, b.port]);
      if (seen.has(key)) {
        problems.badValue(`${bf}.serviceName`, b.serviceName, `port ${b.port} of this Service is already a backend of the rule; list each Service port once`);
      }
      seen.add(key);
    });
    if (weights.every(w => w === 0)) {
      problems.add(`${rf}.weight`, backends.length > 0
        ? 'is 0, as is every backend\'s weight: the Gateway would answer every request of this rule with an error (HTTP 500); give at least one a weight above 0'
        : 'is 0 and the rule has no other backend: the Gateway would answer every request of this rule with an error (HTTP 500); leave it out, or add a backend with a weight above 0');
    }
    rendered.push({
      matches: kmatches,
      backendRefs: [
        { name: service.name, port, weight },
        ...backends.map(b => ({ name: b.serviceName, namespace: b.namespace, port: b.port, weight: b.weight })),
      ],
    });
  });
  if (totalMatches > 128) {
    problems.add(f('rules'), `hold ${totalMatches} matches in all; the HTTPRoute CRD allows at most 128 across all rules`);
  }

  return new HttpRoute(app, 'HttpRoute', {
    metadata: { name, labels: { ...o.labels, ...recommended }, annotations: o.annotations },
    spec: {
      parentRefs: parents.map(p => ({ name: p.name, namespace: p.namespace, sectionName: p.sectionName, port: p.port })),
      hostnames: hostnames.length > 0 ? hostnames : undefined,
      rules: rendered,
    },
  });
}

/** One match, its path and headers checked against the CRD's schema and CEL rules. */
function renderMatch(problems: Problems, field: string, m: HttpRouteMatch): HttpRouteSpecRulesMatches {
  const path = m.path ?? '/';
  const type = m.pathType ?? HttpRoutePathType.PATH_PREFIX;
  if (problems.oneOf(`${field}.pathType`, type, Object.values(HttpRoutePathType))) {
    const bad = typeof path === 'string' ? pathProblem(path) : 'must be a string';
    if (bad) problems.badValue(`${field}.path`, path, bad);
  }
  const { list: givenHeaders, at: headerAt } = listPlaces(problems, `${field}.headers`, m.headers, 'a header match ({ name, value, type })');
  const headers = givenHeaders ?? [];
  if (headers.length > 16) problems.add(`${field}.headers`, `lists ${headers.length} header matches; at most 16 are allowed`);
  const names = new Map<string, number>();
  headers.forEach((h, k) => {
    const hf = `${field}.headers[${headerAt(k)}]`;
    if (typeof h.name !== 'string' || h.name.length > 256 || !HTTP_TOKEN.test(h.name)) {
      problems.badValue(`${hf}.name`, h.name, `must be ${HTTP_TOKEN_TEXT}, at most 256 characters`);
    } else if (names.has(h.name.toLowerCase())) {
      problems.badValue(`${hf}.name`, h.name, `headers[${names.get(h.name.toLowerCase())}] already matches this header (names are case-insensitive, and the Gateway ignores a repeated one)`);
    } else {
      names.set(h.name.toLowerCase(), headerAt(k));
    }
    if (typeof h.value !== 'string' || h.value.length < 1 || h.value.length > 4096) {
      problems.badValue(`${hf}.value`, h.value, 'must be 1 to 4096 characters');
    }
    problems.oneOf(`${hf}.type`, h.type, Object.values(HttpRouteHeaderMatchType));
  });
  return {
    path: { type: type as unknown as never, value: path },
    headers: headers.length > 0
      ? headers.map(h => ({ name: h.name, value: h.value, type: (h.type ?? HttpRouteHeaderMatchType.EXACT) as unknown as never }))
      : undefined,
  };
}
