/**
 * True when a webhook's Content-Type says JSON (application/json, text/json or any `+json` type,
 * parameters such as charset allowed) or says nothing. The platforms send application/json; a
 * signed body declared as form data, XML or plain text is not a delivery we understand.
 */
export function isJsonContentType(header: string | null): boolean {
  if (header === null || !header.trim()) return true;
  const mediaType = header.split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || mediaType === 'text/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}
