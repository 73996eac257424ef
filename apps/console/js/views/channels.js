// Channels × departments: every intake channel the loaded plugins provide, and
// whether each department takes complaints on it now. A supervisor or above
// switches one with a click and a confirmation; the server applies it at once
// and audits it.

import { api } from "../api.js";
import { h, modal, replace } from "../dom.js";
import { t, term, time } from "../i18n.js";
import { session } from "../session.js";
import { errorBox, settle, tableWrap, toast } from "./common.js";

// After a switch: the departments' channel lists (used by the intake form) and
// the matrix are read again; focus returns to the cell that was switched.
async function refresh(root, dept, channel) {
    try {
        session.departments = (await api.get("/departments")).items;
        await render(root);
        settle(root);
        root.querySelector(`td[data-department="${CSS.escape(dept)}"][data-channel="${CSS.escape(channel)}"] button`)?.focus();
    } catch (err) {
        replace(root, errorBox(err, () => refresh(root, dept, channel)));
    }
}

export async function render(root) {
    const states = await Promise.all(session.departments.map((d) =>
        api.get(`/departments/${encodeURIComponent(d.id)}/channels`)));
    const channels = [...new Set(states.flatMap((s) => s.items.map((i) => i.channel)))].sort();
    const canSwitch = session.atLeast("supervisor");
    const status = h("div", { "aria-live": "polite" });

    async function change(dept, state, enable) {
        const vars = { channel: term(state.channel), department: dept.name };
        const ok = await modal({
            title: t(enable ? "switch_on" : "switch_off", vars),
            confirm: enable ? t("on") : t("off"),
            cancel: t("cancel"),
            danger: !enable,
        });
        if (!ok) return;
        const path = `/departments/${encodeURIComponent(dept.id)}/channels/${encodeURIComponent(state.channel)}`;
        try {
            await api.put(path, { enabled: enable });
            toast(t("saved"));
            await refresh(root, dept.id, state.channel);
        } catch (err) {
            replace(status, errorBox(err));
        }
    }

    async function reset(dept, state) {
        try {
            await api.del(`/departments/${encodeURIComponent(dept.id)}/channels/${encodeURIComponent(state.channel)}`);
            toast(t("saved"));
            await refresh(root, dept.id, state.channel);
        } catch (err) {
            replace(status, errorBox(err));
        }
    }

    function cell(dept, state) {
        if (!state) return h("td", { class: "muted" }, t("not_offered"));
        const label = state.enabled ? t("on") : t("off");
        const switcher = canSwitch
            ? h("button", { type: "button", role: "switch", "aria-checked": String(state.enabled),
                class: "switch " + (state.enabled ? "is-on" : "is-off"),
                "aria-label": `${term(state.channel)} · ${dept.name}: ${label}`,
                onclick: () => change(dept, state, !state.enabled) }, label)
            : h("span", { class: "switch " + (state.enabled ? "is-on" : "is-off") }, label);
        return h("td", { "data-department": dept.id, "data-channel": state.channel, "data-enabled": String(state.enabled) },
            switcher,
            state.override ? h("small", { class: "muted override" },
                t("override_by", { by: state.override.by, at: time(state.override.at) }),
                canSwitch ? [" ", h("button", { type: "button", class: "link", onclick: () => reset(dept, state) }, t("reset"))] : null)
                : null);
    }

    const rows = session.departments.map((dept, i) => h("tr", {},
        h("th", { scope: "row" }, dept.name),
        channels.map((ch) => cell(dept, states[i].items.find((s) => s.channel === ch)))));
    const audit = states.flatMap((s, i) => (s.audit || []).map((a) => ({ ...a, department: session.departments[i] })))
        .sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, 20);

    replace(root,
        h("h1", {}, t("channels")),
        h("p", { class: "muted" }, canSwitch ? t("channels_help") : t("read_only")),
        status,
        tableWrap(h("table", { class: "matrix", id: "channels" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("department")),
                channels.map((c) => h("th", { scope: "col" }, term(c))))),
            h("tbody", {}, rows))),
        audit.length ? h("section", { class: "card" }, h("h2", {}, t("audit")),
            h("ul", { class: "audit", id: "channel-audit" }, audit.map((a) => h("li", {},
                time(a.at), " · ", a.by, " · ", a.department.name, " · ", term(a.channel), ": ",
                a.enabled === null ? t("reset") : a.enabled ? t("on") : t("off"))))) : null);
}
