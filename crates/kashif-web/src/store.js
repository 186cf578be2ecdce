// Kashif's storage in the browser: one IndexedDB database, upgraded version by version.
// Used from Rust through src/web/store.rs (wasm-bindgen bundles this file as a snippet).
//
// Object stores:
//   documents  {id, name, text, source, byline?, added?}, key path "id"; `added` (a time in ms)
//              orders the list; records without it sort by id
//   settings   key/value strings (theme, language, label toggles...)
//   session    "selected": the id of the document shown
//   corrections  (version 2) JSON strings: "doc:<id>" a document's corrections, "merges" the
//              merges of entities, "lexicon" the user's names
// Ids of documents are random below 2^53 (older versions counted from 0; both stay readable).
// Every write that commits is announced on the BroadcastChannel "kashif" (as a key, see announce), so the
// other open tabs of the page reload that record instead of overwriting it later (listen()).
// To add a store, raise DB_VERSION and add a `case` for the old version
// in upgrade(): every case falls through, so a database of any age is brought up to date.

const DB_NAME = 'kashif';
const DB_VERSION = 2;
const CHANNEL = 'kashif';

let opening = null;
let channel = null;
// Tells apart documents added in the same millisecond (see putDocument).
let added = 0;

function getChannel() {
  if (channel === null) {
    try {
      channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : false;
    } catch {
      channel = false;
    }
  }
  return channel;
}

// Tells the other tabs that `key` changed ("doc:<id>", "corrections:<key>", "cleared").
function announce(key) {
  const to = getChannel();
  if (to) to.postMessage(key);
}

/** Calls `onChange(key)` with what another tab saved (see announce); false without a channel. */
export function listen(onChange) {
  const from = getChannel();
  if (!from) return false;
  from.onmessage = (event) => {
    if (typeof event.data === 'string') onChange(event.data);
  };
  return true;
}

function upgrade(db, oldVersion) {
  switch (oldVersion) {
    case 0:
      db.createObjectStore('documents', { keyPath: 'id' });
      db.createObjectStore('settings');
      db.createObjectStore('session');
    // falls through
    case 1:
      db.createObjectStore('corrections');
    // falls through: later versions add their cases here
    default:
  }
}

function open() {
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    let request;
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
      request = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (error) {
      reject(error);
      return;
    }
    // Blocked (another tab holds an older version open): keep waiting; the page says so (see
    // src/web/mod.rs) instead of giving up.
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the page wants to upgrade: let it, and reopen on the next call.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      reject(request.error || new Error('IndexedDB could not be opened'));
    };
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

// Runs `work(tx, fail)` in one transaction; resolves with what the function `work` returned
// gives once the transaction has committed. `fail(error)` aborts it with that error (for a
// request's handler, whose exceptions the promise would not see).
function run(stores, mode, work) {
  return open().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(stores, mode);
        let failure = null;
        const fail = (error) => {
          failure = error;
          tx.abort();
        };
        const result = work(tx, fail);
        tx.oncomplete = () => resolve(typeof result === 'function' ? result() : undefined);
        tx.onerror = () => reject(failure || tx.error || new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(failure || tx.error || new Error('IndexedDB transaction aborted'));
      }),
  );
}

// One record as JSON, or null when it cannot be written as JSON (it is then skipped).
function recordJson(record) {
  try {
    return JSON.stringify(record);
  } catch {
    return null;
  }
}

/**
 * Everything saved: {rest, documents}. `rest` is a JSON string
 * {selected, settings: {key: value}, corrections: {key: json}, keys: [document keys]};
 * `documents` holds each document record as a JSON string of its own (null when it cannot be),
 * in key order, so one bad or huge record is skipped alone.
 */
