// Saves, one at a time and in the order the reviewer made them. An action made while a save is in
// flight waits here and goes out after it, against the version the previous save returned, so a
// quick burst of edits never conflicts with itself. A 409 means another session changed the item:
// that item's waiting actions leave the queue together and go to the conflict flow; actions on
// other items carry on. A network failure keeps the action at the head and retries.

/**
 * Creates the queue. `send(entry, baseVersion)` posts one entry ({ itemId, action, label? }) and
 * resolves to { status, body }, rejecting only on network failure. The hooks get each outcome:
 * `onSaved(entry, body)`, `onConflict(entries, body)` (the refused entry first), `onFailed(entry,
 * body)` for other statuses, `onNetworkError(entry, error)`, and `onChange()` whenever the number
 * of waiting saves changes. `retryDelayMs` (default 2000) is the wait before retrying a network
 * failure.
 */
export function createSaveQueue(options) {
  const {
    send,
    onSaved,
    onConflict,
    onFailed,
    onNetworkError,
    onChange,
    retryDelayMs = 2000,
  } = options;
  /** Waiting entries; the head is the one in flight while `running`. */
  const entries = [];
  /** Latest version known per item id: from loads while idle, and from every save. */
  const versions = new Map();
  let running = false;
  let retryTimer;

  async function pump() {
    if (running) return;
    running = true;
    clearTimeout(retryTimer);
    try {
      while (entries.length > 0) {
        const entry = entries[0];
        let response;
        try {
          response = await send(entry, versions.get(entry.itemId) ?? 0);
        } catch (error) {
          onNetworkError(entry, error);
          retryTimer = setTimeout(pump, retryDelayMs);
          return;
        }
        entries.shift();
        const { status, body } = response;
        if (status === 200) {
          versions.set(entry.itemId, body.current.version);
          onSaved(entry, body);
        } else if (status === 409) {
          onConflict([entry, ...take(entry.itemId)], body);
        } else {
          onFailed(entry, body, status);
        }
        onChange();
      }
    } finally {
      running = false;
    }
  }

  /** Removes and returns the waiting entries for one item (called after the head has left). */
  function take(itemId) {
    const taken = [];
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      if (entries[i].itemId === itemId) taken.unshift(...entries.splice(i, 1));
    }
    return taken;
  }

  return {
    /** Adds actions at the end of the queue and starts saving if idle. */
    push(...added) {
      entries.push(...added);
      onChange();
      void pump();
    },
    /** Waiting entries (including the one in flight) for an item, oldest first. */
    pendingFor(itemId) {
      return entries.filter((entry) => entry.itemId === itemId);
    },
    /** Number of waiting entries, including the one in flight. */
    size() {
      return entries.length;
    },
    /** Latest version known for an item, or undefined. */
    versionOf(itemId) {
      return versions.get(itemId);
    },
    /**
     * Records the version a load saw. Ignored while the item has saves waiting: those must go out
     * against the version the reviewer's actions were made on.
     */
    noteVersion(itemId, version) {
      if (!entries.some((entry) => entry.itemId === itemId)) versions.set(itemId, version);
    },
    /**
     * Sets an item's version outright (the reviewer chose to apply their change on top of another
     * session's).
     */
    setVersion(itemId, version) {
      versions.set(itemId, version);
    },
  };
}
