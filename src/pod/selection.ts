import { ApiObject, ApiObjectMetadata, ApiObjectMetadataDefinition } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WholeApp } from '../common/whole-app';

/*
 * Selection, both ways.
 *
 * cdk8s-plus selects a workload's pods by a label it derives from the construct path
 * (`cdk8s.io/metadata.addr`), written on the pods and into the workload's selector. A
 * construct moved or renamed would change that label, so the pod template, so every pod
 * would roll (and a Deployment's selector cannot change in place). The library selects
 * by the recommended labels `app.kubernetes.io/name` + `instance` instead, which come
 * from props and stay put.
 *
 * For cdk8s-plus's own helpers to select the same pods (`new Service({ selector })`,
 * `exposeViaService`, `scheduling.spread/colocate/separate`, `connections.allowFrom/
 * isolate`, a NetworkPolicy peer), the workloads below answer `toPodSelectorConfig()`
 * with those labels, the public hook every one of those helpers asks, and their pod
 * metadata is written without the path label. Nothing is patched.
 */

/** The pod selector of a workload of this library: its stable selector labels. */
function selectorConfig(workload: kplus.Workload, labels: Record<string, string>): kplus.PodSelectorConfig {
  return {
    labelSelector: kplus.LabelSelector.of({ labels }),
    namespaces: workload.metadata.namespace ? { names: [workload.metadata.namespace] } : undefined,
  };
}

/** Pod metadata as given, without cdk8s-plus's construct-path label. */
function stablePodMetadata(apiObject: ApiObject, props?: ApiObjectMetadata): ApiObjectMetadataDefinition {
  return new ApiObjectMetadataDefinition({ ...props, apiObject });
}

/** Props of a Deployment that selects its pods by stable labels. @internal */
export interface StableDeploymentProps extends kplus.DeploymentProps {
  /** The labels that select the pods; they are also written on the pods. */
  readonly selectorLabels: Record<string, string>;
  /**
   * Changes each app container as it is added (by the construct or through
   * `addContainer` later), e.g. to give it the workload's preStop delay.
   */
  readonly onAddContainer?: (container: kplus.ContainerProps) => kplus.ContainerProps;
}

/**
 * A cdk8s-plus Deployment that selects its pods by stable labels (see above).
 *
 * @internal
 */
export class StableDeployment extends kplus.Deployment {
  private readonly _selectorLabels: Record<string, string>;
  private readonly _podProps?: ApiObjectMetadata;
  private _stablePodMetadata?: ApiObjectMetadataDefinition;
  private readonly _onAddContainer?: (container: kplus.ContainerProps) => kplus.ContainerProps;

  constructor(scope: Construct, id: string, props: StableDeploymentProps) {
    super(scope, id, { ...props, select: false });
    this._selectorLabels = { ...props.selectorLabels };
    this._podProps = props.podMetadata;
    this._onAddContainer = props.onAddContainer;
    this.select(kplus.LabelSelector.of({ labels: this._selectorLabels }));
  }

  public addContainer(container: kplus.ContainerProps): kplus.Container {
    return super.addContainer(this._onAddContainer ? this._onAddContainer(container) : container);
  }

  public get podMetadata(): ApiObjectMetadataDefinition {
    this._stablePodMetadata ??= stablePodMetadata(this.apiObject, this._podProps);
    return this._stablePodMetadata;
  }

  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return selectorConfig(this, this._selectorLabels);
  }
}

/** Props of a CronJob whose pods carry stable labels. @internal */
export interface StableCronJobProps extends kplus.CronJobProps {
  /** The labels that select the pods; they are also written on the pods. */
  readonly selectorLabels: Record<string, string>;
}

/**
 * A cdk8s-plus CronJob whose pods carry no construct-path label and are selected by
 * stable labels (see above).
 *
 * @internal
 */
export class StableCronJob extends kplus.CronJob {
  private readonly _selectorLabels: Record<string, string>;
  private readonly _podProps?: ApiObjectMetadata;
  private _stablePodMetadata?: ApiObjectMetadataDefinition;

  constructor(scope: Construct, id: string, props: StableCronJobProps) {
    super(scope, id, props);
    this._selectorLabels = { ...props.selectorLabels };
    this._podProps = props.podMetadata;
  }

  public get podMetadata(): ApiObjectMetadataDefinition {
    this._stablePodMetadata ??= stablePodMetadata(this.apiObject, this._podProps);
    return this._stablePodMetadata;
  }

  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return selectorConfig(this, this._selectorLabels);
  }
}

/**
 * The pods of a workload of this library, by its selector labels, as a cdk8s-plus
 * `IPodSelector` for `scheduling.colocate/separate`. cdk8s-plus's own `Pods.select`
 * with `Namespaces.select({ names })` writes an empty `namespaceSelector` beside the
 * names, which selects every namespace; this one names the namespace alone.
 *
 * @internal
 */
export class SelectedPods extends Construct implements kplus.IPodSelector {
  constructor(scope: Construct, id: string, private readonly labels: Record<string, string>, private readonly namespace?: string) {
    super(scope, id);
  }

  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return {
      labelSelector: kplus.LabelSelector.of({ labels: { ...this.labels } }),
      namespaces: this.namespace !== undefined ? { names: [this.namespace] } : undefined,
    };
  }
}

/**
 * The labels on a workload's pods as its object renders them (JSON patches included),
 * for the whole-app checks: they run during validation, where the object is rendered once
 * per synth anyway, so reading the render costs nothing more. `podSpecPath` is the JSON
 * pointer of the pod spec, e.g. "/spec/template/spec".
 *
 * @internal
 */
export function renderedPodLabels(workload: kplus.Workload, podSpecPath: string): Record<string, string> {
  let template: any = WholeApp.of(workload).render(ApiObject.of(workload));
  for (const key of podSpecPath.split('/').slice(1, -1)) template = template?.[key];
  // An object that cannot render reports that itself; its labels come from the metadata.
  return template === undefined ? workload.podMetadata.toJson().labels ?? {} : template.metadata?.labels ?? {};
}
