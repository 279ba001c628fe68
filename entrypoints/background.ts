export default defineBackground(() => {
  // Key custody and message routing land with the key-custody issue; for now the service worker only starts.
});
