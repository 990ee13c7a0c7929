// Cluster eligibility (part of the KubeFleet scheduler simulator; see scheduler.ts).
// kubefleet pkg/scheduler/clustereligibilitychecker/checker.go IsEligible: left the fleet, member agent
// status missing, heartbeat older than the heartbeat check timeout, not joined, no health condition,
// unhealthy for longer than the health check timeout (both timeouts default to 5 minutes).
import { GO_ZERO_TIME } from '../ocm/quantities';
import { fail } from '../../core/errors';
import type { FleetCluster } from './model';

/** Options of the eligibility check. */
export interface FleetEligibilityOptions {
  /**
   * The evaluation time for heartbeat and health-transition ages (RFC 3339 or a Date). The simulator
   * never reads the clock: without it those ages are not checked (a recorded heartbeat counts as fresh).
   * @default - ages not checked
   */
  readonly now?: string | Date;
  /**
   * The hub agent's heartbeat check timeout, in seconds.
   * @default 300
   */
  readonly heartbeatCheckTimeoutSeconds?: number;
  /**
   * The hub agent's health check timeout, in seconds.
   * @default 300
   */
  readonly healthCheckTimeoutSeconds?: number;
}

function time(s: string | undefined, what: string): number {
  if (s === undefined || s === '') return GO_ZERO_TIME;
  const t = Date.parse(s);
  if (Number.isNaN(t)) fail(what, `${JSON.stringify(s)} is not an RFC 3339 time`);
  return t;
}

/** The evaluation time in epoch milliseconds, or undefined. */
export function nowOf(options: FleetEligibilityOptions): number | undefined {
  const n = options.now;
  if (n === undefined) return undefined;
  const t = n instanceof Date ? n.getTime() : Date.parse(n);
  if (Number.isNaN(t)) fail('kubefleet plan', `now ${JSON.stringify(n)} is not an RFC 3339 time`);
  return t;
}

/**
 * Why `c` is not eligible for resource placement (the upstream reason text), or undefined when it is.
 * A MemberCluster without status (a declared object, not read from a hub) is assumed to have joined
 * and to be healthy.
 */
export function ineligibility(c: FleetCluster, options: FleetEligibilityOptions = {}): string | undefined {
  if (c.deleting) return 'cluster has left the fleet';
  if (!c.hasStatus) return undefined;
  const agent = c.memberAgent;
  if (!agent) return 'cluster is not connected to the fleet: member agent not online yet';
  const now = nowOf(options);
  const subject = `MemberCluster "${c.name}"`;
  if (now !== undefined) {
    const since = now - time(agent.lastReceivedHeartbeat, `${subject} lastReceivedHeartbeat`);
    if (since > (options.heartbeatCheckTimeoutSeconds ?? 300) * 1000) {
      return `cluster is not connected to the fleet: no recent heartbeat signals (last received ${(since / 60000).toFixed(2)} minutes ago)`;
    }
  }
  if (agent.joined !== 'True') return 'cluster is not connected to the fleet: member agent not joined yet';
  if (agent.healthy === undefined) return 'cluster is not connected to the fleet: health condition from member agent is not available';
  if (agent.healthy !== 'True' && now !== undefined) {
    const since = now - time(agent.healthyLastTransitionTime, `${subject} Healthy lastTransitionTime`);
    if (since > (options.healthCheckTimeoutSeconds ?? 300) * 1000) {
      return `cluster is not connected to the fleet: unhealthy for a prolonged period of time (last transitioned ${(since / 60000).toFixed(2)} minutes ago)`;
    }
  }
  return undefined;
}
