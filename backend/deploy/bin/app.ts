// The CDK app: `cd backend/deploy && npx cdk synth` (or `deploy`, `destroy`); see ../README.md.
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { userAuthFromContext, userPoolRemovalPolicyFromContext } from '../lib/context-options.ts';
import { CustomAuthStack } from '../lib/custom-auth-stack.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

try {
  const app = new App();
  const userAuth = userAuthFromContext(app.node);
  const flows = [
    ...(userAuth?.customAuth === false ? [] : ['custom auth flow']),
    ...(userAuth ? [`USER_AUTH: ${userAuth.firstFactors.join(', ')}`] : []),
  ];
  new CustomAuthStack(app, 'CustomAuthLogin', {
    description: `custom-auth-login: Cognito user pool with passwordless sign-in (${flows.join('; ')})`,
    projectRoot,
    userPoolRemovalPolicy: userPoolRemovalPolicyFromContext(app.node),
    ...(userAuth ? { userAuth } : {}),
  });
} catch (error) {
  // A wrong context value or a missing install is the user's to fix: say what, without a stack trace.
  console.error(`custom-auth-login deploy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
