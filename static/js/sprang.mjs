// Språng's scripts, loaded as a module at the end of every page. No inline script anywhere:
// the Content-Security-Policy allows scripts from this site's files only.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

// A form with data-confirm asks before it is sent (revoking an API token).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
