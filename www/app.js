// The app page: registers the service worker so the previewer works offline after
// one visit (consultations without network). The widget itself never registers one.
// Registered only once the first frame is drawn and the page has been idle a while:
// installing it downloads the whole app a second time, which on a phone's network
// would compete with the first visit's own downloads.
const AFTER_FIRST_FRAME_MS = 3000;
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const register = () => navigator.serviceWorker.register('sw.js')
    .catch((e) => console.info(`offline mode unavailable: ${e.message}`));
  const later = () =>
    setTimeout(() => (window.requestIdleCallback ?? ((f) => f()))(register), AFTER_FIRST_FRAME_MS);
  if (navigator.serviceWorker.controller) register(); // already installed: just check for updates
  else document.addEventListener('smp-rendered', later, { once: true });
}
