/** What the simulator sends for one request. */
export interface SimResponse {
  readonly status: number;
  /** JSON-serialisable body. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}
