import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT } from '../common/formats';
import { checkAnnotationKeys } from '../common/labels';
import { Patches } from '../common/patches';
import { Problems, show } from '../common/validation';

/**
 * The verbs of an RBAC rule, as the Kubernetes authorizer names them: the request verbs
 * and the special verbs of the built-in kinds (`use`, `bind`, `escalate`, `impersonate`,
 * `approve`, `sign`).
 */
export enum RbacVerb {
  /** Read one object. */
  GET = 'get',
  /** List objects. */
  LIST = 'list',
  /** Watch objects for changes. */
  WATCH = 'watch',
  /** Create objects. */
  CREATE = 'create',
  /** Replace objects. */
  UPDATE = 'update',
  /** Patch objects. */
  PATCH = 'patch',
  /** Delete one object. */
  DELETE = 'delete',
  /** Delete every object matching a selector. */
  DELETE_COLLECTION = 'deletecollection',
  /** Use a PodSecurityPolicy and similar (the `use` verb). */
  USE = 'use',
  /** Bind a Role or ClusterRole without holding its permissions. */
  BIND = 'bind',
  /** Create or update a Role with more permissions than the caller holds. */
  ESCALATE = 'escalate',
  /** Act as another user, group or ServiceAccount. */
  IMPERSONATE = 'impersonate',
  /** Approve CertificateSigningRequests. */
  APPROVE = 'approve',
  /** Sign CertificateSigningRequests. */
  SIGN = 'sign',
  /** Every verb, including those added later (a wildcard: needs `allowWildcards`). */
  ALL = '*',
}

/**
 * One RBAC rule: these verbs on these resources of these API groups (optionally only the
 * objects of these names). Every combination of the lists is allowed, as Kubernetes reads
 * a rule.
 */
export interface RbacRule {
  /**
   * The API groups of the resources: `""` is the core group (pods, configmaps, secrets
   * ...), `"apps"` has deployments, `"batch"` jobs.
   * @default [""] (the core group)
   */
  readonly apiGroups?: string[];
  /**
   * The resources, lower-case plural as the API names them (`"pods"`, `"configmaps"`),
   * a subresource after a slash (`"pods/log"`).
   */
  readonly resources: string[];
  /** What may be done to them. */
  readonly verbs: RbacVerb[];
  /**
   * Only the objects of these names. Kubernetes cannot restrict `create` or
   * `deletecollection` by name, so such a rule may not list those verbs.
   * @default - every object of the resources
   */
  readonly resourceNames?: string[];
  /**
   * Allow `"*"` in verbs, resources or apiGroups. A wildcard grants what exists now and
   * whatever is added later (a new verb, a new resource, a new CRD), against least
   * privilege; the API server accepts it, the library asks you to say so.
   * @default false
   */
  readonly allowWildcards?: boolean;
}

/** Options of Azure Workload Identity. */
export interface AzureWorkloadIdentityOptions {
  /**
   * The tenant of the managed identity or app registration
   * (`azure.workload.identity/tenant-id`), when it differs from the cluster's.
   * @default - the tenant the webhook is configured with
   */
  readonly tenantId?: string;
}

/**
 * A cloud's workload identity for the ServiceAccount: the annotation (and, for Azure, the
 * pod label) its admission webhook or metadata server reads. None of them needs the
 * Kubernetes API token (`mountToken`): the AWS, Azure and Alibaba webhooks project a token
 * of their own audience into the pods, and GKE's metadata server answers for the pod.
 */
export class CloudIdentity {
  /**
   * AWS IAM Roles for Service Accounts (EKS): the `eks.amazonaws.com/role-arn`
   * annotation; the EKS pod identity webhook then projects a token for
   * `sts.amazonaws.com` and sets `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`.
   * @param roleArn the IAM role's ARN, `arn:aws:iam::<12-digit account>:role/<path/><name>`
   */
  public static awsIrsa(roleArn: string): CloudIdentity {
    return new CloudIdentity('AWS IRSA', { 'eks.amazonaws.com/role-arn': roleArn }, {}, p => {
      if (typeof roleArn !== 'string' || !AWS_ROLE_ARN.test(roleArn)) {
        p.badValue('roleArn', roleArn, 'must be an IAM role ARN, arn:aws:iam::<12-digit account id>:role/<optional path/><role name of at most 64 letters, digits and +=,.@_->');
      }
    });
  }

