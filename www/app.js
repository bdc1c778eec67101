// The app page: registers the service worker so the previewer works offline after
// one visit (consultations without network). The widget itself never registers one.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('sw.js').catch((e) => console.info(`offline mode unavailable: ${e.message}`));
}
