import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS_ALLOW_HEADERS } from '../../shared/api/createApiHandler.js';

export interface ReadApiProps {
  readonly stage: string;
  readonly handler: IFunction;
  /** Steady-state requests per second across the API. */
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly logRetention: RetentionDays;
}

/**
 * The public read API: an HTTP API (payload v2) proxying every request to the api Lambda, throttled
 * at the stage's default route settings, with JSON access logs. Public by design for reads:
 * everything it serves is also readable on-chain, and its one POST (`/v1/portfolio`) computes from
 * stored records without writing anything. Its one write, PUT /v1/positions, authenticates each
 * protocol by its own key (`authorization: Bearer`) in the handler (docs/positions.md).
 */
export class ReadApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ReadApiProps) {
    super(scope, id);
    // One `$default` route: the handler routes, and answers unknown paths and methods itself with
    // JSON errors (404/405); API Gateway answers CORS preflights from the configuration below.
    this.httpApi = new HttpApi(this, 'Api', {
      apiName: `ballast-${props.stage}-read`,
      description: `Ballast ${props.stage}: read API (risk parameters, publications, verification)`,
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Handler', props.handler),
      corsPreflight: {
        allowOrigins: ['*'],
        // POST for /v1/portfolio (the only write-shaped route; it computes, it stores nothing).
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.HEAD,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.OPTIONS,
        ],
        // A browser POSTs/PUTs JSON, which makes `content-type: application/json` a preflighted
        // header; PUT /v1/positions carries its key in `authorization` (named: `*` never covers it).
        allowHeaders: CORS_ALLOW_HEADERS.split(','),
        maxAge: Duration.hours(1),
      },
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    Validations.of(this.httpApi.node.findChild('DefaultRoute')).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public API by design: it serves published risk parameters that are public on-chain, and its one write (PUT /v1/positions) checks a per-protocol key in the handler; throttled at the stage.',
    });
  }

  /** The API's base URL. */
  get url(): string {
    return this.stage.url;
  }
}
