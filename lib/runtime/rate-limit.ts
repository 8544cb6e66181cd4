/**
 * Token buckets for the per-channel send rate (channels.send_rate_per_second; Meta's default
 * tier is 80 messages/s per number). Each instance keeps its own buckets and takes a fair
 * share of the channel's rate — the configured rate divided by the number of live sender
 * instances, which `sender-registry.ts` counts through PostgreSQL — so N instances together
 * stay at the configured rate.
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  private waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private rate: number) {
    // Starts with one send, not a second's worth: the number may have been sending at its full
    // rate from another instance (or this one's previous run) a moment ago, and Meta measures the
    // number, not the instance — a full bucket at every start was a burst of 130429s.
    this.tokens = 1;
  }

  setRate(rate: number): void {
    if (rate === this.rate) return;
    this.refill();
    this.rate = Math.max(0.1, rate);
    this.tokens = Math.min(this.tokens, Math.max(1, this.rate));
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(Math.max(1, this.rate), this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** Resolves when a send may go out (FIFO). */
  take(): Promise<void> {
    this.refill();
    if (this.waiting.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refill();
      while (this.waiting.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        this.waiting.shift()!();
      }
      if (this.waiting.length > 0) this.schedule();
    }, wait);
  }
}

export class ChannelRateLimiter {
  private buckets = new Map<string, TokenBucket>();
  private share = 1;

  /** 1 / number of live sender instances. */
  setShare(share: number): void {
    this.share = Math.min(1, Math.max(0.01, share));
  }

  take(channelId: string, ratePerSecond: number): Promise<void> {
    const rate = Math.max(0.1, (ratePerSecond > 0 ? ratePerSecond : 80) * this.share);
    let bucket = this.buckets.get(channelId);
    if (!bucket) {
      bucket = new TokenBucket(rate);
      this.buckets.set(channelId, bucket);
    } else bucket.setRate(rate);
    return bucket.take();
  }
}
