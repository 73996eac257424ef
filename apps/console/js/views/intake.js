// Registering a complaint taken on the phone, at a visit or from a letter: the
// registration form of the handbook. An Idempotency-Key per form means a double
// submit registers one complaint.

import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { session } from "../session.js";
import { errorBox, field, fieldNamed, pending, readFields, toast } from "./common.js";

function idempotencyKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return "console-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const customerSpecs = [
    { name: "company" }, { name: "contact" }, { name: "phone", type: "tel" }, { name: "email", type: "email" },
    { name: "address" },
    { name: "type", labelKey: "customer_type", type: "select", options: ["unknown", "demanding", "confused", "agitated"] },
];
const productSpecs = [
    { name: "name", labelKey: "product_name" }, { name: "spec" }, { name: "production_date" }, { name: "batch" },
    { name: "used_at" }, { name: "symptoms", type: "textarea" }, { name: "previous_brand" },
];

export function render(root) {
    const key = idempotencyKey();
    const departments = session.departments;
    const channelBox = h("div", {});
    const deptSpec = { name: "department", type: "select", required: true, options: departments.map((d) => [d.id, d.name]) };
    const deptField = field(deptSpec);
    const deptSelect = deptField.querySelector("select");
    const channelSpec = () => ({ name: "channel", type: "select", required: true,
        options: (session.department(deptSelect.value)?.channels || []) });
    const showChannels = () => replace(channelBox, field(channelSpec()));
    deptSelect.addEventListener("change", showChannels);
    showChannels();

    // Labels are translated at render time, so build the specs here.
    const labelled = (s) => ({ ...s, label: t(s.labelKey || s.name) });
    const customer = customerSpecs.map(labelled);
    const product = productSpecs.map(labelled);
    const main = [
        { name: "cause", type: "textarea", required: true, rows: 4 },
        { name: "request", type: "textarea" },
        { name: "category" },
        { name: "severity", type: "select", options: ["low", "medium", "high", "critical"] },
        { name: "loss", type: "number", min: 0, step: "0.01", money: true },
        { name: "owner" },
    ];
    const status = h("div", { "aria-live": "polite" });
    const form = h("form", { class: "card", id: "intake" },
        h("h1", {}, t("new_complaint")),
        h("div", { class: "grid" }, deptField, channelBox),
        h("fieldset", {}, h("legend", {}, t("customer")), h("div", { class: "grid" }, customer.map(field))),
        h("div", { class: "grid" }, main.map(field)),
        h("fieldset", {}, h("legend", {}, t("product")), h("div", { class: "grid" }, product.map(field))),
        status,
        h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, t("register"))));
    form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const data = new FormData(form);
        const body = { department: data.get("department"), channel: data.get("channel"),
            customer: readFields(data, customer), ...readFields(data, main) };
        const dept = session.department(body.department);
        if (body.loss !== undefined) body.loss = { amount_minor: body.loss, currency: dept.currency };
        const prod = readFields(data, product);
        if (Object.keys(prod).length) body.product = prod;
        replace(status, t("loading"));
        try {
            const created = await pending(form, () => api.post("/complaints", body, { "Idempotency-Key": key }));
            toast(t("registered", { id: created.id }));
            location.hash = "#/complaints/" + encodeURIComponent(created.id);
        } catch (err) {
            replace(status, errorBox(err));
            const bad = fieldNamed(form, err.field);
            if (bad) bad.focus();
        }
    });
    replace(root, form);
}