  /**
   * GKE Workload Identity: the `iam.gke.io/gcp-service-account` annotation; GKE's
   * metadata server then hands the pods that Google service account's credentials (the
   * Google service account must let `<project>.svc.id.goog[<namespace>/<name>]`
   * impersonate it).
   * @param gcpServiceAccount the Google service account's email, `<name>@<project>.iam.gserviceaccount.com`
   */
  public static gke(gcpServiceAccount: string): CloudIdentity {
    return new CloudIdentity('GKE Workload Identity', { 'iam.gke.io/gcp-service-account': gcpServiceAccount }, {}, p => {
      if (typeof gcpServiceAccount !== 'string' || !(GCP_SA_EMAIL.test(gcpServiceAccount) || GCP_COMPUTE_SA_EMAIL.test(gcpServiceAccount))) {
        p.badValue('gcpServiceAccount', gcpServiceAccount, 'must be a Google service account email, <name of 6 to 30 characters>@<project>.iam.gserviceaccount.com (or <project number>-compute@developer.gserviceaccount.com)');
      }
    });
  }

  /**
   * Azure Workload Identity (AKS): the `azure.workload.identity/client-id` annotation on
   * the ServiceAccount and the `azure.workload.identity/use: "true"` label on the pods
   * (the webhook mutates only pods with that label); the webhook then projects a token
   * and sets `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and `AZURE_FEDERATED_TOKEN_FILE`.
   * @param clientId the client ID (a GUID) of the user-assigned managed identity or app registration
   */
  public static azure(clientId: string, options: AzureWorkloadIdentityOptions = {}): CloudIdentity {
    // `?? {}`: plain JavaScript may pass null for the options.
    const tenantId = (options ?? {}).tenantId;
    const annotations: Record<string, string> = { 'azure.workload.identity/client-id': clientId };
    if (tenantId !== undefined) annotations['azure.workload.identity/tenant-id'] = tenantId;
    return new CloudIdentity('Azure Workload Identity', annotations, { [AZURE_USE_LABEL]: 'true' }, p => {
      if (typeof clientId !== 'string' || !GUID.test(clientId)) p.badValue('clientId', clientId, 'must be a client ID, a GUID such as "00000000-1111-2222-3333-444444444444"');
      if (tenantId !== undefined && (typeof tenantId !== 'string' || !GUID.test(tenantId))) {
        p.badValue('tenantId', tenantId, 'must be a tenant ID, a GUID such as "00000000-1111-2222-3333-444444444444"');
      }
    });
  }

  /**
   * Alibaba Cloud RAM Roles for Service Accounts (ACK RRSA): the
   * `pod-identity.alibabacloud.com/role-name` annotation read by the
   * ack-pod-identity-webhook, which projects an OIDC token and sets
   * `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
   * `ALIBABA_CLOUD_OIDC_TOKEN_FILE`. The webhook only mutates pods of namespaces labelled
   * `pod-identity.alibabacloud.com/injection: "on"`; the library does not own the
   * namespace, so label it where it is created.
   * @param roleName the RAM role's name (not its ARN)
   */
  public static alibabaRrsa(roleName: string): CloudIdentity {
    return new CloudIdentity('Alibaba Cloud RRSA', { 'pod-identity.alibabacloud.com/role-name': roleName }, {}, p => {
      if (typeof roleName !== 'string' || !RAM_ROLE_NAME.test(roleName)) {
        p.badValue('roleName', roleName, 'must be a RAM role name: 1 to 64 letters, digits, "." or "-" (the name, not the acs:ram:: ARN)');
      }
    });
  }

  /** Which cloud's workload identity this is, for messages. */
  public readonly provider: string;
  /** @internal */
  public readonly _annotations: Record<string, string>;
  /** @internal */
  public readonly _podLabels: Record<string, string>;

  private constructor(
    provider: string,
    annotations: Record<string, string>,
    podLabels: Record<string, string>,
    private readonly check: (problems: Problems) => void,
  ) {
    this.provider = provider;
    this._annotations = annotations;
    this._podLabels = podLabels;
  }

