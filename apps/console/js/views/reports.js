// Reports: the HTML report shown in a sandboxed frame (no scripts, no access to
// the console), and the same report downloaded in every other format the
// loaded reporter plugins offer (CSV, XLSX, JSON…). Fetched with the token in a
// header, so a report is never behind a URL with a secret in it.

import { api } from "../api.js";
import { download, h, replace } from "../dom.js";
import { language, t } from "../i18n.js";
import { session } from "../session.js";
import { errorBox, field } from "./common.js";

let frameUrl = "";

export async function render(root) {
    const catalog = await api.get("/reports");
    const reports = catalog.reports;
    const formats = catalog.formats || [];
    const frameBox = h("div", { class: "report-frame" });
    const status = h("div", { "aria-live": "polite" });

    const reportField = field({ name: "report", label: t("report"), type: "select", required: true,
        value: reports.length ? reports[0].name : undefined,
        options: reports.map((r) => [r.name, language() === "zh" ? r.title : r.title_en || r.title]) });
    const select = reportField.querySelector("select");
    const fromField = field({ name: "from", type: "date", required: true });
    const toField = field({ name: "to", type: "date", required: true });
    const granularityField = field({ name: "granularity", type: "select",
        options: ["day", "week", "month"].map((g) => [g, t("g_" + g)]) });
    const deptField = field({ name: "department", type: "select", options: session.departments.map((d) => [d.id, d.name]) });
    const defaults = () => {
        const r = reports.find((x) => x.name === select.value);
        if (!r) return;
        fromField.querySelector("input").value = r.default_from;
        toField.querySelector("input").value = r.default_to;
        granularityField.querySelector("select").value = r.granularity;
    };
    select.addEventListener("change", defaults);
    defaults();

    const form = h("form", { class: "card filters", id: "report-form" },
        reportField, fromField, toField, granularityField, deptField,
        h("div", { class: "buttons" },
            formats.includes("html") ? h("button", { type: "submit", class: "primary" }, t("show")) : null,
            formats.map((f) => h("button", { type: "button", class: "secondary", "data-format": f,
                onclick: () => fetchReport(f, true) }, t("download", { format: f.toUpperCase() })))));

    function params(format) {
        const data = new FormData(form);
        return {
            format, from: data.get("from"), to: data.get("to"),
            granularity: data.get("granularity") || undefined,
            department: data.get("department") || undefined,
            language: language(),
        };
    }

    async function fetchReport(format, save) {
        if (!form.reportValidity()) return;
        replace(status, t("loading"));
        try {
            const file = await api.file("/reports/" + encodeURIComponent(select.value), params(format));
            replace(status);
            if (save) {
                download(file.blob, file.filename);
                return;
            }
            if (frameUrl) URL.revokeObjectURL(frameUrl);
            frameUrl = URL.createObjectURL(file.blob);
            replace(frameBox, h("iframe", { src: frameUrl, sandbox: "", title: t("report_frame"), id: "report-view" }));
        } catch (err) {
            replace(status, errorBox(err));
        }
    }
    form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        fetchReport("html", false);
    });

    replace(root, h("h1", {}, t("reports")), form, status, frameBox);
    if (formats.includes("html")) await fetchReport("html", false);
}
