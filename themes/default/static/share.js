/* careersite posting page: "Copy link". Without JavaScript the link stands selectable in its field;
   with it, a button copies it (the Clipboard API where the page may use it, else the field selected
   for copying). Its own small file: a posting page needs none of the listing's script. */
(function (script) {
  "use strict";
  // the words, in the page's language, from data-words (messages.py: script_words)
  var words = JSON.parse((script && script.getAttribute("data-words")) || "{}");
  function say(key) { return words[key] || key; }

  var button = document.querySelector("[data-copy-link]");
  var field = document.querySelector("[data-share-url]");
  var status = document.querySelector("[data-copy-status]");
  if (!button || !field) return;
  button.hidden = false;
  field.addEventListener("focus", function () { field.select(); });
  function said(text) { if (status) status.textContent = text; }
  button.addEventListener("click", function () {
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { said(say("copied")); },
        function () { said(say("copyByHand")); });
    } else {
      said(say("copyByHand"));
    }
  });
})(document.currentScript);
