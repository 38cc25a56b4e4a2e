import { setTimeout as sleep } from 'node:timers/promises';
import { legsFor } from '@lib/reference-data';
import type { ShipmentScenario } from '../../simulator/src/scenario';
import { runShipment, type Actors, type ShipmentRun, type SimulatedNow } from '../../simulator/src/shipment-run';
import type { Endpoints, Send } from '../../simulator/src/simulator.http';

interface DriveResult {
  runs: ShipmentRun[];
  /** Shipments the drive could not take to delivery, with why. */
  failures: string[];
}

interface Drive {
  /** Share (0–1) of the planned legs driven so far. */
  progress(): number;
  done(): boolean;
  result: Promise<DriveResult>;
}

/**
 * Drives the planned shipments with the simulator's runShipment, `concurrency` at a time, as the
 * shippers, brokers, officers and carriers of the cast, through a retrying client; a new shipment
 * starts only when `mayStart` says so at the progress reached.
 */
export function drive(
  plan: { scenario: ShipmentScenario; actors: Actors }[],
  endpoints: Endpoints,
  now: SimulatedNow,
  send: Send,
  concurrency: number,
  mayStart: (progress: number) => boolean = () => true,
): Drive {
  const plannedLegs = plan.reduce((n, p) => n + legsFor(p.scenario.corridor, p.scenario.direction).length, 0);
  const legsDriven = new Map<ShipmentRun, number>();
  let finished = 0;
  let done = false;
  const queue = [...plan];
  const progress = () => {
    let driven = 0;
    for (const legs of legsDriven.values()) driven += legs;
    return plannedLegs ? driven / plannedLegs : 1;
  };
  const runs: ShipmentRun[] = [];
  const failures: string[] = [];
  const result = Promise.all(
    Array.from({ length: Math.min(concurrency, plan.length) }, async () => {
      for (;;) {
        while (queue.length && !mayStart(progress())) await sleep(100);
        const next = queue.shift();
        if (!next) break;
        try {
          runs.push(
            await runShipment(endpoints, next.actors, next.scenario, now, {
              send,
              // Services restart, the broker comes back, consumers rejoin:
              // what happens asynchronously may take a while.
              patience: { timeoutMs: 240_000, intervalMs: 250 },
              onProgress: (run) => legsDriven.set(run, run.delivered ? run.legs : run.leg - 1),
            }),
          );
        } catch (error) {
          failures.push(`${next.scenario.corridor} (${next.scenario.direction}): ${(error as Error).message}`);
        } finally {
          finished += 1;
        }
      }
    }),
  ).then(() => {
    done = true;
    return { runs, failures };
  });
  return {
    progress,
    done: () => done || finished === plan.length,
    result,
  };
}
