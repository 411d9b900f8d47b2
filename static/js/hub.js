// Mark the page as JavaScript-capable for GOV.UK Frontend, then start its components.
function startComponents() {
  document.body.classList.add("js-enabled", "govuk-frontend-supported");
  import("../govuk/govuk-frontend.min.js").then(function (govuk) {
    govuk.initAll();
  });
}
startComponents();

// Uploads that can be large (forms marked data-upload-progress) are sent with
// XMLHttpRequest so the page can say how much has been sent and that rows are being checked.
// The server's answer (the same page a plain post gives) then replaces the page in place.
// Without JavaScript the form posts as usual.
function reportUpload(form, percent, text) {
  var status = form.querySelector("[data-upload-status]");
  status.hidden = false;
  status.querySelector("progress").value = percent;
  status.querySelector("[data-upload-message]").textContent = text;
  form.dispatchEvent(new CustomEvent("hub:upload-progress", {
    bubbles: true, detail: { percent: percent, text: text }
  }));
}

function showAnswer(xhr) {
  var answer = new DOMParser().parseFromString(xhr.responseText, "text/html");
  document.title = answer.title;
  document.body.replaceWith(answer.body);
  history.replaceState(null, "", xhr.responseURL);
  startComponents();
  var focus = document.querySelector(".govuk-error-summary, h1");
  if (focus) {
    if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
    focus.focus();
  }
}

document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches("form[data-upload-progress]")) return;
  var file = form.querySelector("input[type=file]");
  if (!file || !file.files.length) return; // nothing to send: the server says so
  event.preventDefault();
  var button = form.querySelector("button[type=submit]");
  button.disabled = true;
  var xhr = new XMLHttpRequest();
  xhr.open("POST", form.action || window.location.href);
  xhr.upload.addEventListener("progress", function (e) {
    if (!e.lengthComputable) return;
    var percent = Math.round((100 * e.loaded) / e.total);
    reportUpload(form, percent, "Sending the file: " + percent + "% sent.");
  });
  xhr.upload.addEventListener("load", function () {
    reportUpload(form, 100, "File sent. Checking every row: a large file can take a minute.");
  });
  xhr.addEventListener("load", function () { showAnswer(xhr); });
  xhr.addEventListener("error", function () {
    button.disabled = false;
    reportUpload(form, 0, "The file could not be sent. Check your connection and try again.");
  });
  reportUpload(form, 0, "Sending the file.");
  xhr.send(new FormData(form));
});

// Wide tables scroll inside their own box rather than the page sideways (phones). A box
// that does scroll becomes a labelled region that takes keyboard focus, so it can be
// scrolled with the arrow keys; one that fits stays out of the tab order.
function tableName(table) {
  var caption = table.querySelector("caption");
  var text = caption ? caption.textContent.trim() : "";
  if (!text) {
    var heading = table.closest("section, div, main");
    heading = heading && heading.querySelector("h1, h2, h3");
    text = heading ? heading.textContent.trim() : "Table";
  }
  return text + " (scrolls sideways)";
}

function fitTables() {
  document.querySelectorAll("main table.govuk-table").forEach(function (table) {
    var box = table.parentElement;
    if (!box.matches(".hub-table-wrapper, .hub-table-wrap")) {
      box = document.createElement("div");
      box.className = "hub-table-wrapper";
      table.replaceWith(box);
      box.appendChild(table);
    }
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", tableName(table));
    } else if (box.getAttribute("tabindex") === "0" && !box.hasAttribute("data-always-region")) {
      box.removeAttribute("role");
      box.removeAttribute("tabindex");
      box.removeAttribute("aria-label");
    }
  });
}
fitTables();
window.addEventListener("resize", fitTables);
document.addEventListener("htmx:afterSwap", fitTables);
