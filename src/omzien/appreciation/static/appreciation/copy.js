// A copy button for a read-only text box: shown only where the clipboard can be written.
// Without JavaScript the text box stays, its text selectable to copy by hand.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
  if (!navigator.clipboard) return;
  var box = document.getElementById(button.dataset.copyTarget);
  var status = document.querySelector('[data-copy-status="' + button.dataset.copyTarget + '"]');
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(box.value).then(function () {
      if (status) status.textContent = button.dataset.copied;
    });
  });
});
