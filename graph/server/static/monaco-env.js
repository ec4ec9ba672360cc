// kg serve: where Monaco (served by kg from /monaco/vs) starts its web
// workers. Without this, Monaco wraps each worker in a blob: URL, from which
// the root-relative module paths the Cayley UI configures cannot be resolved,
// and the JavaScript language service (Gizmo hints) fails to start.
window.MonacoEnvironment = {
  getWorkerUrl: function () {
    return '/monaco/vs/base/worker/workerMain.js';
  }
};
