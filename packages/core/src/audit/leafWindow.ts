/**
 * The leaves read since the last checked seal: each leaf's hash and its event's hash (given as
 * lower-case hex; 64 bytes a
 * leaf in one growing buffer, no object per leaf) and its stream and revision (a shared string
 * and a number), so that a seal recorded after the events it covers can be checked when it is
 * read, in one pass.
 */
export class LeafWindow {
  private bytes = Buffer.alloc(64 * 1024);
  private start = 0;
  private end = 0;
  private names: string[] = [];
  private revisions: number[] = [];
  private namesStart = 0;

  /** How many leaves the window holds. */
  get length(): number {
    return (this.end - this.start) / 64;
  }

  /** Adds a leaf at the end; its hash as a "binary" (latin1) string, a character a byte. */
  push(leafHash: string, eventHash: string, streamName: string, revision: number): void {
    if (this.end + 64 > this.bytes.length) this.grow();
    this.bytes.write(leafHash, this.end, 32, "binary");
    // Written from its hex in place: no buffer per event.
    this.bytes.write(eventHash, this.end + 32, 32, "hex");
    this.end += 64;
    this.names.push(streamName);
    this.revisions.push(revision);
  }

  /** The stream and revision of the `i`-th leaf held. */
  eventAt(i: number): { readonly streamName: string; readonly revision: number } {
    const at = this.namesStart + i;
    return { streamName: this.names[at] as string, revision: this.revisions[at] as number };
  }

  /**
   * The hash of the `i`-th leaf held (0 is the oldest), as a view of the window's bytes, valid
   * until the next push or drop: to be copied by whoever keeps it (`MerkleFrontier.append` does).
   */
  leafHash(i: number): Buffer {
    const at = this.start + 64 * i;
    return this.bytes.subarray(at, at + 32);
  }

  /** The event hash of the `i`-th leaf held, lower-case hex. */
  eventHash(i: number): string {
    const at = this.start + 64 * i + 32;
    return this.bytes.toString("hex", at, at + 32);
  }

  /** Forgets the `count` oldest leaves. */
  dropFirst(count: number): void {
    this.start += 64 * count;
    this.namesStart += count;
    if (this.start === this.end) {
      this.start = this.end = 0;
      this.names = [];
      this.revisions = [];
      this.namesStart = 0;
    } else if (this.namesStart > 4096 && this.namesStart * 2 > this.names.length) {
      this.names = this.names.slice(this.namesStart);
      this.revisions = this.revisions.slice(this.namesStart);
      this.namesStart = 0;
    }
  }

  private grow(): void {
    const used = this.end - this.start;
    // Compact in place when the dropped front is most of the buffer; else double it.
    const next = used * 2 < this.bytes.length ? this.bytes : Buffer.alloc(this.bytes.length * 2);
    this.bytes.copy(next, 0, this.start, this.end);
    this.bytes = next;
    this.start = 0;
    this.end = used;
  }
}
