import { ZodError } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { isDatabaseUnavailable } from '@/lib/db/client';
import { logger } from '@/lib/log';

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Maps any error to a JSON response: AppError as declared, ZodError 422, unique 409, else 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json(errorBody(error.code, error.message), { status: error.status });
  if (error instanceof ZodError) {
    const message = error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
    return Response.json(errorBody('unprocessable', message), { status: 422 });
  }
  if (isUniqueViolation(error)) return Response.json(errorBody('conflict', 'Already exists'), { status: 409 });
  if (isUnstorableText(error)) return Response.json(errorBody('bad_request', 'The request contains a character that cannot be processed (NUL)'), { status: 400 });
  if (isDatabaseUnavailable(error)) return Response.json(errorBody('unavailable', 'Database unavailable, try again'), { status: 503 });
  logger.error({ err: error }, 'unhandled error');
  return Response.json(errorBody('internal', 'Something went wrong'), { status: 500 });
}

export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string } | null;
  return candidate?.code === '23505' || candidate?.code === 'P2002';
}

/** Postgres refused a character of the input (a NUL in a query parameter): the request's fault. */
function isUnstorableText(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '22021';
}
