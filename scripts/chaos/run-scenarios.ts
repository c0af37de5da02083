// The chaos scenarios at full size, against a private cluster (`npm run chaos` prepares the build
// and the environment, then runs this). Prints the table; exits 1 unless every scenario held.
//   npm run chaos              every scenario
//   npm run chaos -- c d       only the named ones
//   npm run chaos -- --short   the sizes `npm test` uses
import { chaosPorts, startChaosCluster } from '@/tests/chaos/cluster';
import { formatChaosReport } from '@/tests/chaos/report';
import { chaosScenarios, chaosServiceEnv, fullChaosSizes, shortChaosSizes, type TScenarioResult } from '@/tests/chaos/scenarios';

const requested = process.argv.slice(2).filter((argument) => /^[a-g]$/.test(argument));
const sizes = process.argv.includes('--short') ? shortChaosSizes : fullChaosSizes;
const selected = chaosScenarios.filter((scenario) => !requested.length || requested.includes(scenario.id));
const say = (message: string) => process.stdout.write(`[chaos] ${message}\n`);

say('Starting a private Postgres, Redis, web app and fake TikTok Shop under .data/chaos/full…');
const cluster = await startChaosCluster({
  name: 'full',
  ports: chaosPorts('full'),
  serviceEnv: chaosServiceEnv(sizes),
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cluster.stop().catch((error) => say(`stopping the cluster failed: ${error}`));
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));
process.on('SIGTERM', () => void stop().then(() => process.exit(143)));

const results: TScenarioResult[] = [];
try {
  for (const scenario of selected) {
    say(`Scenario ${scenario.id}…`);
    const result = await scenario.run(cluster, sizes);
    results.push(result);
    say(`Scenario ${scenario.id}: ${result.held ? 'held' : 'BROKEN'} in ${result.seconds} s`);
  }
} catch (error) {
  say(`A scenario could not run: ${error instanceof Error ? error.stack : error}`);
} finally {
  await stop();
}
process.stdout.write(`\n${formatChaosReport(results)}\n`);
say(`Logs of the web app and workers: ${cluster.directory}/logs`);
const held = results.length === selected.length && results.every((result) => result.held);
say(held ? 'Every scenario held.' : 'Some scenario did NOT hold.');
process.exit(held ? 0 : 1);
