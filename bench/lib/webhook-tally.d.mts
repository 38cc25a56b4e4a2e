export declare function percentile(sorted: number[], p: number): number | undefined;
export interface WebhookAccount {
  accepted: number;
  answered: number;
  acceptedUnanswered: number;
  answeredNotStored: number;
  deliveries: number;
  received: number;
  missing: number;
  unexpected: number;
  redeliveries: number;
  doubled: number;
  badSignatures: number;
  latenciesMs: number[];
}
export declare class WebhookTally {
  record(webhook: { eventKey: string; webhookId: string; latencyMs: number; verified: boolean }): void;
  covers(accepted: Iterable<string>): boolean;
  account(accepted: Iterable<string>, answered: Iterable<string>): WebhookAccount;
}
