import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { BALLAST_METRICS, BALLAST_METRICS_NAMESPACE } from '../../shared/observability/metricNames.js';
import { REPO_ROOT } from './synthForTest.js';

/** One emission site of a Ballast metric: its CloudWatch name and its dimensions besides `service`. */
export interface EmittedMetric {
  readonly name: string;
  /** Sorted; `service` (Powertools' default dimension) is on every metric and not listed. */
  readonly dimensions: readonly string[];
  /** `file:line` of the `addMetric` call. */
  readonly at: string;
}

const EMISSION = /(\w+)\.addMetric\(\s*BALLAST_METRICS\.(\w+)/g;

/**
 * Every Ballast metric emission in `shared/` and `lambdas/`, read from the source. Two forms exist:
 * `metrics.addMetric(BALLAST_METRICS.k, …)` (the `service` dimension only), and
 * `const x = metrics.singleMetric(); x.addDimension('D', …); x.addMetric(BALLAST_METRICS.k, …)`
 * (`service` and `D`). An `addMetric` written any other way throws, naming where: the alarms'
 * contract test below must be able to read every emission.
 */
export function emittedBallastMetrics(): EmittedMetric[] {
  const names = BALLAST_METRICS as Record<string, string>;
  const found: EmittedMetric[] = [];
  for (const file of ['shared', 'lambdas'].flatMap((dir) => sourceFiles(join(REPO_ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    const readable = [...text.matchAll(EMISSION)];
    const all = text.split('.addMetric(').length - 1;
    const at = (index: number): string =>
      `${relative(REPO_ROOT, file)}:${text.slice(0, index).split('\n').length}`;
    if (readable.length !== all)
      throw new Error(
        `${relative(REPO_ROOT, file)}: ${all - readable.length} addMetric call(s) not of the form x.addMetric(BALLAST_METRICS.key, …)`,
      );
    for (const match of readable) {
      const [, receiver, key] = match as unknown as [string, string, string];
      const name = names[key];
      if (name === undefined) throw new Error(`${at(match.index)}: BALLAST_METRICS has no ${key}`);
      if (receiver === 'metrics') {
        found.push({ name, dimensions: [], at: at(match.index) });
        continue;
      }
      const declared = text.lastIndexOf(`const ${receiver} = metrics.singleMetric();`, match.index);
      if (declared < 0)
        throw new Error(
          `${at(match.index)}: ${receiver} is neither \`metrics\` nor a metrics.singleMetric()`,
        );
      const between = text.slice(declared, match.index);
      const dimensions = [...between.matchAll(new RegExp(`${receiver}\\.addDimension\\(\\s*'(\\w+)'`, 'g'))]
        .map((m) => m[1]!)
        .sort();
      found.push({ name, dimensions, at: at(match.index) });
    }
  }
  return found;
}

/**
 * What is wrong with the alarms and dashboard widgets of a synthesized stack that show Ballast
 * metrics: each must name a metric the code emits with exactly its dimensions (CloudWatch matches a
 * metric on its full dimension set: one dimension more or less and an alarm watches nothing, and
 * stays OK, and a graph stays empty), and its `service` must be the POWERTOOLS_SERVICE_NAME of one
 * of the stack's functions. Empty when none.
 */
export function metricsWatchedButNotEmitted(template: Template): string[] {
  const emitted = emittedBallastMetrics();
  const services = new Set(
    Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) => (fn as FunctionResource).Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
    ),
  );
  const problems: string[] = [];
  const check = (
    where: string,
    metricName: string,
    dims: readonly { Name: string; Value: unknown }[],
  ): void => {
    const service = dims.find((d) => d.Name === 'service')?.Value;
    const others = dims
      .filter((d) => d.Name !== 'service')
      .map((d) => d.Name)
      .sort();
    if (typeof service !== 'string' || !services.has(service))
      problems.push(`${where}: service ${JSON.stringify(service)} is no function's POWERTOOLS_SERVICE_NAME`);
    const sites = emitted.filter((e) => e.name === metricName);
    if (!sites.some((e) => e.dimensions.join() === others.join()))
      problems.push(
        `${where}: watches ${metricName} by service${others.map((d) => `, ${d}`).join('')}; the code emits ${
          sites.length === 0
            ? 'no such metric'
            : sites.map((e) => `service${e.dimensions.map((d) => `, ${d}`).join('')} (${e.at})`).join('; ')
        }`,
      );
  };
  for (const resource of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
    const alarm = (resource as AlarmResource).Properties;
    const watched = alarm.Metrics?.flatMap((m) =>
      m.MetricStat === undefined ? [] : [m.MetricStat.Metric],
    ) ?? [alarm];
    for (const metric of watched)
      if (metric.Namespace === BALLAST_METRICS_NAMESPACE)
        check(alarm.AlarmName, metric.MetricName ?? '', metric.Dimensions ?? []);
  }
  for (const { title, metric } of dashboardMetrics(template)) {
    // [namespace, name, dimension, value, …, options?]: the form CDK writes for a graph's metric.
    const [namespace, name, ...rest] = metric;
    if (namespace !== BALLAST_METRICS_NAMESPACE) continue;
    const pairs = rest.filter((x) => typeof x === 'string');
    const dims = Array.from({ length: pairs.length / 2 }, (_, k) => ({
      Name: pairs[2 * k]!,
      Value: pairs[2 * k + 1],
    }));
    check(`dashboard "${title}"`, String(name), dims);
  }
  return problems;
}

/** Every metric line of every graph of the stack's dashboards (references in the body read as "TOKEN"). */
function dashboardMetrics(template: Template): { title: string; metric: readonly unknown[] }[] {
  return Object.values(template.findResources('AWS::CloudWatch::Dashboard')).flatMap((resource) => {
    const body = (resource as DashboardResource).Properties.DashboardBody;
    const text =
      typeof body === 'string'
        ? body
        : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
    const widgets = (
      JSON.parse(text) as { widgets: { properties?: { title?: string; metrics?: unknown[][] } }[] }
    ).widgets;
    return widgets.flatMap((w) =>
      (w.properties?.metrics ?? []).map((metric) => ({ title: w.properties?.title ?? '(untitled)', metric })),
    );
  });
}

interface MetricProperties {
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: readonly { readonly Name: string; readonly Value: unknown }[];
}

interface AlarmResource {
  readonly Properties: MetricProperties & {
    readonly AlarmName: string;
    readonly Metrics?: readonly { readonly MetricStat?: { readonly Metric: MetricProperties } }[];
  };
}

interface DashboardResource {
  readonly Properties: {
    readonly DashboardBody: string | { readonly 'Fn::Join': readonly [string, readonly unknown[]] };
  };
}

interface FunctionResource {
  readonly Properties: { readonly Environment?: { readonly Variables?: Record<string, unknown> } };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}
