// One error type with a closed table of codes. API bodies carry the stable `code`; the dashboard
// turns it into a translated message.

export const appErrorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type TAppErrorCode = keyof typeof appErrorStatus;

export class AppError extends Error {
  readonly code: TAppErrorCode;

  constructor(code: TAppErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }

  get status(): number {
    return appErrorStatus[this.code];
  }
}

export function notFound(what = 'Not found'): AppError {
  return new AppError('not_found', what);
}
