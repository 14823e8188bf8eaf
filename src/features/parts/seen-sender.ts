// A part (no feature): how the WeChat readers tell the worker what a page shows (`goods.seen`,
// `rooms.seen`): a reading is sent when it differs from the last one answered, one at a time;
// a reading that changes while one is on its way is read again once that one is answered (the
// page may not change again to prompt it). Nothing is sent once the signal aborted.
export class SeenSender {
  private last = ""
  private inFlight = false
  private again = false

  /** `readAgain` reads the page again and offers what it reads (the feature's own reader). */
  constructor(
    private readonly signal: AbortSignal,
    private readonly readAgain: () => void
  ) {}

  /** Send the reading `signature` stands for, through `send`, unless it is the last one answered. */
  offer(signature: string, send: () => Promise<unknown>) {
    if (signature === this.last || this.signal.aborted) return
    if (this.inFlight) {
      this.again = true
      return
    }
    this.inFlight = true
    send()
      .then(() => (this.last = signature))
      .catch((e) => console.warn("[HiMall 直播助手]", e))
      .finally(() => {
        this.inFlight = false
        if (this.again) {
          this.again = false
          this.readAgain()
        }
      })
  }
}
