/* careersite application form: messages beside the fields instead of the browser's bubbles, a
   summary that takes focus, and the file size checked before a long upload fails. Without this
   script the browser's own checks (required, type, accept) still run and the form still posts. */
(function (script) {
  "use strict";
  // The words, in the page's language, from the script's data-words attribute (as listing.js's)
  var given = JSON.parse((script && script.getAttribute("data-words")) || "{}");
  var language = document.documentElement.lang || "en";
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;
  function say(key, values) {
    var message = given[key] || key;
    if (typeof message !== "string") {
      var n = values ? values.num : 0;
      message = message[rules ? rules.select(n) : n === 1 ? "one" : "other"] || message.other;
    }
    return message.replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? String(values[name]) : all; });
  }
  var form = document.querySelector("form[data-apply-form]");
  if (!form) return;
  var summary = document.getElementById("form-problems");
  form.noValidate = true;

  function labelOf(field) {
    var group = field.closest("[data-field-group]");
    var label = group ? group.querySelector("legend") : form.querySelector("label[for='" + field.id + "']") || field.closest("label");
    var text = label ? label.textContent : field.name;
    return text.replace(say("required"), "").trim();
  }

  function megabytes(bytes) { return (Math.round(bytes / 104857.6) / 10).toLocaleString(language); }

  function problemOf(field) {
    var limit = Number(field.getAttribute("data-max-bytes") || 0);
    if (field.type === "file" && limit && field.files && field.files[0] && field.files[0].size > limit) {
      return say("tooBig", { size: megabytes(field.files[0].size), limit: megabytes(limit) });
    }
    var v = field.validity;
    if (v.valid) return "";
    if (v.valueMissing) {
      if (field.type === "radio") return say("chooseOne");
      if (field.type === "checkbox") return say("tick");
      if (field.type === "file") return say("chooseFile");
      return say("fillIn");
    }
    if (v.typeMismatch && field.type === "email") return say("email");
    if (v.typeMismatch && field.type === "url") return say("url");
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
      if (problem) problems.push({ field: field, text: say("problem", { label: labelOf(field), problem: problem }) });
    });
    if (!problems.length) { summary.hidden = true; return; }
    event.preventDefault();
    summary.textContent = "";
    var heading = document.createElement("p");
    heading.textContent = say("summary", { num: problems.length });
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
})(document.currentScript);
