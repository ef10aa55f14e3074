// Small enhancements; every page works without them.
// Loaded in <head> without defer so the phone-width menu is collapsed before the first paint.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
    // Phone width: the nav collapses behind a Menu button.
    const toggle = document.querySelector(".nav-toggle");
    const nav = document.getElementById("site-nav");
    if (toggle && nav) {
        toggle.hidden = false;
        toggle.addEventListener("click", () => {
            const open = toggle.getAttribute("aria-expanded") !== "true";
            toggle.setAttribute("aria-expanded", String(open));
            nav.classList.toggle("open", open);
        });
    }

    // Copy buttons: <button data-copy="#input-id">.
    for (const button of document.querySelectorAll("[data-copy]")) {
        const source = document.querySelector(button.dataset.copy);
        if (!source) {
            continue;
        }
        source.addEventListener("focus", () => source.select());
        if (!navigator.clipboard) {
            continue;
        }
        button.hidden = false;
        button.addEventListener("click", async () => {
            await navigator.clipboard.writeText(source.value);
            button.textContent = "Copied";
        });
    }

    // Live status: a region marked data-poll is fetched again every second until the server
    // renders it without the mark (the job has finished).
    const region = document.querySelector("[data-poll]");
    if (region) {
        const refresh = async () => {
            const response = await fetch(location.href, { headers: { Accept: "text/html" } });
            const page = new DOMParser().parseFromString(await response.text(), "text/html");
            const next = page.getElementById(region.id);
            if (!next) {
                return;
            }
            region.innerHTML = next.innerHTML;
            if (next.hasAttribute("data-poll")) {
                setTimeout(refresh, 1000);
            } else {
                region.removeAttribute("data-poll");
            }
        };
        setTimeout(refresh, 1000);
    }
});
