// Sign-in with an API token. The token is checked with GET /me before it is kept.

import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { errorBox } from "./common.js";

export function render(root, { signIn }) {
    const status = h("div", { "aria-live": "polite" });
    const input = h("input", { id: "token", name: "token", type: "password", required: true,
        autocomplete: "off", spellcheck: "false", maxlength: 200, "aria-describedby": "token-help" });
    const form = h("form", { class: "card narrow", id: "signin" },
        h("h1", {}, t("app")),
        h("div", { class: "field" }, h("label", { for: "token" }, t("token")), input,
            h("small", { id: "token-help", class: "muted" }, t("token_help"))),
        status,
        h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, t("sign_in"))));
    form.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        replace(status, t("loading"));
        try {
            await signIn(input.value.trim());
        } catch (err) {
            replace(status, errorBox(err));
            input.focus();
        }
    });
    replace(root, form);
    input.focus();
}
