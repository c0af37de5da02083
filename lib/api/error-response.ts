import { ZodError } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { isDatabaseUnavailable } from '@/lib/db/client';
import { logger } from '@/lib/log';

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Maps any error to a JSON answer: AppError as declared, ZodError 422, unique 409, else 500. */
export function errorAnswer(error: unknown): { status: number; body: ReturnType<typeof errorBody> } {
  if (error instanceof AppError) return { status: error.status, body: errorBody(error.code, error.message) };
  if (error instanceof ZodError) {
    const message = error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
    return { status: 422, body: errorBody('unprocessable', message) };
  }
  if (isUniqueViolation(error)) return { status: 409, body: errorBody('conflict', 'Already exists') };
  if (isUnstorableText(error)) return { status: 400, body: errorBody('bad_request', 'The request contains a character that cannot be processed (NUL)') };
  if (isDatabaseUnavailable(error)) return { status: 503, body: errorBody('unavailable', 'Database unavailable, try again') };
  logger.error({ err: error }, 'unhandled error');
  return { status: 500, body: errorBody('internal', 'Something went wrong') };
}

/** errorAnswer as a web Response, for route handlers. */
export function errorResponse(error: unknown): Response {
  const answer = errorAnswer(error);
  return Response.json(answer.body, { status: answer.status });
}

export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string } | null;
  return candidate?.code === '23505' || candidate?.code === 'P2002';
}

/** Postgres refused a character of the input (a NUL in a query parameter): the request's fault. */
function isUnstorableText(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '22021';
}
