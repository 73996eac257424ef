// The console's shell: sign-in state, the navigation, the language switch and
// a hash router (#/queue, #/complaints/ID…) that renders one view at a time.

import { api, setToken, token, whenUnauthorized } from "./api.js";
import { h, replace } from "./dom.js";
import { language, setLanguage, t, term } from "./i18n.js";
import { session } from "./session.js";
import * as approvals from "./views/approvals.js";
import * as catalog from "./views/catalog.js";
import * as channels from "./views/channels.js";
import * as complaint from "./views/complaint.js";
import * as intake from "./views/intake.js";
import * as queue from "./views/queue.js";
import * as reports from "./views/reports.js";
import * as signin from "./views/signin.js";
import { errorBox, settle } from "./views/common.js";

// path pattern → view; `show` decides whether the token's role sees it.
const routes = [
    { path: /^\/queue$/, view: queue, nav: "nav_queue", href: "#/queue" },
    { path: /^\/new$/, view: intake, nav: "nav_new", href: "#/new" },
    { path: /^\/approvals$/, view: approvals, nav: "nav_approvals", href: "#/approvals", show: () => session.atLeast("supervisor") },
    { path: /^\/channels$/, view: channels, nav: "nav_channels", href: "#/channels" },
    { path: /^\/catalog$/, view: catalog, nav: "nav_catalog", href: "#/catalog" },
    { path: /^\/reports$/, view: reports, nav: "nav_reports", href: "#/reports", show: () => session.atLeast("supervisor") },
    { path: /^\/complaints\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/, view: complaint },
];

const app = () => document.getElementById("app");
let cleanup = null;
let renders = 0;

async function signIn(candidate) {
    const me = await api.whoami(candidate);
    setToken(candidate);
    session.me = me;
    session.departments = (await api.get("/departments")).items;
}

function signOut() {
    setToken("");
    session.clear();
    location.hash = "#/signin";
    render();
}

function renderChrome() {
    document.title = t("app");
    document.getElementById("skip").textContent = t("skip");
    const langButton = document.getElementById("lang");
    langButton.textContent = t("language");
    langButton.setAttribute("aria-label", t("language_label"));
    const out = document.getElementById("signout");
    out.textContent = t("sign_out");
    out.hidden = !session.me;
    const who = document.getElementById("who");
    replace(who, session.me ? t("signed_in_as", { name: session.me.name, role: term(session.me.role) }) : "");
    const current = (location.hash.slice(1) || "/queue").split("?")[0];
    const nav = document.getElementById("nav");
    replace(nav, session.me
        ? routes.filter((r) => r.nav && (!r.show || r.show())).map((r) =>
            h("a", { href: r.href, "aria-current": current === r.href.slice(1) ? "page" : false }, t(r.nav)))
        : []);
}

export async function render() {
    if (cleanup) {
        cleanup();
        cleanup = null;
    }
    // Each render draws into its own element: a slow view that finishes after
    // the user moved on (or signed out) draws into a detached one and stops its timers.
    const generation = ++renders;
    const path = location.hash.slice(1) || "/queue";
    if (!session.me) {
        if (token()) {
            try {
                await signIn(token());
            } catch (err) {
                // Only a refused token is forgotten; a restarting server is not a sign-out.
                if (err.status === 401) setToken("");
                session.clear();
                if (err.status !== 401) {
                    renderChrome();
                    replace(app(), errorBox(err, render));
                    return;
                }
            }
        }
        if (!session.me) {
            renderChrome();
            signin.render(app(), {
                signIn: async (candidate) => {
                    await signIn(candidate);
                    if (location.hash === "#/signin" || !location.hash) location.hash = "#/queue";
                    else render();
                },
            });
            return;
        }
    }
    if (path === "/signin") {
        location.hash = "#/queue";
        return;
    }
    renderChrome();
    const root = h("div", { class: "view" }, h("p", { class: "muted" }, t("loading")));
    replace(app(), root);
    for (const route of routes) {
        const m = route.path.exec(path.split("?")[0]);
        if (!m) continue;
        if (route.show && !route.show()) break;
        try {
            const stop = (await route.view.render(root, m.slice(1).map(decodeURIComponent))) || null;
            if (generation === renders) {
                cleanup = stop;
                settle(root);
            } else if (stop) {
                stop();
            }
        } catch (err) {
            replace(root, errorBox(err, render));
        }
        return;
    }
    replace(root, h("h1", {}, t("error")), h("p", {}, t("not_found")), h("a", { href: "#/queue" }, t("nav_queue")));
}

function start() {
    setLanguage(language());
    document.getElementById("lang").addEventListener("click", () => {
        setLanguage(language() === "zh" ? "en" : "zh");
        render();
    });
    document.getElementById("signout").addEventListener("click", signOut);
    document.getElementById("skip").addEventListener("click", (ev) => {
        ev.preventDefault();
        app().focus();
    });
    whenUnauthorized(signOut);
    window.addEventListener("hashchange", render);
    render();
}

start();
