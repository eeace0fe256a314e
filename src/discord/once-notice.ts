/**
 * Warnings worth saying once, not on every answer (e.g. that semantic search is off): they
 * are logged at start, listed by /sources, and shown with the first answer after start.
 */
export class OnceNotice {
  private shown = false;

  /** The warnings to show with this answer: all of them the first time there are any, then none. */
  take(warnings: readonly string[]): string[] {
    if (this.shown || warnings.length === 0) return [];
    this.shown = true;
    return [...warnings];
  }
}
