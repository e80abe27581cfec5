// How far a catch-up of the browser index has come (shown while it runs).
export interface IndexProgress {
  /** Messages read so far in the current catch-up, and how many it has. */
  readonly done: number;
  readonly total: number;
  /** The whole index is being built (first visit, or a new index format). */
  readonly rebuilding: boolean;
}
