// Small conveniences only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before changing a task's status by hand.
  document.querySelectorAll('form[action$="/status"]').forEach((f) =>
    f.addEventListener("submit", (e) => {
      if (!confirm("Chuyển trạng thái nhiệm vụ?")) e.preventDefault();
    })
  );
});
