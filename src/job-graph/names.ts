/**
 * ContainerPilot job names to Kubernetes names. ContainerPilot allows capitals,
 * underscores and dots in a job's name (its name rule only binds jobs that register a
 * port); a Kubernetes container, Service or CronJob name is a lower-case RFC 1123
 * label. The mapping is deterministic and documented (docs/job-graph.md):
 *
 * 1. a "-" goes between a lower-case letter or digit and the capital after it
 *    (`preStart` -> `pre-Start`), and before the last capital of a run of capitals
 *    followed by a lower-case letter (`HTTPServer` -> `HTTP-Server`);
 * 2. every character other than a-z, A-Z, 0-9 and "-" becomes "-"
 *    (`consul_acl_config` -> `consul-acl-config`);
 * 3. everything is lower-cased.
 *
 * A name already valid stays as it is. Two jobs that map to the same name, or a result
 * that is still not a label (too long, or starting or ending with "-"), are refused.
 *
 * @internal
 */
export function kubernetesName(jobName: string): string {
  return jobName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9-]/g, '-')
    .toLowerCase();
}

/** How a message shows the mapping of a job's name. @internal */
export function showMapping(jobName: string): string {
  const k = kubernetesName(jobName);
  return k === jobName ? JSON.stringify(jobName) : `${JSON.stringify(jobName)} (Kubernetes name ${JSON.stringify(k)})`;
}

/**
 * A job's name as a message shows it outside quotes (in `job[name]`, in a cycle): as it
 * is when it is plain (letters, digits, "_", "." and "-"), else quoted as JSON, so that a
 * newline, a bracket, a quote or a space in a name cannot split a message or its field.
 *
 * @internal
 */
export function jobLabel(jobName: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(jobName) ? jobName : JSON.stringify(jobName);
}

/** The field of a message about a job: `job[name]`. @internal */
export function jobField(jobName: string): string {
  return `job[${jobLabel(jobName)}]`;
}
