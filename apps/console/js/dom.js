// Building the page from data without innerHTML: every string from the API
// becomes a text node, so nothing a customer typed can turn into markup.

export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key.startsWith("on") && typeof value === "function") {
            el.addEventListener(key.slice(2).toLowerCase(), value);
        } else if (key === "class") {
            el.className = value;
        } else if (key === "dataset") {
            Object.assign(el.dataset, value);
        } else if (value === true) {
            el.setAttribute(key, "");
        } else {
            el.setAttribute(key, String(value));
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === undefined || child === null || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

export function replace(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

// A modal <dialog>: resolves with the submitted form's FormData, or null when
// cancelled (Escape or the cancel button). Focus goes to the first field.
export function modal({ title, body = [], confirm, cancel, danger = false }) {
    return new Promise((resolve) => {
        const form = h("form", { method: "dialog", class: "modal-form" },
            h("h2", {}, title),
            body,
            h("div", { class: "buttons" },
                h("button", { type: "button", value: "cancel", class: "secondary", onclick: () => dlg.close("cancel") }, cancel),
                h("button", { type: "submit", value: "ok", class: danger ? "danger" : "primary" }, confirm)));
        const dlg = h("dialog", { class: "modal", "aria-label": title }, form);
        form.addEventListener("submit", (ev) => {
            ev.preventDefault();
            if (!form.reportValidity()) return;
            dlg.close("ok");
        });
        dlg.addEventListener("close", () => {
            const values = dlg.returnValue === "ok" ? new FormData(form) : null;
            dlg.remove();
            resolve(values);
        });
        document.body.append(dlg);
        dlg.showModal();
        // A field if there is one; else Cancel for a destructive confirmation, so a
        // stray Enter does not switch a channel off.
        const first = form.querySelector("input, select, textarea") ||
            form.querySelector(danger ? "button[value=cancel]" : "button[type=submit]");
        if (first) first.focus();
    });
}

// Saves a Blob under a file name through a temporary link (the browser's
// download, so the token never appears in a URL).
export function download(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
