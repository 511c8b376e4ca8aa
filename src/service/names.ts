import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { appendTo } from '../common/collections';
import { showNamespace } from '../common/namespace';
import { show } from '../common/validation';
import { WholeApp } from '../common/whole-app';

/**
 * The plain v1 Services of the app by name, for the same-name checks: built once per synth
 * (see WholeApp), so every check is a lookup.
 *
 * @internal
 */
export function plainServicesNamed(scope: IConstruct, name: string): ApiObject[] {
  return WholeApp.of(scope).result('plain-services-by-name', app => {
    const index = new Map<string, ApiObject[]>();
    for (const c of app.objects) {
      if (c.kind === 'Service' && c.apiVersion === 'v1') appendTo(index, c.name, c);
    }
    return index;
  }).get(name) ?? [];
}

/** The namespace an object is applied to: its own, else its chart's. @internal */
export function objectNamespace(obj: ApiObject): string | undefined {
  return obj.metadata.namespace ?? Chart.of(obj).namespace;
}

/**
 * Another plain Service of the app with this Service's name in its namespace: the second
 * one applied would replace the first. One message per other Service, under `field`.
 *
 * @internal
 */
export function sameNamedServices(service: ApiObject, field: string): string[] {
  const ns = objectNamespace(service);
  return plainServicesNamed(service, service.name)
    .filter(o => o !== service && objectNamespace(o) === ns)
    .map(o => `${field}: ${show(service.name)} is not allowed; another Service in ${showNamespace(ns)} has that name (at ${o.node.path}): applying both, the second would replace the first. Rename one of them`);
}
