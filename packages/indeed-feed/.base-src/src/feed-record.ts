/** One element of a `<job>` as read from a feed, with where it starts. */
export interface FeedElementRecord {
  /** Element name, e.g. `title`. */
  readonly name: string;
  /** Its text: CDATA sections and character data joined, entities decoded, not trimmed. */
  readonly text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
  /** 1-based column just after the start tag. */
  readonly column: number;
  /** Some of the text came in a CDATA section. */
  readonly inCdata: boolean;
  /** Some non-blank text came outside CDATA (escaped text rather than CDATA). */
  readonly plainText: boolean;
  /** Markup nested inside (HTML written as XML elements instead of inside CDATA). */
  readonly nestedElements: readonly string[];
}

/** One `<job>` as read from a feed: its elements by name, in document order. */
export interface FeedRecord {
  /** 0-based position of the job in the feed. */
  readonly index: number;
  /** 1-based line of `<job>`. */
  readonly line: number;
  readonly column: number;
  /** The elements by name (the first occurrence when an element is repeated). */
  readonly elements: ReadonlyMap<string, FeedElementRecord>;
  /** Names of elements that occur more than once in the job. */
  readonly repeated: readonly string[];
  /** A well-formedness error happened inside the job: its content may be incomplete. */
  readonly damaged: boolean;
}

/** The trimmed text of an element, or `undefined` when the element is absent. */
export function elementText(record: FeedRecord, name: string): string | undefined {
  return record.elements.get(name)?.text.trim();
}
