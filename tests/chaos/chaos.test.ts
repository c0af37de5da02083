import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosPorts, startChaosCluster, type TChaosCluster } from '@/tests/chaos/cluster';
import { formatChaosReport } from '@/tests/chaos/report';
import { chaosScenarios, chaosServiceEnv, shortChaosSizes, type TScenarioResult } from '@/tests/chaos/scenarios';

// The short versions of `npm run chaos`: the same scenarios, smaller bursts and outages. Verdicts
// come from Postgres after everything settled; timeouts are generous and nothing is timed.

let cluster: TChaosCluster;
const results: TScenarioResult[] = [];

beforeAll(async () => {
  cluster = await startChaosCluster({
    name: 'test',
    ports: chaosPorts('test'),
    serviceEnv: chaosServiceEnv(shortChaosSizes),
  });
});

afterAll(async () => {
  if (results.length) process.stdout.write(`\n${formatChaosReport(results)}\n`);
  await cluster?.stop();
});

describe('chaos (short versions of npm run chaos)', () => {
  for (const scenario of chaosScenarios) {
    it(`${scenario.id}. ${scenario.title}: nothing lost, nothing doubled, numbers gap-free`, async () => {
      const result = await scenario.run(cluster, shortChaosSizes);
      results.push(result);
      const { lost, duplicated, gaps, unsettled } = result.verdict;
      expect({ lost, duplicated, gaps, unsettled, failedChecks: result.checks.filter((check) => !check.ok) }).toEqual({
        lost: 0,
        duplicated: 0,
        gaps: 0,
        unsettled: 0,
        failedChecks: [],
      });
    });
  }
});
