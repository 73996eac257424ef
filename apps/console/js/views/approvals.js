// The approvals inbox: proposed compensation waiting in the token's departments,
// most urgent first. A proposal above the token's level is shown, not offered.

import { api } from "../api.js";
import { h, modal, replace } from "../dom.js";
import { money, t, term, time } from "../i18n.js";
import { session } from "../session.js";
import { dueBadge, errorBox, field, settle, tableWrap, toast } from "./common.js";

export async function render(root) {
    const items = [];
    let cursor;
    do { // every waiting proposal: an inbox is read whole
        const page = await api.get("/complaints", { status: "proposed", sort: "due", limit: 200, cursor });
        items.push(...page.items);
        cursor = page.next_cursor;
    } while (cursor && items.length < 2000);

    async function decide(c, approve) {
        const amount = money(c.proposal.amount_minor, c.proposal.currency);
        // Approving a refusal rejects the complaint: say so, and ask that the customer was told.
        let refusal = false;
        try {
            const history = (await api.get(`/complaints/${encodeURIComponent(c.id)}/proposals`)).items;
            const last = history[history.length - 1];
            refusal = !!last && last.status === "proposed" && last.decision === "refuse";
        } catch (err) {
            replace(status, errorBox(err));
            return;
        }
        const values = await modal({
            title: approve ? (refusal ? t("a_approve_refusal") + " · " + c.id : t("approve_confirm", { id: c.id, amount }))
                : t("a_decline") + " · " + c.id,
            body: approve
                ? [refusal ? field({ name: "customer_told", type: "checkbox", required: true }) : null,
                    field({ name: "note", type: "textarea" })]
                : field({ name: "reason", label: t("decline_reason"), type: "textarea", required: true }),
            confirm: approve ? t("a_approve") : t("a_decline"),
            cancel: t("cancel"),
            danger: !approve || refusal,
        });
        if (!values) return;
        const body = { decision: approve ? "approve" : "reject" };
        if (refusal && approve) body.customer_told = values.get("customer_told") === "on";
        const text = (values.get(approve ? "note" : "reason") || "").trim();
        if (text) body[approve ? "note" : "reason"] = text;
        try {
            await api.post(`/complaints/${encodeURIComponent(c.id)}/approval`, body);
            toast(t("saved"));
            render(root).then(() => settle(root)).catch((err) => replace(root, errorBox(err)));
        } catch (err) {
            replace(status, errorBox(err));
        }
    }

    const status = h("div", { "aria-live": "polite" });
    if (!items.length) {
        replace(root, h("h1", {}, t("approvals")), h("p", { class: "empty" }, t("no_approvals")));
        return;
    }
    const rows = items.map((c) => {
        const level = c.proposal ? c.proposal.required_level : "executive";
        const may = session.atLeast(level);
        return h("tr", { "data-id": c.id },
            h("td", {}, h("a", { href: "#/complaints/" + encodeURIComponent(c.id) }, c.id)),
            h("td", {}, session.departmentName(c.department)),
            h("td", {}, c.customer.company || c.customer.contact),
            h("td", { class: "num" }, c.proposal ? money(c.proposal.amount_minor, c.proposal.currency) : t("none")),
            h("td", {}, term(level)),
            h("td", {}, time(c.received_at)),
            h("td", {}, dueBadge(c)),
            h("td", {}, may
                ? h("div", { class: "buttons" },
                    h("button", { type: "button", class: "primary", "data-approve": c.id, onclick: () => decide(c, true) }, t("a_approve")),
                    h("button", { type: "button", class: "danger", "data-decline": c.id, onclick: () => decide(c, false) }, t("a_decline")))
                : h("small", { class: "muted" }, t("needs_level", { level: term(level), role: term(session.me.role) }))));
    });
    replace(root, h("h1", {}, t("approvals")), status, tableWrap(h("table", { id: "approvals" },
        h("thead", {}, h("tr", {}, [t("col_id"), t("department"), t("col_customer"), t("amount"), t("required_level"),
            t("col_received"), t("col_due"), ""].map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, rows))));
}
