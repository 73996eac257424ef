// What the console tests run against: a real redressd on loopback with a copy
// of the example company (own SQLite database, free port), seeded by
// examples/seed.sh, and Debian's headless Chromium driven by playwright-core.
//
// Environment: REDRESSD (the binary), REDRESS_SOURCE_DIR (the repository),
// REDRESS_CONSOLE_ARTIFACTS (where screenshots go), CHROMIUM (default
// /usr/bin/chromium).

import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

function required(name) {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set (see tests/console/harness.mjs)`);
    return value;
}

export async function startServer() {
    const redressd = required("REDRESSD");
    const source = required("REDRESS_SOURCE_DIR");
    const work = mkdtempSync(join(tmpdir(), "redress-console-"));
    const config = readFileSync(join(source, "examples/company.toml"), "utf8")
        .replace(/^port = 8080$/m, "port = 0")
        .replace("sqlite://../var/redress.db", `sqlite://${work}/redress.db`)
        .replace('dir = "../var/reports"', `dir = "${work}/reports"`);
    if (!config.includes(`sqlite://${work}/redress.db`)) throw new Error("could not point the example at a temp database");
    writeFileSync(join(work, "company.toml"), config);
    cpSync(join(source, "examples/catalog"), join(work, "catalog"), { recursive: true });
    const configPath = join(work, "company.toml");
    writeFileSync(join(work, "admin.token"), execFileSync(redressd, ["--config", configPath, "--create-token", "admin"],
        { stdio: ["ignore", "pipe", "ignore"] }));

    const log = [];
    const child = spawn(redressd, ["--config", configPath], { stdio: ["ignore", "pipe", "pipe"] });
    const port = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("redressd did not start:\n" + log.join(""))), 30_000);
        const seen = (chunk) => {
            log.push(chunk.toString());
            const m = /listening on [^:\s]*:(\d+)/.exec(log.join(""));
            if (m) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        };
        child.stdout.on("data", seen);
        child.stderr.on("data", seen);
        child.on("exit", (code) => reject(new Error(`redressd exited with ${code}:\n${log.join("")}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const seeded = execFileSync(join(source, "examples/seed.sh"), [base, work], { encoding: "utf8" });
    if (!/seed: 36 new complaints/.test(seeded)) throw new Error("seeding failed: " + seeded);
    const token = (name) => readFileSync(join(work, name + ".token"), "utf8").trim();
    return {
        base,
        work,
        log,
        tokens: { admin: token("admin"), agent: token("agent"), supervisor: token("supervisor") },
        // A call to the REST API as a script would make it.
        async call(method, path, tok, body) {
            const response = await fetch(base + path, {
                method,
                headers: { Authorization: "Bearer " + tok, ...(body ? { "Content-Type": "application/json" } : {}) },
                body: body ? JSON.stringify(body) : undefined,
            });
            const text = await response.text();
            let json = null;
            try {
                json = JSON.parse(text);
            } catch {
                // not JSON
            }
            return { status: response.status, json, text };
        },
        async stop() {
            child.kill("SIGTERM");
            await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on("exit", resolve)));
            rmSync(work, { recursive: true, force: true });
        },
    };
}

export async function startBrowser() {
    const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
    if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install chromium)`);
    // No background networking: this machine's network is closed, and the
    // console must work without it anyway.
    return chromium.launch({
        executablePath,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });
}

export function artifacts() {
    const dir = process.env.REDRESS_CONSOLE_ARTIFACTS || join(tmpdir(), "redress-console-artifacts");
    mkdirSync(dir, { recursive: true });
    return dir;
}
