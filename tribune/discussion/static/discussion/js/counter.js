// Characters left, under each comment box. The form works without it: the textarea has maxlength.
document.querySelectorAll("textarea[data-counter]").forEach((area) => {
  const output = area.closest(".field")?.querySelector("[data-counter-output]");
  if (!output) return;
  const limit = Number(area.getAttribute("maxlength"));
  // The wording comes translated from the page (data-counter-format), so the counter speaks the page's language.
  const format = output.dataset.counterFormat || "{count} characters left";
  const update = () => {
    output.textContent = format.replace("{count}", String(limit - area.value.length));
  };
  area.addEventListener("input", update);
  update();
});
