// Starts the analysis worker as soon as the page is parsed, before the page's own wasm has
// loaded: the worker then compiles and builds its analyzer while the page loads, and a text
// pasted at once is highlighted sooner. The page takes it over (take_early_worker in
// crates/kashif-web/src/engine.rs; the URL and name are WORKER_URL and Role::Analysis there);
// what it says until then is kept for the page. Without Worker support the page says so itself.
(() => {
  const url = './kashif-worker_loader.js';
  if (typeof Worker !== 'function') return;
  let worker;
  try {
    worker = new Worker(url, { type: 'module', name: 'kashif-analysis' });
  } catch {
    return;
  }
  const said = [];
  const keep = (event) => said.push(event);
  worker.addEventListener('message', keep);
  worker.addEventListener('error', keep);
  window.kashifEarlyWorker = {
    url,
    worker,
    take() {
      worker.removeEventListener('message', keep);
      worker.removeEventListener('error', keep);
      delete window.kashifEarlyWorker;
      return said;
    },
  };
})();
