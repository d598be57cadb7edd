// Språng's scripts, loaded as a module at the end of every page. No inline script anywhere:
// the Content-Security-Policy allows scripts from this site's files only.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { autosave } from "./autosave.mjs";

initAll();

// A form with data-confirm asks before it is sent (revoking an API token).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// A part of a form shown only for one answer, data-shown-when="name=value" (the consent box for a
// public idea). Without JavaScript it is always shown, and the server says when it is needed.
for (const part of document.querySelectorAll("[data-shown-when]")) {
  const [name, value] = part.dataset.shownWhen.split("=");
  const form = part.closest("form");
  const choices = form ? form.querySelectorAll(`input[name="${name}"]`) : [];
  if (choices.length) {
    const update = () => {
      const chosen = form.querySelector(`input[name="${name}"]:checked`);
      part.hidden = !(chosen && chosen.value === value);
    };
    form.addEventListener("change", (event) => {
      if (event.target.name === name) {
        update();
      }
    });
    update();
  }
}

// Drafts saved as the person writes and as they leave the page.
for (const form of document.querySelectorAll("form[data-autosave-url]")) {
  autosave(form);
}

// A download that takes a while (the city's compiled PDF), a[data-busy-text]: say so at once in its status
// region and mark the link busy. The browser does not tell the page when a download has arrived, so the
// note gives way after two minutes.
for (const link of document.querySelectorAll("a[data-busy-text]")) {
  link.addEventListener("click", () => {
    const status = document.getElementById(link.dataset.busyStatus);
    if (status) status.textContent = link.dataset.busyText;
    link.setAttribute("aria-busy", "true");
    link.classList.add("sprang-busy");
    setTimeout(() => {
      link.removeAttribute("aria-busy");
      link.classList.remove("sprang-busy");
      if (status) status.textContent = "";
    }, 120000);
  });
}

// A long text above a form, details[data-closed-on-phone] (a need on its decision page): open on a wide screen,
// folded on a phone so that the form is in reach. Without JavaScript it stays open.
if (window.matchMedia("(max-width: 40.0525em)").matches) {
  for (const details of document.querySelectorAll("details[data-closed-on-phone]")) {
    details.open = false;
  }
}
