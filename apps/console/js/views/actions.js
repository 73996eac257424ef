// The next steps of a complaint: each action its status allows (the API's
// allowed_actions) as a button that opens the form with the data that step
// needs, sent to the endpoint that carries it out.

import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { money, t, term } from "../i18n.js";
import { REMEDIES, session } from "../session.js";
import { errorBox, field, fieldNamed, pending, readFields } from "./common.js";

const METHODS = ["phone", "fax", "visit", "email", "letter", "sms"];

// A form per action: fields (names are the API's), the minimum role, and how
// the values become a request. `reason: true` fields go to the transition's
// top-level reason instead of data.
function transitionForm(action, fields, extra = {}) {
    return {
        action, fields, ...extra,
        submit: (id, values) => {
            const { reason, ...data } = values;
            return api.post(`/complaints/${encodeURIComponent(id)}/transitions`,
                { action, ...(reason ? { reason } : {}), data });
        },
    };
}

function forms(complaint, proposal) {
    // Approving a refusal rejects the complaint: the customer must have been told.
    const refusal = proposal && proposal.status === "proposed" && proposal.decision === "refuse";
    const id = encodeURIComponent(complaint.id);
    const otherDepartments = session.departments.filter((d) => d.id !== complaint.department);
    return {
        contact: [transitionForm("contact", [
            { name: "restated_problem", type: "textarea", required: true },
            { name: "customer_confirmed", type: "checkbox", required: true },
            { name: "method", type: "select", required: true, options: METHODS },
            { name: "note", type: "textarea" },
        ])],
        analyse: [transitionForm("analyse", [
            { name: "severity", type: "select", required: true, options: ["low", "medium", "high", "critical"], value: complaint.severity },
            { name: "company_fault", type: "select", required: true, options: ["none", "partial", "full"] },
            { name: "demand_reasonable", type: "checkbox" },
            { name: "findings", type: "textarea", required: true },
            { name: "needs_investigation", type: "checkbox" },
        ])],
        propose: [
            {
                action: "policies", label: t("a_policies"),
                fields: [
                    { name: "long_term", type: "checkbox" },
                    { name: "will_buy_again", type: "checkbox" },
                    { name: "word_of_mouth", type: "select", options: ["low", "medium", "high"] },
                    { name: "ask_minor", label: t("ask"), type: "number", min: 0, step: "0.01", money: true },
                    { name: "note", type: "textarea" },
                ],
                preview: true,
                submit: (_, values, dryRun) => {
                    const { note, ...factors } = values;
                    return api.post(`/complaints/${id}/proposal`, { factors, ...(note ? { note } : {}), ...(dryRun ? { dry_run: true } : {}) });
                },
            },
            transitionForm("propose", [
                { name: "remedies", type: "checkboxes", options: REMEDIES },
                { name: "amount_minor", label: t("amount"), type: "number", min: 0, step: "0.01", money: true, required: true },
                { name: "reasons", type: "textarea", help: t("one_per_line") },
                { name: "note", type: "textarea" },
            ], { label: t("a_manual"), prepare: (v) => ({ ...v, reasons: v.reasons ? v.reasons.split("\n").map((s) => s.trim()).filter(Boolean) : undefined }) }),
        ],
        approve: [
            {
                action: "approve", level: complaint.proposal?.required_level,
                label: refusal ? t("a_approve_refusal") : undefined, danger: refusal,
                fields: refusal
                    ? [{ name: "customer_told", type: "checkbox", required: true }, { name: "note", type: "textarea" }]
                    : [{ name: "note", type: "textarea" }],
                submit: (_, v) => api.post(`/complaints/${id}/approval`, { decision: "approve", ...v }),
            },
            {
                action: "decline", level: complaint.proposal?.required_level, danger: true,
                fields: [{ name: "reason", type: "textarea", required: true, label: t("decline_reason") }],
                submit: (_, v) => api.post(`/complaints/${id}/approval`, { decision: "reject", ...v }),
            },
        ],
        revise: complaint.status === "proposed" ? [] // declining is the approver's (above)
            : [transitionForm("revise", [{ name: "reason", type: "textarea", required: true }])],
        agree: [
            {
                action: "agree", fields: [{ name: "note", type: "textarea" }],
                submit: (_, v) => api.post(`/complaints/${id}/agreement`, { accepted: true, ...v }),
            },
            {
                action: "not_accepted", danger: true, fields: [{ name: "reason", type: "textarea", required: true }],
                submit: (_, v) => api.post(`/complaints/${id}/agreement`, { accepted: false, ...v }),
            },
        ],
        implement: [transitionForm("implement", [{ name: "plan", type: "textarea" }, { name: "note", type: "textarea" }])],
        resolve: [transitionForm("resolve", [{ name: "resolution", type: "textarea", required: true }])],
        close: [transitionForm("close", [
            { name: "satisfaction", type: "number", min: 1, max: 5, step: 1, required: true },
            { name: "comment", label: t("follow_up_comment"), type: "textarea" },
        ])],
        escalate: [transitionForm("escalate", [
            { name: "reason", type: "textarea", required: true },
            { name: "to_department", type: "select", options: otherDepartments.map((d) => [d.id, d.name]), placeholder: t("none") },
            { name: "to_level", type: "select", options: ["supervisor", "manager", "executive"], placeholder: t("none") },
        ])],
        reject: [transitionForm("reject", [
            { name: "reason", type: "textarea", required: true },
            { name: "customer_told", type: "checkbox", required: true },
        ], { level: "supervisor", danger: true })],
        reopen: [transitionForm("reopen", [{ name: "reason", type: "textarea", required: true }])],
        assign: [transitionForm("assign", [{ name: "owner", required: true, value: complaint.owner }])],
    };
}

