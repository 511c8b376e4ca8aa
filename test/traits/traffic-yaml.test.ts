import { web } from './traffic-cases';
import { WebApp } from '../../src';
import { newChart, synthError } from '../support/synth';

test('an HTTPRoute header value that kubectl would read back as a number is refused (the YAML round-trip check covers the route)', () => {
  const chart = newChart();
  new WebApp(chart, 'app', { ...web, httpRoute: { parentRefs: [{ name: 'edge' }], rules: [{ matches: [{ headers: [{ name: 'x-version', value: '0o17' }] }] }] } });
  expect(synthError(chart)).toContain('HTTPRoute "app" spec.rules[0].matches[0].headers[0].value: "0o17" is not allowed; cdk8s writes it without quotes');
});
