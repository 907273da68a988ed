import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Where a trigger's code lives and what it is told through its environment. */
export interface TriggerFunctionProps {
  /** The repository root: the bundler's project root and the home of `package-lock.json`. */
  readonly projectRoot: string;
  /** The trigger module, relative to `projectRoot` (it must export `handler`). */
  readonly entry: string;
  /** One line for the console and `aws lambda list-functions`. */
  readonly description: string;
  /** Environment variables the trigger reads. */
  readonly environment: Record<string, string>;
}

/**
 * One auth-challenge trigger as a Lambda function: the TypeScript module bundled by the locally
 * installed esbuild, with its own log group so that `cdk destroy` leaves no logs behind.
 */
export class TriggerFunction extends Construct {
  /** The deployed function. */
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: TriggerFunctionProps) {
    super(scope, id);
    requireLocalEsbuild(props.projectRoot);

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(props.projectRoot, props.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      // The newest Node.js runtime aws-cdk-lib offers; Node.js 20 is past its end of life (April 2026).
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      // Cognito gives up on a trigger after 5 seconds, so a longer Lambda timeout would only hide the failure.
      timeout: Duration.seconds(5),
      description: props.description,
      environment: props.environment,
      logGroup,
      bundling: {
        format: OutputFormat.CJS,
        target: 'node24',
        // The Node.js Lambda runtimes ship the AWS SDK v3 (SES, DynamoDB); bundling it again would only add weight.
        externalModules: ['@aws-sdk/*'],
        forceDockerBundling: false,
      },
    });
  }
}

/**
 * The bundler falls back to Docker when it cannot find esbuild; this stack must never need Docker,
 * so a missing esbuild is reported as the missing install it is.
 */
function requireLocalEsbuild(projectRoot: string): void {
  try {
    createRequire(join(projectRoot, 'package.json')).resolve('esbuild');
  } catch {
    throw new Error(`esbuild is not installed under ${projectRoot}: run \`npm ci\` in the repository root first.`);
  }
}
