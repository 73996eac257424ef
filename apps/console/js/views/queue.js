// The queue: complaints filtered by department, status, channel, owner and
// overdue, sorted by the server (oldest, newest, most urgent), paged with the
// API's cursor, with live counts per status refreshed every 15 seconds.
// Filters live in the hash (#/queue?status=received) so links and Back work.

import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { t, term, time } from "../i18n.js";
import { STATUSES, session } from "../session.js";
import { dueBadge, errorBox, field, statusBadge, tableWrap } from "./common.js";

const PAGE = 25;
const REFRESH_MS = 15_000;
const SORTS = ["received", "-received", "due"];

function filtersFromHash() {
    const q = new URLSearchParams(location.hash.split("?")[1] || "");
    const sort = q.get("sort");
    return {
        department: q.get("department") || "",
        status: q.get("status") || "",
        channel: q.get("channel") || "",
        owner: q.get("owner") || "",
        overdue: q.get("overdue") === "true",
        sort: SORTS.includes(sort) ? sort : "received",
    };
}

function go(filters) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) {
        if (v === "" || v === false || (k === "sort" && v === "received")) continue;
        q.set(k, v === true ? "true" : v);
    }
    const text = q.toString();
    location.hash = "#/queue" + (text ? "?" + text : "");
}

function allChannels() {
    const set = new Set();
    for (const d of session.departments) for (const c of d.channels) set.add(c);
    return [...set].sort();
}

export async function render(root) {
    const filters = filtersFromHash();
    const cursors = [""]; // cursors[i] opens page i
    let page = 0;

    // Not a live region: a refresh every 15 s would be read out every time.
    const countsBox = h("div", { class: "counts" });
    const listBox = h("div", {});
    const specs = [
        { name: "department", type: "select", value: filters.department,
            options: session.departments.map((d) => [d.id, d.name]) },
        { name: "status", type: "select", value: filters.status, options: STATUSES.map((s) => [s, t("s_" + s)]) },
        { name: "channel", type: "select", value: filters.channel, options: allChannels() },
        { name: "owner", type: "text", value: filters.owner },
        { name: "sort", type: "select", required: true, value: filters.sort,
            options: [["received", t("sort_received")], ["-received", t("sort_newest")], ["due", t("sort_due")]] },
        { name: "overdue", type: "checkbox", label: t("overdue_only"), value: filters.overdue },
    ];
    const form = h("form", { class: "filters", id: "queue-filters", role: "search" },
        specs.map(field),
        h("div", { class: "buttons" },
            h("button", { type: "submit", class: "primary" }, t("filter")),
            h("button", { type: "button", class: "secondary", onclick: () => go({ sort: filters.sort }) }, t("clear"))));
    form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        const data = new FormData(form);
        go({
            department: data.get("department"), status: data.get("status"), channel: data.get("channel"),
            owner: data.get("owner").trim(), sort: data.get("sort"), overdue: data.get("overdue") === "on",
        });
    });

    replace(root, h("h1", {}, t("queue")), form, countsBox, listBox);

    const scope = () => ({
        department: filters.department || undefined,
        channel: filters.channel || undefined,
        owner: filters.owner || undefined,
    });

    async function loadCounts() {
        try {
            const c = await api.get("/complaints/counts", scope());
            const chip = (label, n, next, active) =>
                h("a", { class: "chip" + (active ? " active" : ""), href: "#", "data-count": label,
                    "aria-current": active ? "true" : false,
                    onclick: (ev) => { ev.preventDefault(); go({ ...filters, ...next }); } },
                h("span", {}, label), h("b", {}, String(n)));
            replace(countsBox,
                chip(t("total"), c.total, { status: "", overdue: false }, !filters.status && !filters.overdue),
                STATUSES.filter((s) => c.by_status[s] > 0 || s === filters.status).map((s) =>
                    chip(t("s_" + s), c.by_status[s] || 0, { status: s, overdue: false }, filters.status === s)),
                chip(t("overdue"), c.overdue, { status: "", overdue: true }, filters.overdue),
                h("small", { class: "muted" }, t("counts_as_of", { time: time(c.as_of) })));
        } catch (err) {
            replace(countsBox, errorBox(err));
        }
    }

    function sortHeader(label, key) {
        const asc = key === "received" ? filters.sort === "received" : false;
        const active = key === "received" ? filters.sort.endsWith("received") : filters.sort === "due";
        const next = key === "received" ? (filters.sort === "received" ? "-received" : "received") : "due";
        return h("th", { scope: "col", "aria-sort": active ? (asc || key === "due" ? "ascending" : "descending") : "none" },
            h("button", { type: "button", class: "link", onclick: () => go({ ...filters, sort: next }) },
                label, active ? (asc || key === "due" ? " ▲" : " ▼") : ""));
    }

    async function loadPage() {
        replace(listBox, h("p", { class: "muted" }, t("loading")));
        let result;
        try {
            result = await api.get("/complaints", {
                ...scope(), status: filters.status || undefined, overdue: filters.overdue ? "true" : undefined,
                sort: filters.sort, limit: PAGE, cursor: cursors[page] || undefined,
            });
        } catch (err) {
            replace(listBox, errorBox(err, loadPage));
            return;
        }
        cursors[page + 1] = result.next_cursor || "";
        if (!result.items.length) {
            replace(listBox, h("p", { class: "empty" }, t("empty_queue")));
            return;
        }
        const rows = result.items.map((c) => h("tr", { "data-id": c.id },
            h("td", {}, h("a", { href: "#/complaints/" + encodeURIComponent(c.id) }, c.id)),
            h("td", {}, time(c.received_at)),
            h("td", {}, session.departmentName(c.department)),
            h("td", {}, term(c.channel)),
            h("td", {}, c.customer.company || c.customer.contact || t("none")),
            h("td", { class: "cause" }, c.cause),
            h("td", {}, statusBadge(c.status)),
            h("td", {}, c.owner || t("none")),
            h("td", {}, dueBadge(c))));
        const table = h("table", { class: "queue", id: "queue" },
            h("thead", {}, h("tr", {},
                h("th", { scope: "col" }, t("col_id")), sortHeader(t("col_received"), "received"),
                h("th", { scope: "col" }, t("department")), h("th", { scope: "col" }, t("channel")),
                h("th", { scope: "col" }, t("col_customer")), h("th", { scope: "col" }, t("col_cause")),
                h("th", { scope: "col" }, t("status")), h("th", { scope: "col" }, t("owner")),
                sortHeader(t("col_due"), "due"))),
            h("tbody", {}, rows));
        const pager = h("div", { class: "buttons pager" },
            page > 0 ? h("button", { type: "button", class: "secondary", onclick: () => { page = 0; loadPage(); } }, t("first_page")) : null,
            result.next_cursor ? h("button", { type: "button", class: "secondary", id: "next-page",
                onclick: () => { page += 1; loadPage(); } }, t("next_page")) : null);
        replace(listBox, tableWrap(table), pager);
    }

    await Promise.all([loadCounts(), loadPage()]);
    const timer = setInterval(() => {
        if (!document.hidden) loadCounts();
    }, REFRESH_MS);
    return () => clearInterval(timer);
}
