/**
 * The pool's OpenID Connect discovery document, served at `/<userPoolId>/.well-known/openid-configuration`
 * like Cognito's `https://cognito-idp.<region>.amazonaws.com/<userPoolId>/.well-known/openid-configuration`.
 * Verifiers such as aws-jwt-verify need only `issuer` and `jwks_uri` from it.
 *
 * Cognito adds `authorization_endpoint`, `token_endpoint`, `userinfo_endpoint` and `end_session_endpoint` on the
 * pool's hosted domain. This endpoint has no OAuth routes, so it names none rather than pointing at routes that
 * would answer 404.
 */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
  };
}
