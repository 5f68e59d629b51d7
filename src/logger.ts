import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets never reach a log: the fields that could carry them are
 * redacted wherever they appear, and message text is only logged at debug level.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'key',
          '*.key',
          'keys',
          '*.keys',
          'verificationCode',
          '*.verificationCode',
          'productKey',
          '*.productKey',
          'password',
          '*.password',
          'MicrosoftAppPassword',
          'COSMOS_KEY',
          'text',
          '*.text',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
