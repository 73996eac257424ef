// The console's only way to the server: the public REST API, with the token in
// the Authorization header. The token lives in sessionStorage (this tab, until
// it closes or the user signs out) and never in a URL.

const TOKEN_KEY = "redress.token";

export class ApiError extends Error {
    constructor(status, code, message, field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field || "";
    }
}

export function token() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
    onUnauthorized = handler;
}

export function query(params = {}) {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value === undefined || value === null || value === "" || value === false) continue;
        for (const v of Array.isArray(value) ? value : [value]) q.append(key, String(v));
    }
    const text = q.toString();
    return text ? "?" + text : "";
}

async function request(method, path, { body, params, raw = false, auth = token(), extra = {} } = {}) {
    const headers = { Accept: raw ? "*/*" : "application/json", ...extra };
    if (auth) headers.Authorization = "Bearer " + auth;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
        response = await fetch(path + query(params), {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            cache: "no-store",
        });
    } catch (err) {
        throw new ApiError(0, "network", "the server did not answer (" + err.message + ")");
    }
    if (!response.ok) {
        let code = "http_" + response.status;
        let message = response.status + " " + response.statusText;
        let field = "";
        try {
            const e = (await response.json()).error;
            if (e) ({ code, message, field } = { code: e.code, message: e.message, field: e.field });
        } catch {
            // not a JSON error body: keep the status line
        }
        if (response.status === 401 && auth === token()) onUnauthorized();
        throw new ApiError(response.status, code, message, field);
    }
    if (raw) return response;
    if (response.status === 204) return null;
    return response.json();
}

export const api = {
    get: (path, params) => request("GET", path, { params }),
    post: (path, body, extra) => request("POST", path, { body: body ?? {}, extra }),
    put: (path, body) => request("PUT", path, { body: body ?? {} }),
    del: (path) => request("DELETE", path),
    // Checks a token before keeping it.
    whoami: (candidate) => request("GET", "/me", { auth: candidate }),
    // A file from the API (reports): the body and the name the server gave it.
    async file(path, params) {
        const response = await request("GET", path, { params, raw: true });
        const disposition = response.headers.get("Content-Disposition") || "";
        const match = /filename="?([^";]+)"?/.exec(disposition);
        return { blob: await response.blob(), filename: match ? match[1] : "download" };
    },
};
