// One complaint: its next steps, the compensation proposals with their reasons,
// the department tasks, the registration form, service times, the catalog
// verdict, and the timeline with comments.

import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { money, statusName, t, term, time } from "../i18n.js";
import { session } from "../session.js";
import { actionPanel } from "./actions.js";
import { definitions, dueBadge, errorBox, field, pending, settle, statusBadge, tableWrap, toast } from "./common.js";

function eventTitle(e) {
    if (e.type === "transition") return t("e_transition", { from: statusName(e.from), to: statusName(e.to) });
    const key = "e_" + e.type;
    return t(key) === key ? e.type.replaceAll("_", " ") : t(key);
}

// An event's data as the people reading it want it: words, amounts, lists.
const HIDDEN = new Set(["action", "steps", "policy_steps", "policies", "budget", "proposal_id", "task_id", "catalog"]);

function label(key) {
    const text = t(key);
    return text === key ? key.replaceAll("_", " ") : text;
}

function value(key, v, currency) {
    if (v === null || v === undefined || v === "") return t("none");
    if (typeof v === "boolean") return t(v ? "yes" : "no");
    if (key.endsWith("_minor") && typeof v === "number") return money(v, currency);
    if (Array.isArray(v)) return v.map((x) => (x && typeof x === "object" ? summary(x, currency) : term(x))).join(key.includes("tasks") ? "\n" : ", ");
    if (typeof v === "object") return summary(v, currency);
    if (key.endsWith("department")) return session.departmentName(v);
    if (key.endsWith("level") || ["remedy", "method", "severity", "company_fault", "channel"].includes(key)) return term(v);
    return String(v);
}

function summary(o, currency) {
    return Object.entries(o).filter(([k, v]) => typeof v !== "object" && !k.endsWith("_at"))
        .map(([k, v]) => `${label(k)}: ${value(k, v, currency)}`).join(" · ");
}

function dataList(data, currency) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return null;
    const entries = Object.entries(data || {}).filter(([k]) => !HIDDEN.has(k));
    if (!entries.length) return null;
    return h("dl", { class: "event-data" }, entries.map(([k, v]) => [h("dt", {}, label(k)), h("dd", {}, value(k, v, currency))]));
}

function timeline(events, currency) {
    return h("ol", { class: "timeline", id: "timeline" }, events.slice().reverse().map((e) =>
        h("li", { "data-type": e.type },
            h("div", { class: "event-head" }, h("strong", {}, eventTitle(e)), " · ", e.actor, " · ",
                h("time", { datetime: e.at }, time(e.at))),
            e.reason ? h("p", { class: "reason" }, e.reason) : null,
            dataList(e.data, currency))));
}

function proposals(items) {
    if (!items.length) return h("p", { class: "muted" }, t("no_proposals"));
    return items.slice().reverse().map((p) => h("article", { class: "proposal", "data-status": p.status },
        h("h3", {}, p.amount_text || money(p.amount_minor, p.currency), " · ", term(p.status)),
        definitions([
            [t("remedies"), (p.remedies || []).map(term).join(", ") || t("none")],
            [t("required_level"), term(p.required_level)],
            [t("reasons"), (p.level_reasons || []).concat(p.reasons || []).join("; ")],
            [t("decided_by"), p.decided_by ? `${p.decided_by} · ${time(p.decided_at)}${p.decision_note ? " · " + p.decision_note : ""}` : ""],
        ]),
        p.steps && p.steps.length ? h("details", {}, h("summary", {}, t("policy_steps")),
            h("ol", {}, p.steps.map((s) => h("li", {},
                h("strong", {}, s.policy), " ", term(s.effect), ": ",
                money(s.amount_before, p.currency), " → ", money(s.amount_after, p.currency),
                s.reasons && s.reasons.length ? h("div", { class: "muted" }, s.reasons.join("; ")) : null)))) : null));
}

