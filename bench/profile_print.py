"""An initiative's profile as people share and print it: its address to share opened in
Chromium (headless, through Playwright) on a running service, the time until the page has
its metrics, gaps and matches, and the number of pages it prints to (A4).

    .venv/bin/python bench/profile_print.py http://127.0.0.1:8000 I000215 I000408

Each id is opened twice (the first pays the service's analyses); prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import time

from playwright.sync_api import Page, sync_playwright

COMPLETE = ("document.body.dataset.state === 'ready' && "
            "document.querySelectorAll('#metrics tbody tr').length === 3 && "
            "!!document.querySelector('#initiative-gaps ul, #no-gaps')")


def complete(page: Page, timeout_s: float = 900) -> float:
    """Seconds until the page shows everything it asks the service for."""
    start = time.monotonic()
    while time.monotonic() < start + timeout_s:
        try:
            if page.evaluate(f"!!({COMPLETE})"):
                return time.monotonic() - start
        except Exception:  # the page still navigating (the shared address opens its view)
            pass
        page.wait_for_timeout(100)
    raise TimeoutError(f"not complete in {timeout_s} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("ids", nargs="+")
    args = parser.parse_args()
    executable = os.environ.get("ARTICULA_CHROMIUM") or shutil.which("chromium")
    print("| initiative | members | first s | again s | printed pages |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="es-CO")
        for initiative in args.ids:
            times = []
            page = context.new_page()
            for _ in range(2):
                start = time.monotonic()
                page.goto(f"{args.url}/initiative/{initiative}")
                complete(page)
                times.append(time.monotonic() - start)
            pdf = page.pdf(format="A4", print_background=True)
            pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
            members = page.locator("#members tr[data-id]").count()
            print(f"| {initiative} | {members:,} | {times[0]:.1f} | {times[1]:.1f} | {pages} |")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
