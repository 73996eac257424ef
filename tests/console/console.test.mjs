// The console end to end: a real redressd with the example company, Debian's
// headless Chromium. Each test signs in with a token in a fresh browser
// context and leaves a screenshot of every page it saw in the artefacts folder.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { artifacts, startBrowser, startServer } from "./harness.mjs";

let server;
let browser;
const shots = artifacts();
const external = []; // every request that left redressd's origin

before(async () => {
    server = await startServer();
    browser = await startBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
});

async function open(viewport = { width: 1366, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    page.on("request", (r) => {
        const url = r.url();
        if (!url.startsWith(server.base + "/") && !url.startsWith("blob:") && !url.startsWith("data:")) external.push(url);
    });
    page.on("pageerror", (err) => assert.fail("script error in the console: " + err.message));
    return { context, page };
}

async function signIn(page, who) {
    await page.goto(server.base + "/console/");
    await page.fill("#token", server.tokens[who]);
    await page.click("#signin button[type=submit]");
    await page.waitForSelector("#nav a");
}

async function shot(page, name) {
    await page.screenshot({ path: join(shots, name + ".png"), fullPage: true });
}

describe("console", () => {
    it("is served by redressd and loads nothing from outside", async () => {
        const { context, page } = await open();
        const response = await page.goto(server.base + "/console/");
        assert.equal(response.status(), 200);
        assert.match(response.headers()["content-security-policy"], /default-src 'self'/);
        await page.waitForSelector("#token");
        await shot(page, "01-sign-in");
        await context.close();
        assert.deepEqual(external, []);
    });

    it("refuses a wrong token and keeps the right one out of the URL", async () => {
        const { context, page } = await open();
        await page.goto(server.base + "/console/");
        await page.fill("#token", "not-a-token");
        await page.click("#signin button[type=submit]");
        await page.waitForSelector("#signin .error");
        assert.match(await page.textContent("#signin .error"), /401/);
        // Keyboard only: the token field has focus after the error, Enter signs in.
        await page.fill("#token", server.tokens.agent);
        await page.keyboard.press("Enter");
        await page.waitForSelector("#queue");
        assert.ok(!page.url().includes(server.tokens.agent), "the token must never be in the URL");
        assert.equal(await page.evaluate(() => sessionStorage.getItem("redress.token")), server.tokens.agent);
        assert.equal(await page.evaluate(() => localStorage.getItem("redress.token")), null);
        // An agent sees no approvals inbox and no reports.
        const nav = await page.locator("#nav a").allTextContents();
        assert.ok(nav.includes("Queue") && nav.includes("Channels") && !nav.includes("Approvals") && !nav.includes("Reports"), nav.join(","));
        await page.goto(server.base + "/console/#/reports");
        await page.waitForSelector("text=There is no such page.");
        // Signing out forgets the token.
        await page.click("#signout");
        await page.waitForSelector("#token");
        assert.equal(await page.evaluate(() => sessionStorage.getItem("redress.token")), null);
        await context.close();
    });

    it("shows the queue with live counts, filters, sorting and paging", async () => {
        const { context, page } = await open();
        await signIn(page, "agent");
        await page.waitForSelector("#queue tbody tr");
        await shot(page, "02-queue");
        const total = Number(await page.locator('[data-count="All"] b').textContent());
        assert.equal(total, 36);
        // 25 a page: the next page holds the other 11, none repeated.
        const first = await page.locator("#queue tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
        assert.equal(first.length, 25);
        await page.click("#next-page");
        await page.waitForFunction((n) => document.querySelectorAll("#queue tbody tr").length === n, 11);
        const second = await page.locator("#queue tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
        assert.equal(new Set([...first, ...second]).size, 36);
        // Filter by a status through its count chip.
        const received = Number(await page.locator('[data-count="Received"] b').textContent());
        await page.click('[data-count="Received"]');
        await page.waitForFunction((n) => document.querySelectorAll("#queue tbody tr").length === n, Math.min(received, 25));
        const statuses = await page.locator("#queue [data-status]").evaluateAll((els) => els.map((e) => e.dataset.status));
        assert.ok(statuses.every((s) => s === "received"), statuses.join(","));
        // Most urgent first: next due times ascending.
        await page.goto(server.base + "/console/#/queue?sort=due");
        await page.waitForSelector("#queue tbody tr");
        const ids = await page.locator("#queue tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
        const dues = [];
        for (const id of ids) {
            const c = (await server.call("GET", "/complaints/" + id, server.tokens.agent)).json;
            if (c.sla.next_due) dues.push(c.sla.next_due);
        }
        assert.deepEqual(dues, [...dues].sort());
        // Due times in colour: every row carries its state.
        const states = await page.locator("#queue [data-due]").evaluateAll((els) => els.map((e) => e.dataset.due));
        assert.ok(states.every((s) => ["ok", "soon", "breached", "none"].includes(s)));
        await shot(page, "03-queue-by-due");
        await context.close();
    });

    it("switches a channel off with one click and intake on it is refused", async () => {
        const { context, page } = await open();
        await signIn(page, "supervisor");
        await page.click("text=Channels");
        const cell = '#channels td[data-department="after-sales"][data-channel="web"]';
        await page.waitForSelector(cell + '[data-enabled="true"]');
        await shot(page, "04-channels");
        await page.click(cell + " button[role=switch]");
        await page.waitForSelector("dialog.modal[open]");
        await shot(page, "05-channel-confirm");
        await page.click("dialog.modal button[type=submit]");
        await page.waitForSelector(cell + '[data-enabled="false"]');
        await page.waitForSelector("#channel-audit li");
        assert.match(await page.textContent("#channel-audit"), /主管-王/);
        const body = { department: "after-sales", channel: "web", cause: "console test", customer: { contact: "测试", phone: "13900000000" } };
        const refused = await server.call("POST", "/complaints", server.tokens.agent, body);
        assert.equal(refused.status, 403, refused.text);
        assert.equal(refused.json.error.code, "channel_disabled");
        // The registration form no longer offers it in that department.
        await page.click("text=New complaint");
        await page.selectOption("#intake select[name=department]", "after-sales");
        const offered = await page.locator("#intake select[name=channel] option").evaluateAll((os) => os.map((o) => o.value));
        assert.ok(offered.includes("phone") && !offered.includes("web"), offered.join(","));
        await page.click("text=Channels");
        await page.waitForSelector(cell + '[data-enabled="false"]');
        // Back on (confirmed again); intake works at once.
        await page.click(cell + " button[role=switch]");
        await page.click("dialog.modal button[type=submit]");
        await page.waitForSelector(cell + '[data-enabled="true"]');
        const accepted = await server.call("POST", "/complaints", server.tokens.agent, body);
        assert.equal(accepted.status, 201, accepted.text);
        // Cancelling changes nothing.
        await page.click(cell + " button[role=switch]");
        await page.keyboard.press("Escape");
        await page.waitForSelector("dialog.modal", { state: "detached" });
        assert.equal(await page.getAttribute(cell, "data-enabled"), "true");
        await context.close();
        // An agent sees the matrix but no switch.
        const agent = await open();
        await signIn(agent.page, "agent");
        await agent.page.click("text=Channels");
        await agent.page.waitForSelector(cell);
        assert.equal(await agent.page.locator("#channels button[role=switch]").count(), 0);
        await agent.context.close();
    });

    it("takes a complaint from received to closed, approval by a supervisor only", async () => {
        const agent = await open();
        const page = agent.page;
        await signIn(page, "agent");
        await page.click("text=New complaint");
        await page.selectOption("#intake select[name=department]", "after-sales");
        await page.selectOption("#intake select[name=channel]", "phone");
        await page.fill("#intake input[name=company]", "华东机电有限公司");
        await page.fill("#intake input[name=contact]", "Ms Chen <script>alert(1)</script>");
        await page.fill("#intake input[name=phone]", "13800000000");
        await page.fill("#intake textarea[name=cause]", "The compressor failed twice in a week.");
        await page.fill("#intake textarea[name=request]", "Refund the repair costs");
        await page.fill("#intake input[name=loss]", "1000");
        await shot(page, "06-register");
        await page.click("#intake button[type=submit]");
        await page.waitForSelector("#actions");
        const id = decodeURIComponent(page.url().split("#/complaints/")[1]);
        assert.match(id, /^AS-/);
        // What a customer typed is text, never markup.
        assert.match(await page.textContent("#registration"), /Ms Chen <script>alert\(1\)<\/script>/);
        await shot(page, "07-complaint-received");

        const step = async (action, fill) => {
            await page.click(`#actions button[data-action="${action}"]`);
            await page.waitForSelector(`form[data-form="${action}"]`);
            if (fill) await fill(`form[data-form="${action}"]`);
            await page.click(`form[data-form="${action}"] button[type=submit]`);
            await page.waitForSelector(`form[data-form="${action}"]`, { state: "detached" });
        };
        const status = () => page.getAttribute(".complaint-head [data-status]", "data-status");

        await step("contact", async (f) => {
            await page.fill(f + " textarea[name=restated_problem]", "Compressor failure, twice, repair cost 1000");
            await page.check(f + " input[name=customer_confirmed]");
            await page.selectOption(f + " select[name=method]", "phone");
        });
        await page.waitForSelector('.complaint-head [data-status="contacted"]');
        await step("analyse", async (f) => {
            await page.selectOption(f + " select[name=company_fault]", "full");
            await page.check(f + " input[name=demand_reasonable]");
            await page.fill(f + " textarea[name=findings]", "A faulty batch of compressors.");
        });
        await page.waitForSelector('.complaint-head [data-status="analysed"]');
        // The policies: preview first, then propose.
        await page.click('#actions button[data-action="policies"]');
        await page.click('form[data-form="policies"] button[data-preview]');
        await page.waitForSelector("#proposal-preview");
        await shot(page, "08-proposal-preview");
        await page.click('form[data-form="policies"] button[type=submit]');
        await page.waitForSelector('.complaint-head [data-status="proposed"]');
        await page.waitForSelector("#proposals .proposal");
        await shot(page, "09-proposed");
        const complaint = (await server.call("GET", "/complaints/" + id, server.tokens.agent)).json;
        assert.equal(complaint.proposal.required_level, "supervisor", JSON.stringify(complaint.proposal));

        // The agent may not approve: the button is there but disabled and says why,
        // and the API refuses the agent's token.
        const approve = page.locator('#actions button[data-action="approve"]');
        assert.ok(await approve.isDisabled());
        assert.match(await page.textContent("#why-approve"), /supervisor/);
        const refused = await page.evaluate(async (cid) => {
            const r = await fetch(`/complaints/${encodeURIComponent(cid)}/approval`, {
                method: "POST",
                headers: { Authorization: "Bearer " + sessionStorage.getItem("redress.token"), "Content-Type": "application/json" },
                body: JSON.stringify({ decision: "approve" }),
            });
            return { status: r.status, body: await r.json() };
        }, id);
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
        await shot(page, "10-agent-cannot-approve");

        // The supervisor approves from the inbox.
        const sup = await open();
        await signIn(sup.page, "supervisor");
        await sup.page.click("text=Approvals");
        await sup.page.waitForSelector(`#approvals tr[data-id="${id}"]`);
        await shot(sup.page, "11-approvals");
        await sup.page.click(`#approvals button[data-approve="${id}"]`);
        await sup.page.waitForSelector("dialog.modal[open]");
        await sup.page.fill("dialog.modal textarea[name=note]", "Faulty batch: agreed.");
        await sup.page.click("dialog.modal button[type=submit]");
        await sup.page.waitForSelector(`#approvals tr[data-id="${id}"]`, { state: "detached" });
        await sup.context.close();

        await page.reload();
        await page.waitForSelector('.complaint-head [data-status="approved"]');
        await step("agree");
        await page.waitForSelector('.complaint-head [data-status="implementing"]');
        await page.waitForSelector("#tasks [data-done]");
        await shot(page, "12-implementing-tasks");
        // Every task done: the last one resolves the complaint.
        while (await page.locator("#tasks [data-done]").count()) {
            const before = await page.locator("#tasks [data-done]").count();
            await page.locator("#tasks [data-done]").first().click();
            await page.waitForFunction((n) => document.querySelectorAll("#tasks [data-done]").length < n, before);
        }
        await page.waitForSelector('.complaint-head [data-status="resolved"]');
        // Done tasks stay on the page, marked done.
        const taskStates = await page.locator("#tasks tbody tr td:nth-child(6)").allTextContents();
        assert.ok(taskStates.length > 0 && taskStates.every((x) => x === "done"), taskStates.join(","));
        await step("close", async (f) => {
            await page.fill(f + " input[name=satisfaction]", "5");
            await page.fill(f + " textarea[name=comment]", "Called back: satisfied.");
        });
        await page.waitForSelector('.complaint-head [data-status="closed"]');
        assert.equal(await status(), "closed");
        // A comment on the timeline.
        await page.fill("#comment textarea[name=text]", "Closed after the follow-up call.");
        await page.click("#comment button[type=submit]");
        await page.waitForSelector('#timeline li[data-type="comment"]');
        const timeline = await page.textContent("#timeline");
        for (const s of ["Contacted", "Analysed", "Proposed", "Approved", "Implementing", "Resolved", "Closed"])
            assert.ok(timeline.includes(s), "timeline lacks " + s);
        await shot(page, "13-closed");
        const done = (await server.call("GET", "/complaints/" + id, server.tokens.agent)).json;
        assert.equal(done.status, "closed");
        assert.equal(done.satisfaction, 5);
        await agent.context.close();
    });

    it("approves a refusal only once the customer was told, and that rejects the complaint", async () => {
        const as = (tok) => server.tokens[tok];
        const created = await server.call("POST", "/complaints", as("agent"), {
            department: "after-sales", channel: "phone", cause: "Wants lost earnings paid", customer: { contact: "李四", phone: "13700000000" },
        });
        assert.equal(created.status, 201, created.text);
        const id = created.json.id;
        const step = async (action, data) => {
            const r = await server.call("POST", `/complaints/${id}/transitions`, as("agent"), { action, data });
            assert.equal(r.status, 200, r.text);
        };
        await step("contact", { restated_problem: "lost earnings", customer_confirmed: true, method: "phone" });
        await step("analyse", { severity: "low", company_fault: "none", demand_reasonable: false, findings: "not covered" });
        await step("propose", { decision: "refuse", reasons: ["Lost earnings are not compensated"] });
        const { context, page } = await open();
        await signIn(page, "supervisor");
        await page.click("text=Approvals");
        await page.click(`#approvals button[data-approve="${id}"]`);
        await page.waitForSelector("dialog.modal[open] input[name=customer_told]");
        await shot(page, "18-approve-refusal");
        // Without the confirmation the dialog does not submit.
        await page.click("dialog.modal button[type=submit]");
        assert.equal(await page.locator("dialog.modal[open]").count(), 1);
        await page.check("dialog.modal input[name=customer_told]");
        await page.click("dialog.modal button[type=submit]");
        await page.waitForSelector(`#approvals tr[data-id="${id}"]`, { state: "detached" });
        const after = (await server.call("GET", "/complaints/" + id, as("agent"))).json;
        assert.equal(after.status, "rejected");
        await context.close();
    });

    it("looks up the catalog", async () => {
        const { context, page } = await open();
        await signIn(page, "agent");
        await page.click("text=Catalog");
        await page.waitForSelector("[data-entry]");
        await page.fill("#lookup input[name=q]", "上门安装");
        await page.keyboard.press("Enter");
        await page.waitForSelector("#lookup-result .verdict");
        assert.match(await page.textContent("#lookup-result"), /installation|安装/i);
        await shot(page, "14-catalog");
        await context.close();
    });

    it("shows the HTML report and downloads CSV and XLSX", async () => {
        const { context, page } = await open();
        await signIn(page, "supervisor");
        await page.click("text=Reports");
        await page.waitForSelector("#report-view");
        const frame = page.frameLocator("#report-view");
        await frame.locator("table").first().waitFor();
        // The report's own stylesheet applies inside the sandboxed frame (the
        // console's CSP allows its inline <style>; scripts stay blocked).
        const collapse = await frame.locator("table").first().evaluate((t) => getComputedStyle(t).borderCollapse);
        assert.equal(collapse, "collapse");
        assert.equal(await frame.locator("h1").evaluate((e) => getComputedStyle(e).fontSize), "24px");
        await shot(page, "15-report");
        for (const [format, check] of [
            ["csv", (bytes) => assert.match(bytes.toString("utf8"), /Received|受理/)],
            ["xlsx", (bytes) => assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK")],
        ]) {
            const [download] = await Promise.all([
                page.waitForEvent("download"),
                page.click(`#report-form button[data-format="${format}"]`),
            ]);
            assert.match(download.suggestedFilename(), new RegExp(`^weekly.*\\.${format}$`));
            check(readFileSync(await download.path()));
        }
        await context.close();
    });

    it("speaks Chinese and English and fits a phone", async () => {
        const { context, page } = await open({ width: 390, height: 844 });
        await signIn(page, "agent");
        await page.waitForSelector("#queue");
        await page.click("#lang");
        await page.waitForSelector('#nav a:has-text("投诉队列")');
        assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
        await page.reload(); // the choice stays
        await page.waitForSelector('#nav a:has-text("投诉队列")');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, "the page is wider than the phone by " + overflow + "px");
        await shot(page, "16-phone-queue-zh");
        await page.locator("#queue tbody tr a").first().click();
        await page.waitForSelector("#actions");
        const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow2 <= 0, "the complaint page is wider than the phone by " + overflow2 + "px");
        await shot(page, "17-phone-complaint-zh");
        await page.click("#lang");
        await page.waitForSelector('#nav a:has-text("Queue")');
        await context.close();
        assert.deepEqual(external, []);
    });
});
