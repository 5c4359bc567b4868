"""The Explorer in Portuguese: chosen once, remembered, sent to the API as Accept-Language, and
no text of its own left in English or Spanish on any view."""

import re
from typing import Any

from tests.explorer.conftest import VIEWPORT, shoot, wait_until
from tests.explorer.test_explorer_browser import open_view, then_ready, wait_ready

# Every text of the page that is its own: text nodes and the labels, titles and placeholders
# of elements, except inside an element marked as another language (the names of the
# languages in the language menu).
PAGE_TEXTS = """() => {
  const own = (el) => !el.closest('[lang]:not([lang="pt"])') && !el.closest('script, style');
  const texts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (text && own(node.parentElement)) texts.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (!own(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value.trim());
    }
  }
  return texts;
}"""
DICTIONARIES = "import('/explorer/js/i18n.js').then(({ dictionaries }) => dictionaries)"
PLACEHOLDER = re.compile(r"\{\w+\}")


def foreign(dictionaries: dict[str, dict[str, str]]) -> list[tuple[str, str, re.Pattern[str]]]:
    """The catalogue's English and Spanish texts that Portuguese says otherwise, as patterns
    of a whole text (a placeholder matches anything)."""
    patterns = []
    for key, text in dictionaries["pt"].items():
        for language in ("en", "es"):
            other = dictionaries[language][key]
            if other == text or not re.search(r"[^\W\d_]{2}", PLACEHOLDER.sub("", other)):
                continue
            parts = [re.escape(part) for part in PLACEHOLDER.split(other)]
            patterns.append((language, key, re.compile("^" + r"[\s\S]*?".join(parts) + "$")))
    return patterns


def foreign_texts(page: Any, patterns: list[tuple[str, str, re.Pattern[str]]]
                  ) -> list[tuple[str, str, str]]:
    return [(language, key, text) for text in page.evaluate(PAGE_TEXTS)
            for language, key, pattern in patterns if pattern.match(text)]


def test_the_explorer_in_portuguese_shows_no_english_or_spanish_of_its_own(page: Any) -> None:
    languages: list[str | None] = []
    page.on("request", lambda request: languages.append(request.headers.get("accept-language"))
            if request.url.endswith("/graphql") else None)
    open_view(page, "#/territory/BR")
    assert page.evaluate("document.documentElement.lang") == "es"  # the browser's, es-CO
    then_ready(page, lambda: page.select_option("#language", "pt"))
    assert page.evaluate("document.documentElement.lang") == "pt"
    assert page.locator("#chart-types h3").inner_text() == "Iniciativas por tipo"
    assert page.locator("header nav a").all_inner_texts() == [
        "Rede", "Lacunas", "Territórios", "Mapa", "Registrar", "Moderação"]
    page.reload()  # the choice is remembered
    wait_ready(page)
    assert page.evaluate("document.documentElement.lang") == "pt"
    assert page.locator("#language").input_value() == "pt"
    languages.clear()

    dictionaries = page.evaluate(DICTIONARIES)
    assert set(dictionaries) == {"es", "en", "pt"}
    assert sorted(dictionaries["pt"]) == sorted(dictionaries["es"]) == sorted(dictionaries["en"])
    patterns = foreign(dictionaries)
    assert len(patterns) > 300  # nearly every text, in two languages
    seen = []
    for route in ("#/network?colour=community&size=PAGERANK", "#/gaps?country=PE",
                  "#/initiative/INI-CL-001", "#/territory/CO", "#/territory", "#/map",
                  "#/submit"):
        open_view(page, route)
        if route.startswith("#/gaps"):
            page.locator("#gap-list button").first.click()
        if route.startswith("#/network"):
            page.fill("#search", "cordillera")
            page.locator("#search-results button").first.click()
            wait_until(page, "document.querySelector('#panel dl')")
            page.click("#api-key-button")
        if route.startswith("#/initiative"):
            wait_until(page, "document.querySelectorAll('#metrics tbody tr').length === 3")
        if route == "#/submit":
            page.click("#add-seat")
            page.click("#add-program")
        assert foreign_texts(page, patterns) == [], route
        seen.append(page.evaluate("document.body.innerText.length"))
        shoot(page, f"portuguese-{route[2:].split('?')[0].replace('/', '-')}")
        if route.startswith("#/network"):
            page.keyboard.press("Escape")  # closes the key dialog
    assert all(seen)
    assert languages and set(languages) == {"pt"}, languages  # the API is asked in Portuguese


def test_before_any_choice_the_page_takes_the_browser_s_language(browser: Any,
                                                                 base_url: str) -> None:
    for locale, expected in (("pt-BR", "pt"), ("en-GB", "en"), ("es-CO", "es"), ("fr-FR", "es")):
        context = browser.new_context(viewport=VIEWPORT, base_url=base_url, locale=locale)
        page = context.new_page()
        open_view(page, "#/territory")
        assert page.evaluate("document.documentElement.lang") == expected, locale
        assert page.locator("#language").input_value() == expected
        context.close()
