// Material wraps each code block's copy button in a <nav> without a name. Two code blocks
// on one page make two identical navigation landmarks, which screen readers cannot tell
// apart (axe: landmark-unique). Name each one after its block, whenever Material adds it, in
// the page's language (overrides/main.html writes the words from hooks/i18n/strings/).
const codeWords = JSON.parse(document.querySelector("script[data-kb-code-strings]").textContent);
new MutationObserver(() => {
  document.querySelectorAll("nav.md-code__nav:not([aria-label])").forEach((nav) => {
    const blocks = [...document.querySelectorAll("nav.md-code__nav")];
    nav.setAttribute("aria-label", codeWords.block.replace("{number}", blocks.indexOf(nav) + 1));
  });
}).observe(document.body, { childList: true, subtree: true });
