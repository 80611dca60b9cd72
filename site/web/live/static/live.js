// Live reload for `build.py serve` (never in a build): wait for the server to say the site changed, then
// reload. The page's version is the one it was rendered at; the server answers when its own differs, or after
// a while with the same one, and the question is asked again. While the server is away (restarting), retry.
(() => {
  "use strict";
  const script = document.currentScript;
  const pageVersion = script.dataset.version;
  const RETRY_MS = 1000;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function waitForChange() {
    for (;;) {
      try {
        const answer = await fetch(`/_herald/live?version=${encodeURIComponent(pageVersion)}`, { cache: "no-store" });
        if (answer.status === 404) {
          return; // no live reload at this origin (a page copied elsewhere): stop asking
        }
        if (answer.ok) {
          const { version } = await answer.json();
          if (version !== pageVersion) {
            window.location.reload();
            return;
          }
          continue;
        }
      } catch {
        // the server is restarting or gone: ask again shortly
      }
      await pause(RETRY_MS);
    }
  }

  waitForChange();
})();
