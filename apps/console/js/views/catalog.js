// The service-commitment catalog: look up what a customer asks for (Chinese or
// English) and read the verdict and what to tell them; browse every entry in
// force. #/catalog?entry=ID opens at one entry.

import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { language, money, t, term } from "../i18n.js";
import { errorBox, field } from "./common.js";

const STATUSES = ["provided", "not_provided", "arrangeable"];

function text(map) {
    if (!map) return "";
    return map[language()] || map.zh || map.en || Object.values(map)[0] || "";
}

function entry(e, highlight) {
    return h("article", { class: "entry" + (highlight ? " highlight" : ""), id: "entry-" + e.id, "data-entry": e.id, tabindex: highlight ? "-1" : null },
        h("h3", {}, text(e.title), " ", h("span", { class: "badge verdict-" + e.status }, t("v_" + e.status)),
            " ", h("small", { class: "muted" }, e.id)),
        e.description ? h("p", {}, text(e.description)) : null,
        e.wording ? h("blockquote", {}, h("small", { class: "muted" }, t("wording") + ": "), text(e.wording)) : null,
        e.status === "arrangeable" ? h("p", {},
            e.fee_minor !== undefined ? [t("fee") + ": ", money(e.fee_minor, e.currency)] : null,
            e.lead_time_days !== undefined ? [" · ", t("lead_time") + ": ", t("days", { n: e.lead_time_days })] : null) : null,
        e.alternatives && e.alternatives.length ? h("p", {}, t("alternatives") + ": ",
            e.alternatives.map((a) => text(a.title) || a.id).join(", ")) : null);
}

export async function render(root) {
    const params = new URLSearchParams(location.hash.split("?")[1] || "");
    const focus = params.get("entry");
    const resultBox = h("div", { id: "lookup-result", "aria-live": "polite" });
    const listBox = h("div", {});
    const lookupSpec = { name: "q", label: t("lookup"), type: "search", required: true, placeholder: t("lookup_placeholder"), maxlength: 500 };
    const lookupForm = h("form", { class: "card", id: "lookup", role: "search" }, field(lookupSpec),
        h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, t("search"))));
    lookupForm.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        replace(resultBox, t("loading"));
        try {
            const r = await api.get("/catalog/lookup", { q: new FormData(lookupForm).get("q").trim(), limit: 5 });
            replace(resultBox, r.matches.length
                ? [h("p", { class: "verdict" }, t("catalog_verdict") + ": ", h("strong", {}, t("v_" + r.verdict))),
                    r.matches.map((m) => entry(m, false))]
                : h("p", { class: "empty" }, t("no_match")));
        } catch (err) {
            replace(resultBox, errorBox(err));
        }
    });

    const statusSpec = { name: "status", type: "select", options: STATUSES.map((s) => [s, t("v_" + s)]) };
    const statusField = field(statusSpec);
    async function loadList() {
        try {
            const status = statusField.querySelector("select").value;
            const all = await api.get("/catalog", { status: status || undefined });
            replace(listBox, all.version ? h("p", { class: "muted" }, t("version", { v: all.version })) : null,
                all.entries.map((e) => entry(e, e.id === focus)));
            const target = focus && document.getElementById("entry-" + focus);
            if (target) {
                target.scrollIntoView({ block: "center" });
                target.focus();
            }
        } catch (err) {
            replace(listBox, errorBox(err, loadList));
        }
    }
    statusField.querySelector("select").addEventListener("change", loadList);

    replace(root, h("h1", {}, t("catalog")), lookupForm, resultBox,
        h("section", { class: "card" }, h("h2", {}, t("all_entries")), statusField, listBox));
    await loadList();
    if (!focus) lookupForm.querySelector("input").focus();
}