export function loadAll() {
  return run(['documents', 'settings', 'session', 'corrections'], 'readonly', (tx) => {
    const saved = { selected: null, settings: {}, corrections: {}, keys: [] };
    const records = [];
    tx.objectStore('documents').openCursor().onsuccess = (event) => {
      const cursor = event.target.result;
      if (cursor) {
        const added = cursor.value && typeof cursor.value.added === 'number' ? cursor.value.added : Number(cursor.key);
        records.push({ key: String(cursor.key), added: Number.isFinite(added) ? added : 0, json: recordJson(cursor.value) });
        cursor.continue();
      }
    };
    tx.objectStore('settings').openCursor().onsuccess = (event) => {
      const cursor = event.target.result;
      if (cursor) {
        saved.settings[String(cursor.key)] = String(cursor.value);
        cursor.continue();
      }
    };
    tx.objectStore('corrections').openCursor().onsuccess = (event) => {
      const cursor = event.target.result;
      if (cursor) {
        saved.corrections[String(cursor.key)] = String(cursor.value);
        cursor.continue();
      }
    };
    tx.objectStore('session').get('selected').onsuccess = (event) => {
      const id = event.target.result;
      saved.selected = Number.isInteger(id) ? id : null;
    };
    return () => {
      // In the order they were added (ids are random; older records, without `added`, have
      // small ids counted from 0 and come first).
      records.sort((a, b) => a.added - b.added);
      saved.keys = records.map((record) => record.key);
      return { rest: JSON.stringify(saved), documents: records.map((record) => record.json) };
    };
  });
}

/** Document `id` as a JSON string, or null when it is not saved (or cannot be read). */
export function getDocument(id) {
  return run(['documents'], 'readonly', (tx) => {
    let found = null;
    tx.objectStore('documents').get(id).onsuccess = (event) => {
      const record = event.target.result;
      found = record === undefined ? null : recordJson(record);
    };
    return () => found;
  });
}

/** The corrections saved under `key` (a JSON string), or null. */
export function getCorrections(key) {
  return run(['corrections'], 'readonly', (tx) => {
    let found = null;
    tx.objectStore('corrections').get(key).onsuccess = (event) => {
      const value = event.target.result;
      found = value === undefined ? null : String(value);
    };
    return () => found;
  });
}

/** The setting saved under `key`, or null. */
export function getSetting(key) {
  return run(['settings'], 'readonly', (tx) => {
    let found = null;
    tx.objectStore('settings').get(key).onsuccess = (event) => {
      const value = event.target.result;
      found = value === undefined ? null : String(value);
    };
    return () => found;
  });
}

export function putDocument(id, name, text, source, byline) {
  // byline: what the file's markup said of its headline, outlet and date, as JSON ('' if none).
  const record = byline ? { id, name, text, source, byline: JSON.parse(byline) } : { id, name, text, source };
  return run(['documents'], 'readwrite', (tx, fail) => {
    const store = tx.objectStore('documents');
    // `added` orders the list on the next visit: kept from the saved record when there is one.
    store.get(id).onsuccess = (event) => {
      const old = event.target.result;
      record.added = old && typeof old.added === 'number' ? old.added : Date.now() + (added++ % 1000) / 1000;
      try {
        store.put(record);
      } catch (error) {
        fail(error);
      }
    };
  }).then(() => announce(`doc:${id}`));
}

/** Deletes document `id` with its corrections. */
export function deleteDocument(id) {
  return run(['documents', 'corrections'], 'readwrite', (tx) => {
    tx.objectStore('documents').delete(id);
    tx.objectStore('corrections').delete(`doc:${id}`);
  }).then(() => {
    announce(`doc:${id}`);
    announce(`corrections:doc:${id}`);
  });
}

export function putSetting(key, value) {
  return run(['settings'], 'readwrite', (tx) => {
    tx.objectStore('settings').put(value, key);
  }).then(() => announce(`setting:${key}`));
}

export function putSelected(id) {
  return run(['session'], 'readwrite', (tx) => {
    const session = tx.objectStore('session');
    if (id === undefined || id === null) session.delete('selected');
    else session.put(id, 'selected');
  });
}

export function clearDocuments() {
  return run(['documents', 'session', 'corrections'], 'readwrite', (tx) => {
    tx.objectStore('documents').clear();
    tx.objectStore('session').clear();
    // The documents' corrections go with them; the merges and the user's names stay.
    tx.objectStore('corrections').delete(IDBKeyRange.bound('doc:', 'doc:\uffff'));
  }).then(() => announce('cleared'));
}

/** Saves `json` under `key` in the corrections store, or deletes the key when `json` is null. */
export function putCorrections(key, json) {
  return run(['corrections'], 'readwrite', (tx) => {
    const store = tx.objectStore('corrections');
    if (json === undefined || json === null) store.delete(key);
    else store.put(json, key);
  }).then(() => announce(`corrections:${key}`));
}
