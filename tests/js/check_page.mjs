// Opens a plan page in headless Chromium (Debian's, no browser download) and reports what a
// reader and a keyboard user meet, and what axe-core finds against WCAG 2.1 AA, as JSON.
// Usage: node check_page.mjs URL SCREENSHOT.png [FILTER_NAME]
// Besides the 1280 px desktop it looks at a 390 px phone (axe again, the vertical timeline, no
// sideways scrolling of the page) and at 1920 px; at 1280 and 1920 px every table column must be
// on screen without scrolling. Each width leaves a screenshot beside SCREENSHOT (-390.png, ...).
import { chromium } from "playwright-core";
import { axeViolations } from "./axe.mjs";

const [url, screenshot, filterName] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  // The page allows no scripts at all (its Content-Security-Policy); axe is injected past it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(url);
  const rows = await page.locator("tbody tr").count();
  const lang = await page.getAttribute("html", "lang");
  await page.screenshot({ path: screenshot, fullPage: true });

  // Keyboard: the first Tab reaches the skip link, Enter moves to the activities.
  await page.keyboard.press("Tab");
  const firstFocus = await page.evaluate(() => document.activeElement?.textContent?.trim());

  const violations = await axeViolations(page);
  const widths = {};
  await page.evaluate(() => document.activeElement?.blur());
  for (const width of [1280, 1920, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: screenshot.replace(/\.png$/, `-${width}.png`), fullPage: true });
    widths[width] = await page.evaluate(() => {
      const right = window.innerWidth;
      const region = document.querySelector(".scroll");
      const shown = (selector) => {
        const found = document.querySelector(selector);
        return found !== null && getComputedStyle(found).display !== "none";
      };
      return {
        // Headings whose right edge lies beyond the window (or the table's region).
        offScreen: [...document.querySelectorAll("thead th")]
          .filter((th) => th.getBoundingClientRect().right > Math.min(right, region.getBoundingClientRect().right) + 1)
          .map((th) => th.textContent.trim()),
        tableScrolls: region.scrollWidth > region.clientWidth + 1,
        pageScrolls: document.documentElement.scrollWidth > right + 1,
        vertical: shown(".vertical"),
        horizontal: shown("svg.horizontal"),
      };
    });
  }
  // The phone: axe once more (the vertical timeline is then what is read).
  const phoneViolations = await axeViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Filtering with the form (it works without JavaScript too: a GET with the chosen values).
  let filtered = null;
  if (filterName) {
    const select = page.locator(`select[name="${filterName}"]`);
    const values = await select.locator("option").evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
    await select.selectOption(values[0]);
    await Promise.all([page.waitForNavigation(), page.locator("form.filters button").click()]);
    filtered = { value: values[0], rows: await page.locator("tbody tr").count(), url: page.url() };
  }

  // Without JavaScript the page reads the same.
  const plain = await browser.newPage({ javaScriptEnabled: false });
  await plain.goto(url);
  const rowsWithoutScript = await plain.locator("tbody tr").count();

  process.stdout.write(
    JSON.stringify({ rows, lang, firstFocus, violations, phoneViolations, widths, filtered, rowsWithoutScript }),
  );
} finally {
  await browser.close();
}
