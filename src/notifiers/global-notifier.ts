import type { Config } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import { NopNotifier, type Notifier } from './notifier.js';
import { createNotifier, type NotifierFactory } from './notifier-factory.js';

/** Channel of the global Slack notifier when `-slack-channel` is empty. */
export const DefaultSlackChannel = 'general';

/**
 * The notifier for canaries without `analysis.alerts`, from the flags (environment already applied by the
 * config): MS Teams when `-msteams-url` is set, else Slack. A broken setting is logged as `Notifier <error>`
 * and gives a {@link NopNotifier}, as in Flagger. Unlike Flagger, an empty `-slack-channel` (its default)
 * means `general` instead of silently disabling Slack.
 */
export function globalNotifier(
  config: Pick<Config, 'slack' | 'msteams'>,
  logger: Logger,
  factory: NotifierFactory = createNotifier,
): Notifier {
  const settings = config.msteams.url
    ? { type: 'msteams', url: config.msteams.url, proxy: config.msteams.proxyUrl }
    : {
        type: 'slack',
        url: config.slack.url,
        token: config.slack.token,
        proxy: config.slack.proxyUrl,
        username: config.slack.user,
        channel: config.slack.channel || DefaultSlackChannel,
      };
  try {
    const notifier = factory(settings);
    if (settings.url) logger.info(`Notifications enabled for ${settings.url.slice(0, 30)}`);
    return notifier;
  } catch (error) {
    logger.error(`Notifier ${error instanceof Error ? error.message : String(error)}`);
    return new NopNotifier();
  }
}