// Renders the buttons and the one open form into `box`; calls done() after a
// step succeeded so the page reloads the complaint.
export function actionPanel(complaint, done, proposal) {
    const box = h("section", { class: "card actions", id: "actions", "aria-labelledby": "actions-h" });
    const formBox = h("div", {});
    const all = forms(complaint, proposal);
    const buttons = [];
    for (const name of complaint.allowed_actions) {
        for (const spec of all[name] || []) {
            const label = spec.label || t("a_" + spec.action);
            const allowed = !spec.level || session.atLeast(spec.level);
            const button = h("button", {
                type: "button", class: spec.danger ? "danger" : "primary", "data-action": spec.action,
                disabled: !allowed, "aria-describedby": allowed ? false : "why-" + spec.action,
                onclick: () => open(spec, label),
            }, label);
            buttons.push(allowed ? button : h("span", { class: "needs" }, button,
                h("small", { id: "why-" + spec.action, class: "muted" },
                    t("needs_level", { level: term(spec.level), role: term(session.me.role) }))));
        }
    }

    function open(spec, label) {
        const status = h("div", { "aria-live": "polite" });
        const fields = spec.fields.map((f) => ({ ...f }));
        const form = h("form", { class: "action-form", "data-form": spec.action },
            h("h3", {}, label),
            fields.map(field),
            status,
            h("div", { class: "buttons" },
                h("button", { type: "button", class: "secondary", onclick: () => {
                    replace(formBox);
                    box.querySelector(`button[data-action="${spec.action}"]`)?.focus();
                } }, t("cancel")),
                spec.preview ? h("button", { type: "button", class: "secondary", "data-preview": "", onclick: () => send(true) }, t("preview")) : null,
                h("button", { type: "submit", class: spec.danger ? "danger" : "primary" }, t("confirm"))));
        async function send(dryRun = false) {
            if (!dryRun && !form.reportValidity()) return;
            let values = readFields(new FormData(form), fields);
            if (spec.prepare) values = spec.prepare(values);
            replace(status, t("loading"));
            try {
                const result = await pending(form, () => spec.submit(complaint.id, values, dryRun));
                if (dryRun) {
                    const p = result.proposal || result;
                    replace(status, h("p", { class: "preview", id: "proposal-preview" }, t("preview_result", {
                        amount: p.amount_text || money(p.amount_minor, p.currency),
                        remedies: (p.remedies || []).map(term).join(", ") || t("none"),
                        level: term(p.required_level),
                    })));
                    return;
                }
                done(t("saved"));
            } catch (err) {
                replace(status, errorBox(err));
                const bad = fieldNamed(form, err.field);
                if (bad) bad.focus();
            }
        }
        form.addEventListener("submit", (ev) => {
            ev.preventDefault();
            send(false);
        });
        replace(formBox, form);
        const first = form.querySelector("input, select, textarea");
        (first || form.querySelector("button[type=submit]")).focus();
    }

    replace(box, h("h2", { id: "actions-h" }, t("next_steps")),
        buttons.length ? h("div", { class: "buttons wrap" }, buttons) : h("p", { class: "muted" }, t("no_actions")),
        formBox);
    return box;
}
