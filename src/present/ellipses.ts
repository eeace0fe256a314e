/**
 * The marks that tell a reader a quote is part of a longer passage: "…" before a quote that
 * starts after the passage's beginning, and "…" after one that stops mid-passage. A quote that
 * ends a sentence (".", "!", "?", also before a closing quote or bracket) gets no trailing mark:
 * "procedures.…" reads as a glitch, and the sentence is whole. A quote ending in ":" keeps it,
 * because what it introduces is left out.
 */
export function quoteEllipses(quote: { start: number; end: number }, text: string): { before: string; after: string } {
  const before = quote.start > 0 ? '…' : '';
  const cut = quote.end < text.length;
  const whole = SENTENCE_END.test(text.slice(Math.max(quote.start, quote.end - 4), quote.end));
  return { before, after: cut && !whole ? '…' : '' };
}

const SENTENCE_END = /[.!?。！？][”’"')\]]?$/u;
