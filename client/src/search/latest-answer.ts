// The page's half of dropping stale searches: requests are numbered, and only answers to the
// newest request are kept. An answer to an older request (the worker answered before it saw the
// newer one) is dropped, never shown after a newer query's results. The same request sent again
// (the index changed meanwhile) keeps its earlier answers, as long as they come in order.
import { Observable } from "../state/observable.ts";

export interface Answered<Request, Answer> {
  readonly request: Request;
  readonly answer: Answer;
}

export class LatestAnswer<Request, Answer> {
  readonly current = new Observable<Answered<Request, Answer> | null>(null);
  private issued = 0;
  /** The number under which the newest request was first sent. */
  private firstOfRequest = 1;
  /** The number of the answer kept last. */
  private settled = 0;
  private request: Request | null = null;

  /** The number to send with `request`; answers to earlier requests are dropped from now on. */
  issue(request: Request): number {
    this.issued++;
    if (request !== this.request) this.firstOfRequest = this.issued;
    this.request = request;
    return this.issued;
  }

  /** Keeps `answer` if `seq` was given to the newest request and no later answer was kept. */
  settle(seq: number, answer: Answer): boolean {
    if (this.request === null || seq < this.firstOfRequest || seq <= this.settled) return false;
    this.settled = seq;
    this.current.set({ request: this.request, answer });
    return true;
  }

  /** Whether the newest request has no answer yet. */
  get pending(): boolean {
    return this.request !== null && this.settled < this.firstOfRequest;
  }
}
