import type { z } from 'zod';

/** A payload we can never turn into an order: not retried, the event ends FAILED with `message`. */
export class PayloadValidationError extends Error {
  readonly issues: string[];

  constructor(message: string, issues: string[] = []) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
    this.name = 'PayloadValidationError';
    this.issues = issues;
  }

  static fromZod(what: string, error: z.ZodError): PayloadValidationError {
    const issues = error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return new PayloadValidationError(`Invalid ${what}`, issues);
  }
}
