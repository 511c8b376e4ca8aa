import { ApiObject, JsonPatch } from 'cdk8s';

/**
 * Every JSON patch the library writes over a cdk8s-plus object, in one place, each with
 * the reason cdk8s-plus cannot express the field. Everything else goes through the
 * cdk8s-plus API, so what a user adds through it (an env var, a volume, a port, a
 * Service port) is rendered next to what the construct wrote. Each patch touches one
 * field of one object and never replaces a list a user can add to.
 *
 * cdk8s-plus renders through the typed `k8s` imports, which apply the patches first and
 * then read quantities and int-or-string values as `{ value }` wrappers; so a patch
 * writes those fields in that form, and the YAML shows the plain values.
 *
 * @internal
 */
export const Patches = {
  /**
   * cdk8s-plus writes `imagePullPolicy: Always` when none is given (a hidden default);
   * the library writes none unless asked, so Kubernetes' own default applies.
   */
  removeImagePullPolicy(api: ApiObject, containerPath: string): void {
    api.addJsonPatch(JsonPatch.remove(`${containerPath}/imagePullPolicy`));
  },

  /**
   * Requests and limits exactly as written ("0.5", "1Gi", "nvidia.com/gpu": "1"):
   * cdk8s-plus takes CPU as a number of cores or millicores, rewrites memory and storage
   * in Mi/Gi, and has no extended resources.
   */
  resources(api: ApiObject, containerPath: string, resources: { requests?: Record<string, string>; limits?: Record<string, string> }): void {
    const wrap = (q?: Record<string, string>) => (q ? Object.fromEntries(Object.entries(q).map(([k, v]) => [k, { value: v }])) : undefined);
    api.addJsonPatch(JsonPatch.add(`${containerPath}/resources`, { requests: wrap(resources.requests), limits: wrap(resources.limits) }));
  },

  /** cdk8s-plus's PodSecurityContextProps has no `supplementalGroups`. */
  podSupplementalGroups(api: ApiObject, podSpecPath: string, groups: number[]): void {
    api.addJsonPatch(JsonPatch.add(`${podSpecPath}/securityContext/supplementalGroups`, groups));
  },

  /**
   * A claim's size exactly as written ("500Mi", "1.5Ti"): cdk8s-plus takes a `Size` and
   * writes it in whole Gi, which cannot express sizes below or between them.
   */
  claimStorage(api: ApiObject, size: string): void {
    api.addJsonPatch(JsonPatch.add('/spec/resources', { requests: { storage: { value: size } } }));
  },

  /**
   * cdk8s writes the chart's namespace on every object, cluster-scoped ones (a
   * ClusterRole, a ClusterRoleBinding) too, where it means nothing.
   */
  removeNamespace(api: ApiObject): void {
    api.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  },

  /** `stdin` and `tty` are not in cdk8s-plus's ContainerProps. */
  stdinTty(api: ApiObject, containerPath: string, stdin?: boolean, tty?: boolean): void {
    if (stdin) api.addJsonPatch(JsonPatch.add(`${containerPath}/stdin`, true));
    if (tty) api.addJsonPatch(JsonPatch.add(`${containerPath}/tty`, true));
  },

  /** cdk8s-plus's EnvFrom has no `optional`. */
  envFromOptional(api: ApiObject, containerPath: string, index: number, kind: string, optional: boolean): void {
    api.addJsonPatch(JsonPatch.add(`${containerPath}/envFrom/${index}/${kind}/optional`, optional));
  },

  /** cdk8s-plus takes one registry secret (`dockerRegistryAuth`); a pod may list several. */
  imagePullSecrets(api: ApiObject, podSpecPath: string, names: string[]): void {
    api.addJsonPatch(JsonPatch.add(`${podSpecPath}/imagePullSecrets`, names.map(name => ({ name }))));
  },

  /** cdk8s-plus takes only numeric Service target ports; a named one follows the container port. */
  serviceNamedTargetPort(api: ApiObject, index: number, name: string): void {
    api.addJsonPatch(JsonPatch.add(`/spec/ports/${index}/targetPort`, { value: name }));
  },

  /** cdk8s-plus always writes `externalIPs: []` on a Service. */
  removeServiceExternalIPs(api: ApiObject): void {
    api.addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
  },

  /** cdk8s-plus's Service has no `externalTrafficPolicy`. */
  serviceExternalTrafficPolicy(api: ApiObject, policy: string): void {
    api.addJsonPatch(JsonPatch.add('/spec/externalTrafficPolicy', policy));
  },

  /**
   * cdk8s-plus writes scale-up/scale-down policies of its own on every HPA; the library
   * removes them so Kubernetes' defaults apply, as in ACK.
   */
  removeHpaBehavior(api: ApiObject): void {
    api.addJsonPatch(JsonPatch.remove('/spec/behavior'));
  },

  /** cdk8s-plus's Deployment has no `revisionHistoryLimit`. */
  revisionHistoryLimit(api: ApiObject, limit: number): void {
    api.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', limit));
  },

  /**
   * cdk8s-plus's NetworkPolicyPort takes a port number only; a rule's named port (the
   * container's port name, as Kubernetes allows) is written over the port-less entry.
   */
  networkPolicyNamedPort(api: ApiObject, direction: 'ingress' | 'egress', rule: number, port: number, name: string): void {
    api.addJsonPatch(JsonPatch.add(`/spec/${direction}/${rule}/ports/${port}/port`, { value: name }));
  },

  /**
   * cdk8s-plus has no `nodeSelector`: its `scheduling.attract` writes node affinity terms,
   * which are ORed with each other, while a nodeSelector is ANDed with all of them.
   */
  nodeSelector(api: ApiObject, podSpecPath: string, selector: Record<string, string>): void {
    api.addJsonPatch(JsonPatch.add(`${podSpecPath}/nodeSelector`, { ...selector }));
  },

  /** cdk8s-plus has no `priorityClassName`. */
  priorityClassName(api: ApiObject, podSpecPath: string, name: string): void {
    api.addJsonPatch(JsonPatch.add(`${podSpecPath}/priorityClassName`, name));
  },

  /**
   * cdk8s-plus has no `topologySpreadConstraints` (its `scheduling.spread` writes pod
   * anti-affinity, which cannot balance more pods than domains).
   */
  topologySpreadConstraints(api: ApiObject, podSpecPath: string, constraints: object[]): void {
    api.addJsonPatch(JsonPatch.add(`${podSpecPath}/topologySpreadConstraints`, constraints));
  },

  /**
   * cdk8s-plus's pod DNS refuses more than 6 search domains (the limit before Kubernetes
   * 1.26); 1.28 allows 32. The first 6 go through cdk8s-plus, the rest are appended here.
   */
  dnsSearches(api: ApiObject, podSpecPath: string, searches: string[]): void {
    for (const s of searches) api.addJsonPatch(JsonPatch.add(`${podSpecPath}/dnsConfig/searches/-`, s));
  },

  /** cdk8s-plus writes `startingDeadlineSeconds: 10` on every CronJob unasked. */
  removeCronStartingDeadline(api: ApiObject): void {
    api.addJsonPatch(JsonPatch.remove('/spec/startingDeadlineSeconds'));
  },
};
