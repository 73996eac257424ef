// Pieces every view shares: error boxes, the toast, status and due-time badges,
// labelled form fields and reading them back as typed JSON values.

import { h, replace } from "../dom.js";
import { statusName, t, term, time } from "../i18n.js";

export function errorBox(err, retry) {
    const message = err && err.message ? err.message : String(err);
    return h("div", { class: "error", role: "alert" },
        h("strong", {}, t("error") + (err && err.status ? " " + err.status : "") + ": "),
        message,
        err && err.field ? h("span", { class: "muted" }, " (" + err.field + ")") : null,
        retry ? h("button", { type: "button", class: "secondary", onclick: () => retry() }, t("retry")) : null);
}

let toastTimer = 0;
export function toast(message) {
    const el = document.getElementById("toast");
    replace(el, message);
    el.classList.add("shown");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => el.classList.remove("shown"), 4000);
}

export function statusBadge(status) {
    return h("span", { class: "badge status-" + status, "data-status": status }, statusName(status));
}

// Due soon: within four hours of the next due time.
const SOON_MS = 4 * 3600 * 1000;

export function dueState(complaint, now = Date.now()) {
    const due = complaint.sla && complaint.sla.next_due;
    if (!due) return "none";
    const left = new Date(due).getTime() - now;
    if (left < 0) return "breached";
    return left <= SOON_MS ? "soon" : "ok";
}

export function dueBadge(complaint) {
    const state = dueState(complaint);
    const due = complaint.sla && complaint.sla.next_due;
    return h("span", { class: "due due-" + state, "data-due": state },
        due ? time(due) : "", h("span", { class: "due-label" }, t("due_" + (state === "ok" ? "ok" : state))));
}

let fieldCounter = 0;

// One labelled field. spec: { name, label, type: text|textarea|number|checkbox|
// select|checkboxes|date, options: [values] or [[value, text]], required, value, help }.
export function field(spec) {
    const id = "f" + ++fieldCounter;
    const label = spec.label ?? t(spec.name);
    const options = (spec.options || []).map((o) => (Array.isArray(o) ? o : [o, term(o)]));
    if (spec.type === "checkbox") {
        return h("div", { class: "field check" },
            h("input", { type: "checkbox", id, name: spec.name, checked: !!spec.value, required: spec.required }),
            h("label", { for: id }, label));
    }
    if (spec.type === "checkboxes") {
        return h("fieldset", { class: "field" }, h("legend", {}, label),
            options.map(([value, text], i) => h("span", { class: "check" },
                h("input", { type: "checkbox", id: id + "_" + i, name: spec.name, value,
                    checked: (spec.value || []).includes(value) }),
                h("label", { for: id + "_" + i }, text))));
    }
    let input;
    if (spec.type === "textarea") {
        input = h("textarea", { id, name: spec.name, required: spec.required, rows: spec.rows || 3,
            maxlength: spec.maxlength || 4000 }, spec.value ?? "");
    } else if (spec.type === "select") {
        input = h("select", { id, name: spec.name, required: spec.required },
            // Required selects start empty too, so `required` makes the user choose.
            h("option", { value: "" }, spec.required ? t("choose") : spec.placeholder ?? t("any")),
            options.map(([value, text]) => h("option", { value, selected: spec.value === value }, text)));
    } else {
        input = h("input", {
            id, name: spec.name, type: spec.type || "text", required: spec.required,
            value: spec.value ?? "", min: spec.min, max: spec.max, step: spec.step,
            placeholder: spec.placeholder, maxlength: spec.type === "text" || !spec.type ? spec.maxlength || 200 : null,
            autocomplete: spec.autocomplete || "off",
        });
    }
    return h("div", { class: "field" }, h("label", { for: id }, label), input,
        spec.help ? h("small", { class: "muted" }, spec.help) : null);
}

// Reads fields back from FormData as JSON values; empty optional fields are left out.
export function readFields(data, specs) {
    const out = {};
    for (const spec of specs) {
        if (spec.type === "checkbox") {
            out[spec.name] = data.get(spec.name) === "on";
        } else if (spec.type === "checkboxes") {
            out[spec.name] = data.getAll(spec.name);
        } else {
            const raw = (data.get(spec.name) ?? "").toString().trim();
            if (raw === "") continue;
            if (spec.type === "number") out[spec.name] = spec.money ? Math.round(Number(raw) * 100) : Number(raw);
            else out[spec.name] = raw;
        }
    }
    return out;
}

// After a view (re)drew itself: the title names the page, and focus, if the
// redraw took it away, goes to the page's heading rather than <body>.
export function settle(root) {
    const heading = root.querySelector("h1");
    if (heading) document.title = heading.textContent + " · " + t("app");
    if (heading && (!document.activeElement || document.activeElement === document.body)) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
    }
}

// While a request is out, its form's submit buttons are disabled (no double posts).
export async function pending(form, work) {
    const buttons = [...form.querySelectorAll("button")];
    buttons.forEach((b) => (b.disabled = true));
    try {
        return await work();
    } finally {
        buttons.forEach((b) => (b.disabled = false));
    }
}

// The form field an API error names: "data.remedies[0]" → remedies.
export function fieldNamed(form, apiField) {
    if (!apiField) return null;
    const name = apiField.split(".").pop().replace(/\[\d+\]$/, "");
    return form.querySelector(`[name="${CSS.escape(name)}"]`);
}

export function definitions(pairs) {
    return h("dl", { class: "facts" }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== "")
        .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

export function tableWrap(table) {
    return h("div", { class: "table-wrap", tabindex: "0" }, table);
}
