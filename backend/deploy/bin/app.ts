// The CDK app: `cd backend/deploy && npx cdk synth` (or `deploy`, `destroy`); see ../README.md.
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { userPoolRemovalPolicyFromContext } from '../lib/context-options.ts';
import { CustomAuthStack } from '../lib/custom-auth-stack.ts';
import { signInLinksFromContext } from '../lib/sign-in-link-settings.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

try {
  const app = new App();
  new CustomAuthStack(app, 'CustomAuthLogin', {
    description: 'custom-auth-login: Cognito user pool with passwordless sign-in codes (custom auth flow)',
    projectRoot,
    userPoolRemovalPolicy: userPoolRemovalPolicyFromContext(app.node),
    signInLinks: signInLinksFromContext(app.node),
  });
} catch (error) {
  // A wrong context value or a missing install is the user's to fix: say what, without a stack trace.
  console.error(`custom-auth-login deploy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
