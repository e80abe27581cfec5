import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LookupGate } from "./lookup-gate.ts";

describe("LookupGate", () => {
  it("runs one lookup at a time, every one in turn, and none whose fetch gave up waiting", () => {
    // Each caller: whether its fetch gives up while it waits. Answers come in a random order of
    // turns; the gate must never have two lookups out at once.
    const callers = fc.array(fc.boolean(), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(callers, (givesUp) => {
        const gate = new LookupGate();
        const controllers = givesUp.map(() => new AbortController());
        const inFlight: (() => void)[] = [];
        const ran: number[] = [];
        const abandoned: number[] = [];
        givesUp.forEach((_, i) => {
          gate.run(
            (done) => {
              ran.push(i);
              inFlight.push(done);
            },
            (controllers[i] as AbortController).signal,
            () => abandoned.push(i),
          );
        });
        // The first runs at once; the others that give up do so while waiting.
        givesUp.forEach((gives, i) => {
          if (gives && i > 0) controllers[i]?.abort();
        });
        while (inFlight.length > 0) {
          expect(inFlight).toHaveLength(1);
          inFlight.shift()?.();
        }
        const waitedOut = givesUp.flatMap((gives, i) => (gives && i > 0 ? [i] : []));
        expect(abandoned).toEqual(waitedOut);
        expect(ran).toEqual(givesUp.flatMap((_, i) => (waitedOut.includes(i) ? [] : [i])));
      }),
    );
  });
});
