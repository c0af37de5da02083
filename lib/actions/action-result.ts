import { ZodError } from 'zod';
import { AppError } from '@/lib/errors/app-error';

/** What a form's server action answers: the value, or an error code the form translates. */
export type TActionResult<T = undefined> = { ok: true; value: T } | { ok: false; code: string };

/** Expected failures become a code for the form; anything else is a real error and is thrown. */
export function actionFailure(error: unknown): { ok: false; code: string } {
  if (error instanceof AppError) return { ok: false, code: error.code };
  if (error instanceof ZodError) return { ok: false, code: 'unprocessable' };
  throw error;
}
