// Opens e-mail action links in headless Chromium as a person would: each page is read, the
// comment (if any) typed into its form, and its confirm button pressed. Reports, as JSON, for
// each link: the status and text of the page the link opened, whether it had a form, and the
// status and text of the page after confirming, and what axe-core finds on both against WCAG 2.1
// AA. Chromium is launched once for all links.
// Usage: node email_links.mjs '[{"url": "...", "text": "a comment", "confirm": true,
//   "screenshot": "page.png"}, ...]'
import { chromium } from "playwright-core";
import { axeViolations } from "./axe.mjs";

const steps = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const results = [];
try {
  // The pages run no scripts (their Content-Security-Policy); axe is injected past it.
  const context = await browser.newContext({ bypassCSP: true });
  for (const step of steps) {
    const page = await context.newPage();
    const opened = await page.goto(step.url);
    const result = {
      status: opened.status(),
      lang: await page.getAttribute("html", "lang"),
      text: await page.locator("main").innerText(),
      form: (await page.locator("form").count()) > 0,
      violations: await axeViolations(page),
    };
    if (step.screenshot) await page.screenshot({ path: step.screenshot, fullPage: true });
    if (result.form && step.confirm !== false) {
      if (step.text !== undefined && (await page.locator("textarea").count()) > 0) {
        await page.fill("textarea", step.text);
      }
      const [after] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
      result.after = {
        status: after.status(),
        text: await page.locator("main").innerText(),
        violations: await axeViolations(page),
      };
      result.links = await page.locator("main a").evaluateAll((found) => found.map((a) => a.href));
    }
    results.push(result);
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