function tasks(items, reload) {
    if (!items.length) return h("p", { class: "muted" }, t("no_tasks"));
    return tableWrap(h("table", { id: "tasks" },
        h("thead", {}, h("tr", {}, [t("remedies"), t("department"), t("amount"), t("due_at"), t("assignee"), t("status"), ""]
            .map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, items.map((task) => h("tr", { "data-task": task.id },
            h("td", {}, term(task.remedy)),
            h("td", {}, session.departmentName(task.department)),
            h("td", {}, task.amount_minor ? money(task.amount_minor, task.currency) : t("none")),
            h("td", { class: task.overdue ? "due-breached" : "" }, time(task.due_at)),
            h("td", {}, task.assignee || t("none")),
            h("td", {}, term(task.status)),
            h("td", {}, task.status === "open" && (session.me.all_departments || session.me.departments.includes(task.department))
                ? h("button", { type: "button", class: "secondary", "data-done": task.id, onclick: async (ev) => {
                    ev.target.disabled = true;
                    try {
                        await api.post(`/tasks/${task.id}/done`, {});
                        reload(t("saved"));
                    } catch (err) {
                        ev.target.disabled = false;
                        ev.target.after(errorBox(err));
                    }
                } }, t("task_done"))
                : null))))));
}

export async function render(root, [id]) {
    const path = "/complaints/" + encodeURIComponent(id);
    const [c, props, taskPage] = await Promise.all([
        api.get(path),
        api.get(path + "/proposals"),
        api.get("/tasks", { complaint: id, status: "all", limit: 100 }),
    ]);
    const reload = (message) => {
        if (message) toast(message);
        return render(root, [id])
            .then(() => settle(root))
            .catch((err) => replace(root, errorBox(err, () => reload())));
    };

    const commentStatus = h("div", { "aria-live": "polite" });
    const commentForm = h("form", { class: "comment-form", id: "comment" },
        field({ name: "text", label: t("comment_text"), type: "textarea", required: true }),
        commentStatus,
        h("div", { class: "buttons" }, h("button", { type: "submit", class: "secondary" }, t("add_comment"))));
    commentForm.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
            await pending(commentForm, () => api.post(path + "/comments", { text: new FormData(commentForm).get("text") }));
            reload(t("saved"));
        } catch (err) {
            replace(commentStatus, errorBox(err));
        }
    });

    const customer = c.customer;
    const product = c.product;
    replace(root,
        h("div", { class: "complaint-head" },
            h("h1", {}, t("complaint", { id: c.id })), statusBadge(c.status), dueBadge(c),
            h("span", { class: "muted" }, session.departmentName(c.department), " · ", term(c.channel))),
        h("div", { class: "columns" },
            h("div", {},
                actionPanel(c, reload, props.items[props.items.length - 1]),
                h("section", { class: "card", id: "proposals" }, h("h2", {}, t("proposals")), proposals(props.items)),
                h("section", { class: "card" }, h("h2", {}, t("tasks")), tasks(taskPage.items, reload)),
                h("section", { class: "card" }, h("h2", {}, t("timeline")), commentForm, timeline(c.timeline, session.department(c.department)?.currency))),
            h("div", {},
                h("section", { class: "card", id: "registration" }, h("h2", {}, t("registration")),
                    definitions([
                        [t("received_at"), time(c.received_at)], [t("recorder"), c.recorder], [t("owner"), c.owner],
                        [t("category"), c.category], [t("severity"), term(c.severity)],
                        [t("cause"), c.cause], [t("request"), c.request],
                        [t("loss"), c.loss ? money(c.loss.amount_minor, c.loss.currency) : ""],
                    ]),
                    h("h3", {}, t("customer")),
                    definitions([
                        [t("company"), customer.company], [t("contact"), customer.contact], [t("phone"), customer.phone],
                        [t("email"), customer.email], [t("address"), customer.address], [t("customer_type"), term(customer.type)],
                    ]),
                    Object.values(product).some(Boolean) ? [h("h3", {}, t("product")), definitions([
                        [t("product_name"), product.name], [t("spec"), product.spec], [t("production_date"), product.production_date],
                        [t("batch"), product.batch], [t("used_at"), product.used_at], [t("symptoms"), product.symptoms],
                        [t("previous_brand"), product.previous_brand],
                    ])] : null),
                h("section", { class: "card", id: "catalog-verdict" }, h("h2", {}, t("catalog_verdict")),
                    c.catalog ? definitions([[t("catalog_verdict"), t("v_" + c.catalog.verdict)],
                        ["", h("a", { href: "#/catalog?entry=" + encodeURIComponent(c.catalog.entry) }, c.catalog.entry + " (" + c.catalog.version + ")")]])
                        : h("p", { class: "muted" }, t("none"))),
                h("section", { class: "card" }, h("h2", {}, t("sla")),
                    definitions([
                        [t("first_response_due"), time(c.sla.first_response_due)],
                        [t("first_responded_at"), c.sla.first_responded_at ? time(c.sla.first_responded_at) : ""],
                        [t("resolution_due"), time(c.sla.resolution_due)],
                        [t("resolved_at"), c.sla.resolved_at ? time(c.sla.resolved_at) : ""],
                        [t("satisfaction"), c.satisfaction ?? ""],
                    ])))));
}
