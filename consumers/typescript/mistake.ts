// The mistakes every consumer makes, in TypeScript: the error text the other languages
// must receive unchanged. Writes the message to the file named by the first argument.
import * as fs from 'fs';
import * as os from 'os';
import { App, Chart } from 'cdk8s';
import { HealthCheck, Worker } from 'cdk8s-workloads';

const app = new App({ outdir: fs.mkdtempSync(`${os.tmpdir()}/mistake-`) });
const chart = new Chart(app, 'shop');
new Worker(chart, 'mailer', { image: 'Mailer' });
new Worker(chart, 'indexer', {
  image: 'indexer:1.0',
  livenessProbe: HealthCheck.fromCommand(['true'], { successThreshold: 3 }),
});
try {
  app.synth();
} catch (error) {
  fs.writeFileSync(process.argv[2], (error as Error).message);
  process.exit(0);
}
console.error('synth did not throw');
process.exit(1);
