import type { IncomingMessage, ServerResponse } from 'node:http';

/** The route the demo API answers. */
export declare const API_ME_PATH: '/api/me';

/** Verifies access tokens of one app client; resolves with the token's claims. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

export declare function createAccessTokenVerifier(options: {
  discoveryUrl: string;
  clientId: string;
}): AccessTokenVerifier;

/** Answers the API's route and resolves true, or resolves false for any other path. */
export declare function createDemoApi(
  verifier: AccessTokenVerifier,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
