// A download that takes a while (the city's compiled PDF): say so at once in a status region, and mark the link busy.
for (const link of document.querySelectorAll("a[data-busy-text]")) {
  link.addEventListener("click", () => {
    const status = document.getElementById(link.dataset.busyStatus);
    if (status) status.textContent = link.dataset.busyText;
    link.setAttribute("aria-busy", "true");
    link.classList.add("sprang-busy");
    // The browser does not tell the page when a download has arrived; the note gives way after two minutes.
    setTimeout(() => {
      link.removeAttribute("aria-busy");
      link.classList.remove("sprang-busy");
      if (status) status.textContent = "";
    }, 120000);
  });
}
