// Progress of a long command on stderr: done of total, the rate so far and the time left,
// at most once a second and once at the end.

const EVERY_MS = 1000;

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export class Progress {
  private readonly out: NodeJS.WritableStream;
  private readonly label: string;
  private readonly unit: string;
  private readonly total: number;
  private readonly startedMs = Date.now();
  private shownMs = this.startedMs;

  constructor(out: NodeJS.WritableStream, label: string, unit: string, total: number) {
    this.out = out;
    this.label = label;
    this.unit = unit;
    this.total = total;
  }

  update(done: number): void {
    const now = Date.now();
    if (done < this.total && now - this.shownMs < EVERY_MS) return;
    this.shownMs = now;
    const elapsedMs = Math.max(1, now - this.startedMs);
    const rate = (done * 1000) / elapsedMs;
    const left =
      done < this.total ? `, about ${seconds(((this.total - done) / rate) * 1000)} left` : "";
    this.out.write(
      `${this.label}: ${done.toLocaleString("en")}/${this.total.toLocaleString("en")} ${this.unit}, ` +
        `${Math.round(rate).toLocaleString("en")}/s, ${seconds(elapsedMs)} so far${left}\n`,
    );
  }
}
