import { mergePythonImports } from '../scripts/readme-translations';

describe('the README\'s Python translations', () => {
  test('import each name once, one line per module, sorted', () => {
    const rosetta = [
      'from cdk8s_workloads import WebAppContainer, ResourceQuantities, ResourceQuantities, CronHpaJob, CronHpaJob',
      'from cdk8s import App, Chart',
      'from cdk8s_workloads import HealthCheck, WebApp',
      '',
      '',
      'app = App()',
    ].join('\n');
    expect(mergePythonImports(rosetta)).toBe([
      'from cdk8s import App, Chart',
      'from cdk8s_workloads import CronHpaJob, HealthCheck, ResourceQuantities, WebApp, WebAppContainer',
      '',
      '',
      'app = App()',
    ].join('\n'));
  });

  test('a long import is wrapped in parentheses, one name a line', () => {
    const names = ['WebAppAutoscalingOptions', 'WebAppContainer', 'WebAppIngressOptions', 'WebAppIngressRule', 'WebAppIngressTls'];
    expect(mergePythonImports(`from cdk8s_workloads import ${names.join(', ')}\n\nx = 1`)).toBe(
      ['from cdk8s_workloads import (', ...names.map(n => `    ${n},`), ')', '', '', 'x = 1'].join('\n'));
  });

  test('code without imports is left alone', () => {
    expect(mergePythonImports('app = App()\napp.synth()')).toBe('app = App()\napp.synth()');
  });
});
