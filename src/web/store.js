// Kashif's storage in the browser: one IndexedDB database, upgraded version by version.
// Used from Rust through src/web/store.rs (wasm-bindgen bundles this file as a snippet).
//
// Object stores:
//   documents  {id, name, text, source}, key path "id"
//   settings   key/value strings (theme, language, label toggles...)
//   session    "selected": the id of the document shown
//   corrections  (version 2) JSON strings: "doc:<id>" a document's corrections, "merges" the
//              merges of entities, "lexicon" the user's names
// To add a store, raise DB_VERSION and add a `case` for the old version
// in upgrade(): every case falls through, so a database of any age is brought up to date.

const DB_NAME = 'kashif';
const DB_VERSION = 2;
const OPEN_TIMEOUT_MS = 4000;

let opening = null;

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
    const timer = setTimeout(() => reject(new Error('IndexedDB did not open in time')), OPEN_TIMEOUT_MS);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => {
      clearTimeout(timer);
      const db = request.result;
      // A newer version of the page wants to upgrade: let it, and reopen on the next call.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error || new Error('IndexedDB could not be opened'));
    };
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

// Runs `work(tx)` in one transaction; resolves with what the function `work` returned gives
// once the transaction has committed.
function run(stores, mode, work) {
  return open().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(stores, mode);
        const result = work(tx);
        tx.oncomplete = () => resolve(typeof result === 'function' ? result() : undefined);
        tx.onerror = () => reject(tx.error || new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction aborted'));
      }),
  );
}

/**
 * Everything saved, as a JSON string:
 * {documents: [...], selected, settings: {key: value}, corrections: {key: json}}.
 */
export function loadAll() {
  return run(['documents', 'settings', 'session', 'corrections'], 'readonly', (tx) => {
    const saved = { documents: [], selected: null, settings: {}, corrections: {} };
    tx.objectStore('documents').getAll().onsuccess = (event) => {
      saved.documents = event.target.result;
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
    return () => JSON.stringify(saved);
  });
}

export function putDocument(id, name, text, source, byline) {
  // byline: what the file's markup said of its headline, outlet and date, as JSON ('' if none).
  const record = byline ? { id, name, text, source, byline: JSON.parse(byline) } : { id, name, text, source };
  return run(['documents'], 'readwrite', (tx) => {
    tx.objectStore('documents').put(record);
  });
}

export function deleteDocument(id) {
  return run(['documents'], 'readwrite', (tx) => {
    tx.objectStore('documents').delete(id);
  });
}

export function putSetting(key, value) {
  return run(['settings'], 'readwrite', (tx) => {
    tx.objectStore('settings').put(value, key);
  });
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
  });
}

/** Saves `json` under `key` in the corrections store, or deletes the key when `json` is null. */
export function putCorrections(key, json) {
  return run(['corrections'], 'readwrite', (tx) => {
    const store = tx.objectStore('corrections');
    if (json === undefined || json === null) store.delete(key);
    else store.put(json, key);
  });
}
