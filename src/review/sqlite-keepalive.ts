import type Database from 'better-sqlite3';

/**
 * better-sqlite3 12, the last line that runs on Node 20, aborts a Node 24 process when the garbage
 * collector frees one of its statements or databases (`RemoveEnvironmentCleanupHook`, "(env) !=
 * nullptr"; WiseLibs/better-sqlite3#1515, fixed only in 13, which needs Node 22). So no database
 * or statement of ours is ever freed: each is kept here for the life of the process. That is a few
 * small objects per opened store; the SQLite connection itself is still closed on `close()`.
 */
const keptAlive: object[] = [];

/** Keeps `value` reachable until the process exits. */
export function keepAlive<T extends object>(value: T): T {
  keptAlive.push(value);
  return value;
}

/**
 * Prepared statements of one database, made once per SQL text and kept alive (see above): the
 * same statement object serves every call.
 */
export function statementCache(
  db: Database.Database,
): <P extends unknown[] | object = unknown[], R = unknown>(
  sql: string,
) => Database.Statement<P, R> {
  const cache = new Map<string, Database.Statement>();
  return <P extends unknown[] | object = unknown[], R = unknown>(sql: string) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = keepAlive(db.prepare(sql));
      cache.set(sql, statement);
    }
    // The caller names the row and parameter types of its SQL, as with db.prepare<P, R>().
    return statement as unknown as Database.Statement<P, R>;
  };
}
