/**
 * A migration upgrades a flow document from one spec version to the next.
 * Documents are plain JSON on both sides: a migration never sees typed flows,
 * because the old shape does not match today's types.
 */
export type JsonObject = Record<string, unknown>;

export interface Migration {
  from: string;
  to: string;
  /** One line for `parley migrate` output and the docs. */
  description: string;
  /** Returns the upgraded document; may throw MigrationProblem for input it cannot read. The input is a private copy. */
  migrate(doc: JsonObject): JsonObject;
}

/** A precise reason a document cannot be migrated, with the JSON pointer of the culprit. */
export class MigrationProblem extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationProblem';
  }
}
