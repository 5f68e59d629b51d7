import type { VerificationSender } from '../domain/enrollment';
import type { Logger } from '../logger';

/**
 * The production default until a mail transport is plugged in (pass your own VerificationSender
 * to createApp): it sends nothing and warns, without the code, so an operator notices. In local
 * mode the enrolment dialog shows the code to the enrolling admin instead of calling a sender.
 */
export class UnconfiguredVerificationSender implements VerificationSender {
  constructor(private readonly logger: Logger) {}

  send(message: Parameters<VerificationSender['send']>[0]): Promise<void> {
    this.logger.warn(
      { tenant: message.tenantId },
      'no mail transport is configured: the enrolment confirmation code was not e-mailed',
    );
    return Promise.resolve();
  }
}
