import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';

/** One entry of the `session` array Cognito passes to the Define and Create triggers. */
export type ChallengeHistoryEntry = DefineAuthChallengeTriggerEvent['request']['session'][number];

/** The custom-challenge rounds of a session, i.e. everything after the optional SRP prelude. */
export function customRounds(session: readonly ChallengeHistoryEntry[]): readonly ChallengeHistoryEntry[] {
  return session.filter((entry) => entry.challengeName === 'CUSTOM_CHALLENGE');
}

/** How many custom answers of this sign-in were wrong so far. */
export function failedCustomAnswers(session: readonly ChallengeHistoryEntry[]): number {
  return customRounds(session).filter((entry) => !entry.challengeResult).length;
}

/** The `challengeMetadata` of the latest custom round, where Create left the code it issued. */
export function latestCustomMetadata(session: readonly ChallengeHistoryEntry[]): string | undefined {
  return customRounds(session).at(-1)?.challengeMetadata ?? undefined;
}
