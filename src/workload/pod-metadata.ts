import { checkAnnotationKeys, checkLabels } from '../common/labels';
import { Problems } from '../common/validation';

/**
 * Labels and annotations of a workload's pods (ACK's "Pod标签" and "Pod注解"), apart from
 * those of the Deployment.
 */
export interface PodMetadataProps {
  /**
   * Labels of the pods, beside the recommended labels. A Worker and a JobGraph also put
   * `labels` on their pods (KubeVela's worker labels both), so these are the labels
   * only the pods carry; a WebApp's pods carry only these (ACK "Pod标签"). A key given
   * in both `labels` and `podLabels` with different values, or one of the recommended
   * labels the construct writes (`app.kubernetes.io/name`, `instance`, `component`,
   * `part-of`, `managed-by`), is an error.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Annotations of the pods (ACK "Pod注解").
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
}

/**
 * The labels a workload's pods carry besides the recommended ones, checked: `podLabels`,
 * and `labels` too when the workload puts them on its pods (Worker, JobGraph).
 *
 * @internal
 */
export function podLabelsOf(
  problems: Problems, props: PodMetadataProps & { labels?: { [key: string]: string } },
  recommended: Record<string, string>, withLabels: boolean,
): Record<string, string> {
  checkLabels(problems, 'podLabels', props.podLabels);
  checkAnnotationKeys(problems, 'podAnnotations', props.podAnnotations);
  const shared = withLabels ? props.labels ?? {} : {};
  for (const [k, v] of Object.entries(props.podLabels ?? {})) {
    if (Object.hasOwn(recommended, k)) {
      problems.badValue(`podLabels[${JSON.stringify(k)}]`, v, `is a recommended label the construct writes itself (${JSON.stringify(recommended[k])} on the pods), and it selects or describes them; set it through \`name\`, \`instance\` or \`partOf\`, or remove it`);
    } else if (Object.hasOwn(shared, k) && shared[k] !== v) {
      problems.badValue(`podLabels[${JSON.stringify(k)}]`, v, `differs from labels[${JSON.stringify(k)}] (${JSON.stringify(shared[k])}), which this workload also puts on its pods; give the key one value, or keep it in one of them`);
    }
  }
  return { ...shared, ...props.podLabels };
}
