/** A TikTok Shop API answer with a non-zero code. 105xxx and 360xxx mean the token is no good. */
export class TikTokApiError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(`TikTok Shop API error ${code}: ${message}`);
    this.name = 'TikTokApiError';
    this.code = code;
  }

  get isAuthorizationError(): boolean {
    const group = Math.floor(this.code / 1000);
    return group === 105 || group === 360;
  }
}