  /** The problems of the identity's values. @internal */
  public _problems(): Problems {
    const p = new Problems();
    this.check(p);
    return p;
  }
}

/** What the pods may do with the Kubernetes API, for either kind of ServiceAccount. */
export interface ServiceAccountAccessOptions {
  /**
   * Mount the ServiceAccount's Kubernetes API token into the pods
   * (`automountServiceAccountToken`). Only an app that calls the Kubernetes API needs it:
   * a leaked token is a credential to the cluster. The cloud workload identities do not
   * need it (each projects a token of its own).
   * @default false
   */
  readonly mountToken?: boolean;
  /**
   * Permissions in the workload's namespace: a Role named after the workload with these
   * rules, bound to the ServiceAccount by a RoleBinding of the same name. The pods need
   * the token to use them, so `mountToken` must be true.
   * @default - no Role
   */
  readonly rules?: RbacRule[];
  /**
   * Permissions in every namespace and on cluster-scoped resources (nodes, namespaces):
   * a ClusterRole named `<namespace>-<workload>` with these rules, bound by a
   * ClusterRoleBinding of the same name. The chart needs a namespace (a
   * ClusterRoleBinding names the ServiceAccount's namespace), and `mountToken` must be true.
   * @default - no ClusterRole
   */
  readonly clusterRules?: RbacRule[];
}

/** Options of a ServiceAccount the workload creates. */
export interface NewServiceAccountOptions extends ServiceAccountAccessOptions {
  /**
   * The ServiceAccount's name.
   * @default - the workload's name
   */
  readonly name?: string;
  /**
   * Annotations of the ServiceAccount, beside the cloud identity's.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * The cloud identity the pods assume: `CloudIdentity.awsIrsa(roleArn)`,
   * `CloudIdentity.gke(email)`, `CloudIdentity.azure(clientId)` or
   * `CloudIdentity.alibabaRrsa(roleName)`.
   * @default - none
   */
  readonly cloudIdentity?: CloudIdentity;
}

/** Options of an existing ServiceAccount the pods run as. */
export interface ExistingServiceAccountOptions extends ServiceAccountAccessOptions {
  /**
   * The existing ServiceAccount is set up for Azure Workload Identity (annotated with
   * `azure.workload.identity/client-id` where it is created): label the pods
   * `azure.workload.identity/use: "true"`, which the webhook needs on the pods. The other
   * clouds need nothing on the pods.
   * @default false
   */
  readonly azureWorkloadIdentity?: boolean;
}

/**
 * The ServiceAccount the pods run as: one the workload creates
 * (`WorkloadServiceAccount.create()`), or one that exists already
 * (`WorkloadServiceAccount.existing(name)`).
 */
export class WorkloadServiceAccount {
  /** Create a ServiceAccount for the workload (a cdk8s-plus ServiceAccount, its `identity.serviceAccount`). */
  public static create(options: NewServiceAccountOptions = {}): WorkloadServiceAccount {
    return new WorkloadServiceAccount(undefined, options);
  }

  /**
   * Run the pods as a ServiceAccount created elsewhere (by a platform team, a Helm chart,
   * another app). Its annotations are where it is created; `rules` still bind to it here.
   * @param name the ServiceAccount's name, in the workload's namespace
   */
  public static existing(name: string, options: ExistingServiceAccountOptions = {}): WorkloadServiceAccount {
    return new WorkloadServiceAccount(name, options);
  }

  private constructor(
    /** @internal */ public readonly _existingName: string | undefined,
    /** @internal */ public readonly _options: NewServiceAccountOptions & ExistingServiceAccountOptions,
  ) {}
}

/** The props of the identity trait, shared by every workload. */
export interface IdentityProps {
  /**
   * The ServiceAccount the pods run as, created here or existing, with its API token
   * (off unless asked), a cloud identity and RBAC rules.
   * @default - the namespace's "default" ServiceAccount, with no API token mounted
   */
  readonly serviceAccount?: WorkloadServiceAccount;
}

