import { TRAFFIC_CASES } from './traffic-cases';
import { newChart, synthError } from '../support/synth';

describe('the traffic traits reject bad input at synth, naming the path, field and value', () => {
  test.each(TRAFFIC_CASES)('%s', (_name, build, message) => {
    const chart = newChart();
    build(chart);
    const error = synthError(chart);
    // The whole line, not a prefix of it.
    expect(error.split('\n').map(l => l.trim())).toContain(`[test/app] ${message}`);
  });
});
