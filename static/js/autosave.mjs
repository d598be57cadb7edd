// Saves a draft while the person writes and as they leave the page: a form with data-autosave-url.
//
// - While typing: one save a second after the last keystroke (and at once on a choice that changes).
// - Leaving (the tab hidden, closed or navigated away from): what is not saved yet is sent with a
//   keepalive request, which the browser finishes after the page is gone.
// - One save at a time: what is typed while a save is on its way is sent when its answer (with the
//   new version) is in. Only when the page is left does a save go at once, naming the version the
//   one on its way will leave behind.
// - The answer (a status, the new version and the live checks, out of band) is swapped in by htmx,
//   so the page says truthfully when the draft was last saved.
// CSRF holds: the request carries the form's own token, in the body and in the header.

const DELAY_MS = 1000;
// Browsers refuse keepalive bodies above 64 KB; a longer draft is sent as an ordinary request.
const KEEPALIVE_MAX_BYTES = 60000;

function payload(form) {
  const data = new FormData(form);
  for (const input of form.querySelectorAll('input[type="file"]')) {
    data.delete(input.name);
  }
  return data;
}

function sizeOf(data) {
  let size = 0;
  for (const [name, value] of data) {
    size += name.length + (typeof value === "string" ? new Blob([value]).size : 0) + 8;
  }
  return size;
}

export function autosave(form) {
  const url = form.dataset.autosaveUrl;
  const status = document.getElementById(form.dataset.autosaveStatus);
  const failed = form.dataset.autosaveFailed;
  let timer = null;
  let dirty = false;
  let pending = 0;
  let queued = false;
  // The saves on their way; once all have answered, the form holds the version they left.
  const inflight = new Set();

  const send = (leaving) => {
    clearTimeout(timer);
    timer = null;
    if (!dirty) {
      return;
    }
    if (pending && !leaving) {
      queued = true; // sent when the save on its way has answered
      return;
    }
    dirty = false;
    const data = payload(form);
    const version = form.querySelector('input[name="version"]');
    if (version && pending) {
      data.set("version", String(Number(version.value) + pending));
    }
    const token = data.get("csrfmiddlewaretoken") || "";
    pending += 1;
    const save = fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "HX-Request": "true" },
      keepalive: leaving && sizeOf(data) < KEEPALIVE_MAX_BYTES,
    })
      .then((response) => {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then((html) => {
        pending -= 1;
        window.htmx.swap(status, html, { swapStyle: "innerHTML" });
      })
      .catch(() => {
        pending -= 1;
        dirty = true;
        if (status && failed) {
          status.textContent = failed;
        }
      });
    inflight.add(save);
    save.finally(() => {
      inflight.delete(save);
      if (queued && !pending) {
        queued = false;
        send(false);
      }
    });
  };

  const later = (delay) => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => send(false), delay);
  };

  form.addEventListener("input", (event) => {
    if (event.target.type !== "file") {
      later(DELAY_MS);
    }
  });
  form.addEventListener("change", (event) => {
    if (event.target.type !== "file") {
      later(0);
    }
  });
  // Sending the form itself saves everything: nothing is left for the autosave. A save still on its
  // way would leave a newer version than the one in the form, and the form would be refused as
  // written elsewhere meanwhile: the form waits for that answer (which brings the new version), then goes.
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    dirty = false;
    queued = false;
    if (pending) {
      event.preventDefault();
      const submitter = event.submitter;
      Promise.allSettled([...inflight]).then(() => form.requestSubmit(submitter || undefined));
    }
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      send(true);
    }
  });
  window.addEventListener("pagehide", () => send(true));

  for (const note of document.querySelectorAll("[data-autosave-note]")) {
    note.hidden = false;
  }
}
