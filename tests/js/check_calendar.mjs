// Opens the organisation's calendar page in headless Chromium (Debian's) and reports, as JSON,
// what a reader and a keyboard user meet and what axe-core finds against WCAG 2.1 AA, at
// 1280 px and on a 390 px phone, and what the page shows without JavaScript.
// Usage: node check_calendar.mjs URL SCREENSHOT.png
import { chromium } from "playwright-core";
import { axeViolations } from "./axe.mjs";

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  // The page allows no scripts (its Content-Security-Policy); axe is injected past it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(url);
  const cells = (root) =>
    root.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll("table")].map((table) => [
          table.id,
          [...table.querySelectorAll("tbody tr")].map((tr) => [
            tr.querySelector("th").textContent.trim(),
            [...tr.querySelectorAll("td")].map((td) => td.textContent.trim()),
          ]),
        ]),
      ),
    );
  const tables = await cells(page);
  const lang = await page.getAttribute("html", "lang");
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.keyboard.press("Tab");
  const firstFocus = await page.evaluate(() => document.activeElement?.textContent?.trim());
  const violations = await axeViolations(page);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-390.png"), fullPage: true });
  const phoneViolations = await axeViolations(page);
  const pageScrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

  // Without JavaScript the page reads the same.
  const plain = await browser.newPage({ javaScriptEnabled: false });
  await plain.goto(url);
  const tablesWithoutScript = await cells(plain);
  process.stdout.write(JSON.stringify({ tables, lang, firstFocus, violations, phoneViolations, pageScrolls, tablesWithoutScript }));
} finally {
  await browser.close();
}
