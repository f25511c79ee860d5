/* careersite application form: messages beside the fields instead of the browser's bubbles, a
   summary that takes focus, and the file size checked before a long upload fails. Without this
   script the browser's own checks (required, type, accept) still run and the form still posts. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-apply-form]");
  if (!form) return;
  var summary = document.getElementById("form-problems");
  form.noValidate = true;

  function labelOf(field) {
    var group = field.closest("[data-field-group]");
    var label = group ? group.querySelector("legend") : form.querySelector("label[for='" + field.id + "']") || field.closest("label");
    var text = label ? label.textContent : field.name;
    return text.replace("(required)", "").trim();
  }

  function megabytes(bytes) { return Math.round(bytes / 104857.6) / 10; }

  function problemOf(field) {
    var limit = Number(field.getAttribute("data-max-bytes") || 0);
    if (field.type === "file" && limit && field.files && field.files[0] && field.files[0].size > limit) {
      return "This file is " + megabytes(field.files[0].size) + " MB; the limit is " + megabytes(limit) + " MB.";
    }
    var v = field.validity;
    if (v.valid) return "";
    if (v.valueMissing) {
      if (field.type === "radio") return "Choose one answer.";
      if (field.type === "checkbox") return "Tick this box to send your application.";
      if (field.type === "file") return "Choose a file to upload.";
      return "Fill in this field.";
    }
    if (v.typeMismatch && field.type === "email") return "Enter an e-mail address such as name@example.org.";
    if (v.typeMismatch && field.type === "url") return "Enter a full address starting with https://";
    return field.validationMessage;
  }

  function errorOf(field) {
    var group = field.closest("[data-field-group]");
    return document.getElementById((group ? group.id : field.id) + "-error");
  }

  function mark(field, problem) {
    var error = errorOf(field);
    var targets = field.type === "radio" ? form.querySelectorAll("input[name='" + field.name + "']") : [field];
    Array.prototype.forEach.call(targets, function (f) {
      if (problem) f.setAttribute("aria-invalid", "true"); else f.removeAttribute("aria-invalid");
    });
    if (error) { error.textContent = problem; error.hidden = !problem; }
  }

  function check(field) {
    var problem = problemOf(field);
    mark(field, problem);
    return problem;
  }

  var fields = Array.prototype.filter.call(form.elements, function (f) {
    return f.name && f.type !== "hidden" && f.name !== "bot-field" && f.tagName !== "BUTTON" && f.tagName !== "FIELDSET";
  });

  fields.forEach(function (field) {
    field.addEventListener(field.type === "file" || field.type === "radio" || field.type === "checkbox" ? "change" : "blur", function () {
      if (field.type === "file" || field.getAttribute("aria-invalid")) check(field);
    });
  });

  form.addEventListener("submit", function (event) {
    var seen = {};
    var problems = [];
    fields.forEach(function (field) {
      if (field.type === "radio" && seen[field.name]) return;
      seen[field.name] = true;
      var problem = check(field);
      if (problem) problems.push({ field: field, text: labelOf(field) + ": " + problem });
    });
    if (!problems.length) { summary.hidden = true; return; }
    event.preventDefault();
    summary.textContent = "";
    var heading = document.createElement("p");
    heading.textContent = problems.length === 1 ? "One answer needs your attention:" : problems.length + " answers need your attention:";
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.textContent = p.text;
      list.appendChild(item);
    });
    summary.appendChild(heading);
    summary.appendChild(list);
    summary.hidden = false;
    problems[0].field.focus();
  });
})();
