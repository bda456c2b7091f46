/**
 * What one HTTP health check asks for: the spec every other part of `collect/http/` reads.
 * Kept apart (imports nothing) so the runner, the judge and the validator do not import each other.
 */

/** One configured HTTP health check. An optional field set to undefined means absent (zod-inferred config fits as is). */
export interface HealthCheckSpec {
  readonly id: string;
  /** http(s) URL; `user:pass@` is accepted and sent as Basic auth, the password registered as a secret. */
  readonly url: string;
  /** Default GET. HEAD cannot have body expectations. */
  readonly method?: 'GET' | 'HEAD' | undefined;
  /** Deadline for the whole check: connect, redirects, headers and the body read. */
  readonly timeoutMs: number;
  /** Accepted statuses: a list or an inclusive range; default 200-299. */
  readonly expectStatus?: readonly number[] | { readonly min: number; readonly max: number } | undefined;
  readonly expectBody?: {
    readonly contains?: string | undefined;
    /** Regular expression source (no flags), tested against the body read. */
    readonly matches?: string | undefined;
    /** `$.a.b[0]` into a JSON body; the value must be strictly equal (no "1" == 1). */
    readonly jsonPath?: { readonly path: string; readonly equals: string | number | boolean } | undefined;
  } | undefined;
  /** Slower than this (time to the final response's headers) fails the check. */
  readonly maxLatencyMs?: number | undefined;
  /** Default false: a 3xx is judged as it is. When true, up to MAX_REDIRECTS are followed. */
  readonly followRedirects?: boolean | undefined;
  /** Request headers; every value is treated as a secret (registered, never echoed). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Accept any server certificate (self-signed lab gear); the connection is still encrypted. */
  readonly tlsInsecure?: boolean | undefined;
}
