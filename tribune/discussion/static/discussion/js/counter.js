// Characters left, under each comment box. The form works without it: the textarea has maxlength.
document.querySelectorAll("textarea[data-counter]").forEach((area) => {
  const output = area.closest(".field")?.querySelector("[data-counter-output]");
  if (!output) return;
  const limit = Number(area.getAttribute("maxlength"));
  const update = () => {
    output.textContent = `${limit - area.value.length} characters left`;
  };
  area.addEventListener("input", update);
  update();
});
