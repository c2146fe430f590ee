import { describe, expect, it } from 'vitest';
import { readRuntimeEnv } from '../../../shared/config/runtimeEnv.js';
import { createMonitorContext } from '../../../shared/positions/monitor/createMonitorContext.js';

describe('createMonitorContext', () => {
  const env = (vars: Record<string, string>) => readRuntimeEnv({ BALLAST_TABLE_PREFIX: 'dev', ...vars });

  it('reads the webhook secret from the named parameter, and names the alerts table', async () => {
    const asked: string[] = [];
    const context = await createMonitorContext(
      env({
        BALLAST_ALERT_WEBHOOK_URL: 'https://hooks.example/alerts',
        BALLAST_ALERT_WEBHOOK_SECRET_PARAM: '/ballast/dev/alert-webhook-secret',
      }),
      {
        readSecret: async (name) => {
          asked.push(name);
          return ' s3cret-s3cret-s3cret \n';
        },
      },
    );
    expect(asked).toEqual(['/ballast/dev/alert-webhook-secret']);
    expect(context.webhook).toEqual({ url: 'https://hooks.example/alerts', secret: 's3cret-s3cret-s3cret' });
    expect(context.tables.alerts).toBe('dev-alerts');
    expect(context.topic).toBeUndefined();
  });

  it('has no webhook without one, and refuses half a configuration or a short secret', async () => {
    expect((await createMonitorContext(env({}))).webhook).toBeUndefined();
    await expect(
      createMonitorContext(env({ BALLAST_ALERT_WEBHOOK_URL: 'https://hooks.example/alerts' })),
    ).rejects.toThrow(/BALLAST_ALERT_WEBHOOK_SECRET_PARAM: only the URL is set; set both or neither/);
    await expect(
      createMonitorContext(
        env({
          BALLAST_ALERT_WEBHOOK_URL: 'https://hooks.example/alerts',
          BALLAST_ALERT_WEBHOOK_SECRET_PARAM: '/p',
        }),
        { readSecret: async () => 'short' },
      ),
    ).rejects.toThrow(/the secret in \/p has 5 characters; at least 16 are required/);
  });
});
