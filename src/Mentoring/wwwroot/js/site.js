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

    // Search as you type: a GET form marked data-live-search="region-id" fetches its own results
    // (the same page, rendered by the server) and swaps that region in; the form still submits without it.
    for (const form of document.querySelectorAll("form[data-live-search]")) {
        const target = document.getElementById(form.dataset.liveSearch);
        const input = form.querySelector("input[type=search]");
        if (!target || !input) {
            continue;
        }
        let timer;
        let latest = 0;
        input.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(async () => {
                const url = new URL(form.action || location.href, location.href);
                url.search = new URLSearchParams(new FormData(form)).toString();
                const ticket = ++latest;
                const response = await fetch(url, { headers: { Accept: "text/html" } });
                const page = new DOMParser().parseFromString(await response.text(), "text/html");
                const next = page.getElementById(target.id);
                if (next && ticket === latest) {
                    target.innerHTML = next.innerHTML;
                    history.replaceState(null, "", url);
                }
            }, 250);
        });
    }

    // A role select with data-capacity="field-id" shows the capacity field for mentors only
    // (and leaves it out of the form otherwise, since only mentors have a capacity).
    for (const select of document.querySelectorAll("select[data-capacity]")) {
        const field = document.getElementById(select.dataset.capacity);
        if (!field) {
            continue;
        }
        const sync = () => {
            const mentor = select.value === "mentor";
            field.hidden = !mentor;
            for (const input of field.querySelectorAll("input")) {
                input.disabled = !mentor;
            }
        };
        select.addEventListener("change", sync);
        sync();
    }

    // Live status: a region marked data-poll="true" is fetched again every second until the server
    // renders it without that mark (the job has finished); then the page loads once more, so what
    // the job changed (its result, the tables under it) shows too. Razor writes data-* attributes
    // even when their value is null, so the mark is its value, not the attribute's presence.
    const region = document.querySelector('[data-poll="true"]');
    if (region) {
        const refresh = async () => {
            const response = await fetch(location.href, { headers: { Accept: "text/html" } });
            const page = new DOMParser().parseFromString(await response.text(), "text/html");
            const next = page.getElementById(region.id);
            if (!next) {
                return;
            }
            region.innerHTML = next.innerHTML;
            if (next.getAttribute("data-poll") === "true") {
                setTimeout(refresh, 1000);
            } else {
                region.removeAttribute("data-poll");
                location.reload();
            }
        };
        setTimeout(refresh, 1000);
    }
});

// Cohort boards and the dialogue library.
document.addEventListener("DOMContentLoaded", () => {
    // A private victory's "share with" list shows only while "private" is chosen.
    for (const radio of document.querySelectorAll("input[data-reveal]")) {
        const target = document.getElementById(radio.dataset.reveal);
        if (!target) {
            continue;
        }
        const sync = () => { target.hidden = !radio.checked; };
        for (const other of document.querySelectorAll(`input[name="${radio.name}"]`)) {
            other.addEventListener("change", sync);
        }
        sync();
    }

    // A dialogue's countdown (the three-minute life story): start, stop, reset; it says when time is up.
    for (const timer of document.querySelectorAll("[data-timer-seconds]")) {
        const total = Number(timer.dataset.timerSeconds);
        const display = timer.querySelector(".timer-display");
        const announce = timer.querySelector("[data-timer-announce]");
        const start = timer.querySelector("[data-timer-start]");
        const reset = timer.querySelector("[data-timer-reset]");
        let left = total;
        let ticking = null;
        const show = () => {
            const m = Math.floor(left / 60);
            const s = left % 60;
            display.textContent = `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
            timer.classList.toggle("timer-done", left === 0);
        };
        const stop = () => {
            clearInterval(ticking);
            ticking = null;
            start.textContent = left === 0 ? "Start" : "Resume";
        };
        start.addEventListener("click", () => {
            if (ticking) {
                stop();
                return;
            }
            if (left === 0) {
                left = total;
            }
            announce.textContent = "";
            start.textContent = "Stop";
            ticking = setInterval(() => {
                left = Math.max(0, left - 1);
                show();
                if (left === 0) {
                    stop();
                    announce.textContent = "Time is up.";
                }
            }, 1000);
        });
        reset.addEventListener("click", () => {
            stop();
            left = total;
            start.textContent = "Start";
            announce.textContent = "";
            show();
        });
        show();
    }
});
