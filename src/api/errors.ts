/** The API's error type: an HTTP status and a stable code, answered as `{ "error": { code, message } }`. */

/** An API error with its HTTP status and stable code. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}