/** The objects the identity trait creates (cdk8s-plus objects, as escape hatches). */
export interface WorkloadIdentityResources {
  /**
   * The ServiceAccount, when the workload creates it.
   * @default - none
   */
  readonly serviceAccount?: kplus.ServiceAccount;
  /**
   * The Role of `rules`.
   * @default - none
   */
  readonly role?: kplus.Role;
  /**
   * The RoleBinding of the Role to the ServiceAccount.
   * @default - none
   */
  readonly roleBinding?: kplus.RoleBinding;
  /**
   * The ClusterRole of `clusterRules`.
   * @default - none
   */
  readonly clusterRole?: kplus.ClusterRole;
  /**
   * The ClusterRoleBinding of the ClusterRole to the ServiceAccount.
   * @default - none
   */
  readonly clusterRoleBinding?: kplus.ClusterRoleBinding;
}

/** What the pods of a workload get from the identity trait. @internal */
export interface PodIdentity {
  readonly serviceAccount?: kplus.IServiceAccount;
  readonly automountServiceAccountToken?: boolean;
  readonly podLabels: Record<string, string>;
}

const AZURE_USE_LABEL = 'azure.workload.identity/use';
const AWS_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;
const GCP_SA_EMAIL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@([a-z0-9.-]+\.)?[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;
const GCP_COMPUTE_SA_EMAIL = /^\d+-compute@developer\.gserviceaccount\.com$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RAM_ROLE_NAME = /^[a-zA-Z0-9.-]{1,64}$/;
const RESOURCE = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?|\*)(\/[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/;
const VERBS = Object.values(RbacVerb) as string[];

/**
 * The identity trait: checks `serviceAccount`, creates the ServiceAccount, Roles and
 * bindings it asks for (children of `scope`), and returns what the pods need.
 *
 * @internal
 */
export function applyIdentity(
  scope: Construct, props: IdentityProps, workloadName: string, problems: Problems,
): { resources: WorkloadIdentityResources; pod: PodIdentity } {
  const sa = props.serviceAccount;
  if (sa === undefined) return { resources: {}, pod: { podLabels: {} } };
  if (!(sa instanceof WorkloadServiceAccount)) {
    problems.badValue('serviceAccount', sa, 'must be a WorkloadServiceAccount: WorkloadServiceAccount.create() or WorkloadServiceAccount.existing(name)');
    return { resources: {}, pod: { podLabels: {} } };
  }
  // `?? {}`: plain JavaScript may pass null for the options.
  const o = sa._options ?? {};
  const field = (f: string) => `serviceAccount.${f}`;
  const namespace = Chart.of(scope).namespace;
  const created = sa._existingName === undefined;
  const name = created ? (o.name ?? workloadName) : sa._existingName!;
  problems.pattern(created ? field('name') : 'serviceAccount', name, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);

  if (!created) {
    // Options of create() given to existing() (plain JavaScript does not stop it): reported, not dropped.
    for (const key of ['name', 'annotations', 'cloudIdentity'] as const) {
      if (o[key] !== undefined) {
        problems.add(field(key), 'only applies to a ServiceAccount the workload creates (WorkloadServiceAccount.create); an existing one is named by existing(name) and annotated where it is created');
      }
    }
  }
  const annotations: Record<string, string> = created ? { ...o.annotations } : {};
  let podLabels: Record<string, string> = {};
  if (o.cloudIdentity !== undefined && o.cloudIdentity !== null && !(o.cloudIdentity instanceof CloudIdentity)) {
    problems.badValue(field('cloudIdentity'), o.cloudIdentity, 'must be a CloudIdentity (CloudIdentity.awsIrsa, .gke, .azure or .alibabaRrsa)');
  } else if (o.cloudIdentity && created) {
    problems.merge(field('cloudIdentity'), o.cloudIdentity._problems());
    for (const [k, v] of Object.entries(o.cloudIdentity._annotations)) {
      if (annotations[k] !== undefined && annotations[k] !== v) {
        problems.badValue(field(`annotations["${k}"]`), annotations[k], `is also written by cloudIdentity (${o.cloudIdentity.provider}, ${show(v)}); set it in one place`);
      }
      annotations[k] = v;
    }
    podLabels = { ...o.cloudIdentity._podLabels };
  }
  if (o.azureWorkloadIdentity) podLabels[AZURE_USE_LABEL] = 'true';
  if (created) checkAnnotationKeys(problems, field('annotations'), o.annotations);

  const mountToken = o.mountToken ?? false;
  const ruleSets = [['rules', o.rules], ['clusterRules', o.clusterRules]] as const;
  for (const [key, rules] of ruleSets) {
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) {
      problems.badValue(field(key), rules, 'must be a list of rules ({ apiGroups, resources, verbs })');
      continue;
    }
    if (rules.length === 0) problems.badValue(field(key), rules, 'must list at least one rule; leave it unset for no Role');
    // Indexes of the list as given, holes included, so a message names the entry the user wrote.
    rules.forEach((r, i) => {
      if (isRule(r)) checkRule(field(`${key}[${i}]`), r, problems);
      else problems.badValue(field(`${key}[${i}]`), r, 'must be a rule ({ apiGroups, resources, verbs })');
    });
    if (rules.length > 0 && !mountToken) {
      problems.add(field(key), 'grant the ServiceAccount API permissions, but the pods have no API token to use them (mountToken is false); set mountToken: true, or drop the rules');
    }
  }
  const rules = rulesOf(o.rules);
  const clusterRules = rulesOf(o.clusterRules);
  if (clusterRules.length > 0 && !namespace) {
    problems.add(field('clusterRules'), 'need the ServiceAccount\'s namespace (a ClusterRoleBinding names it) and the chart has none; give the Chart a namespace, or use `rules` (a Role in the workload\'s namespace)');
  }

  const resources: { -readonly [K in keyof WorkloadIdentityResources]: WorkloadIdentityResources[K] } = {};
  let subject: kplus.IServiceAccount;
  if (created) {
    resources.serviceAccount = new kplus.ServiceAccount(scope, 'ServiceAccount', {
      metadata: { name, annotations: Object.keys(annotations).length ? annotations : undefined },
      // Other pods that use this ServiceAccount get no token unless they ask.
      automountToken: false,
    });
    subject = resources.serviceAccount;
  } else {
    subject = kplus.ServiceAccount.fromServiceAccountName(scope, 'ServiceAccount', name, { namespaceName: namespace });
  }

  if (rules.length > 0) {
    const role = new kplus.Role(scope, 'Role', { metadata: { name: workloadName } });
    for (const r of rules) role.allow(Array.isArray(r.verbs) ? [...r.verbs] : [], ...apiResources(r));
    const binding = new kplus.RoleBinding(scope, 'RoleBinding', { metadata: { name: workloadName }, role });
    binding.addSubjects(subject);
    resources.role = role;
    resources.roleBinding = binding;
  }
  if (clusterRules.length > 0) {
    const clusterName = namespace ? `${namespace}-${workloadName}` : workloadName;
    const role = new kplus.ClusterRole(scope, 'ClusterRole', { metadata: { name: clusterName } });
    for (const r of clusterRules) role.allow(Array.isArray(r.verbs) ? [...r.verbs] : [], ...apiResources(r).map(asEndpoint));
    const binding = new kplus.ClusterRoleBinding(scope, 'ClusterRoleBinding', { metadata: { name: clusterName }, role });
    binding.addSubjects(subject);
    if (namespace) for (const scoped of [role, binding]) Patches.removeNamespace(ApiObject.of(scoped));
    resources.clusterRole = role;
    resources.clusterRoleBinding = binding;
  }
  const pod = { serviceAccount: subject, automountServiceAccountToken: mountToken, podLabels };
  return { resources, pod };
}

function isRule(r: unknown): r is RbacRule {
  return typeof r === 'object' && r !== null && !Array.isArray(r);
}

/** The rules of a list that can be rendered (the rest are reported by the checks). */
function rulesOf(rules: RbacRule[] | undefined): RbacRule[] {
  return Array.isArray(rules) ? rules.filter(isRule) : [];
}

/** One rule's resources as cdk8s-plus API resources: every group x resource (x name). */
function apiResources(r: RbacRule): kplus.IApiResource[] {
  const out: kplus.IApiResource[] = [];
  for (const apiGroup of Array.isArray(r.apiGroups) ? r.apiGroups : ['']) {
    for (const resourceType of Array.isArray(r.resources) ? r.resources : []) {
      for (const resourceName of Array.isArray(r.resourceNames) && r.resourceNames.length ? r.resourceNames : [undefined]) {
        out.push({ apiGroup, resourceType, resourceName });
      }
    }
  }
  return out;
}

function asEndpoint(resource: kplus.IApiResource): kplus.IApiEndpoint {
  return { asApiResource: () => resource, asNonApiResource: () => undefined };
}

function checkRule(f: string, r: RbacRule, problems: Problems) {
  const wildcard = (field: string, value: string, what: string) => {
    if (r.allowWildcards !== true) {
      problems.badValue(field, value, `grants ${what}, now and whatever is added later, against least privilege`, 'List what the app needs, or set allowWildcards: true on the rule');
    }
  };
  if (!Array.isArray(r.verbs) || r.verbs.length === 0) {
    problems.add(`${f}.verbs`, 'must list at least one verb (the API server refuses a rule without verbs)');
  } else {
    r.verbs.forEach((v, i) => {
      if (!problems.oneOf(`${f}.verbs[${i}]`, v, VERBS)) return;
      if (v === RbacVerb.ALL) wildcard(`${f}.verbs[${i}]`, v, 'every verb');
    });
  }
  if (!Array.isArray(r.resources) || r.resources.length === 0) {
    problems.add(`${f}.resources`, 'must list at least one resource (the API server refuses a resource rule without one)');
  } else {
    r.resources.forEach((res, i) => {
      if (typeof res !== 'string' || !RESOURCE.test(res)) {
        problems.badValue(`${f}.resources[${i}]`, res, 'must be a resource as the API names it: lower-case plural ("pods", "configmaps"), a subresource after "/" ("pods/log"), or "*"');
      } else if (res.split('/')[0] === '*') {
        wildcard(`${f}.resources[${i}]`, res, 'every resource of the groups');
      }
    });
  }
  if (r.apiGroups !== undefined && !Array.isArray(r.apiGroups)) {
    problems.badValue(`${f}.apiGroups`, r.apiGroups, 'must be a list of API groups ("" is the core group)');
  } else if (r.apiGroups !== undefined && r.apiGroups.length === 0) {
    problems.add(`${f}.apiGroups`, 'must list at least one group (the API server refuses a resource rule without one); "" is the core group');
  }
  (Array.isArray(r.apiGroups) ? r.apiGroups : []).forEach((g, i) => {
    const gf = `${f}.apiGroups[${i}]`;
    if (g === 'core' || g === 'v1') problems.badValue(gf, g, 'is not an API group: the core group (pods, services, configmaps ...) is written ""');
    else if (typeof g === 'string' && g.includes('/')) problems.badValue(gf, g, `must be the group without its version (${show(g.split('/')[0])})`);
    else if (g === '*') wildcard(gf, g, 'every API group');
    else if (g !== '' && !(typeof g === 'string' && DNS_SUBDOMAIN.test(g))) problems.badValue(gf, g, `must be "" (the core group) or an API group, ${DNS_SUBDOMAIN_TEXT}`);
  });
  if (r.resourceNames !== undefined && !Array.isArray(r.resourceNames)) {
    problems.badValue(`${f}.resourceNames`, r.resourceNames, 'must be a list of object names');
  } else if (r.resourceNames !== undefined) {
    r.resourceNames.forEach((n, i) => {
      if (typeof n !== 'string' || n === '') problems.badValue(`${f}.resourceNames[${i}]`, n, 'must be an object name');
    });
    const unnamed = (Array.isArray(r.verbs) ? r.verbs : []).filter(v => v === RbacVerb.CREATE || v === RbacVerb.DELETE_COLLECTION);
    if (r.resourceNames.length > 0 && unnamed.length > 0) {
      problems.badValue(`${f}.verbs`, unnamed, 'cannot be restricted by resourceNames (a create names no existing object, a deletecollection no single one), so this rule would never allow them', 'Move them to a rule without resourceNames');
    }
  }
}
