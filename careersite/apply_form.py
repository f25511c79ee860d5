"""The application form of a posting with `apply: form`: its fields, as the theme renders them and as
Netlify Forms takes them (detected at deploy time in the built HTML: a `name`, `data-netlify`, a
honeypot, multipart for the CV), and as `careersite serve` accepts them.

One form per posting (`apply-<slug>`): each posting asks its own questions, and Netlify keeps a
form's fields as the deployed HTML declares them. Hidden fields carry the posting's id, title and
URL, so a submission says which role it is for wherever it is read (Netlify's list, its e-mail
notification, an export)."""

from __future__ import annotations

from dataclasses import dataclass

from .config import SiteConfig
from .messages import ENGLISH, Messages, N_
from .posting import Posting

FORM_ACTION = "/applied/"  # the thank-you page of the default language, where Netlify sends a candidate after a submission
HONEYPOT = "bot-field"
# the names of the form's own fields (apply_form() below, with the hidden ones): a question may not take one
FORM_FIELD_NAMES = ("form-name", HONEYPOT, "job-id", "job-title", "job-url", "subject", "name", "email", "phone",
                    "cv", "cover-letter", "linkedin", "portfolio", "consent")
# What a CV may be: by extension for the file picker and `serve`, by media type for browsers that filter by it
CV_EXTENSIONS = (".pdf", ".doc", ".docx")
CV_ACCEPT = ",".join(CV_EXTENSIONS + (
    "application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
MB = 1024 * 1024

# The answers of a yes/no question: the English word is what is submitted, in every language
YES_NO = (N_("Yes"), N_("No"))
# The voluntary US self-identification questions (EEO-1 categories, the wording of the OFCCP forms
# in short), each with a way not to answer. The English answer is what is submitted, in every language.
DECLINE = N_("I don't wish to answer")
SELF_IDENTIFICATION = (
    ("eeo-gender", N_("Gender"), (N_("Woman"), N_("Man"), N_("Non-binary"), DECLINE)),
    ("eeo-race", N_("Race or ethnicity"), (
        N_("Hispanic or Latino"), N_("White"), N_("Black or African American"), N_("Native Hawaiian or Other Pacific Islander"),
        N_("Asian"), N_("American Indian or Alaska Native"), N_("Two or more races"), DECLINE)),
    ("eeo-veteran", N_("Veteran status"), (N_("I am a protected veteran"), N_("I am not a protected veteran"), DECLINE)),
    ("eeo-disability", N_("Disability"), (
        N_("Yes, I have a disability (or previously had one)"), N_("No, I don't have a disability"), DECLINE)),
)


def thanks_path(prefix: str = "") -> str:
    """The thank-you page of a language (`prefix`: '' for the default, '/de'), the action of its
    postings' forms: Netlify shows it after a submission, in the language the candidate applied in."""
    return f"{prefix}{FORM_ACTION}"


def thanks_page(prefix: str = "") -> str:
    """The file of a language's thank-you page: applied/index.html, de/applied/index.html."""
    return thanks_path(prefix).lstrip("/") + "index.html"


@dataclass(frozen=True)
class FormField:
    """One field as the theme renders it. `kind`: text, email, tel, url, textarea, file, yes_no,
    choice (radio buttons, a list when long) or consent (the one required checkbox)."""

    name: str
    label: str
    kind: str
    required: bool = False
    hint: str = ""  # shown under the label and read with the field (aria-describedby)
    choices: tuple[tuple[str, str], ...] = ()  # (value submitted, label shown)
    autocomplete: str = ""

    @property
    def id(self) -> str:
        return f"field-{self.name}"

    @property
    def grouped(self) -> bool:
        """Radio buttons: a fieldset whose legend is the label."""
        return self.kind == "yes_no" or self.kind == "choice" and len(self.choices) <= 6


@dataclass(frozen=True)
class ApplyForm:
    name: str
    action: str
    hidden: tuple[tuple[str, str], ...]  # (name, value): the posting's id, title and URL, the e-mail subject
    about: tuple[FormField, ...]  # the candidate: name, e-mail, phone, CV, cover letter, links
    questions: tuple[FormField, ...]  # the posting's own
    self_identification: tuple[FormField, ...]  # voluntary, when the site asks
    consent: FormField
    max_file_bytes: int
    privacy_notice: str
    retention: str

    @property
    def fields(self) -> tuple[FormField, ...]:
        return self.about + self.questions + self.self_identification + (self.consent,)


def form_name(posting: Posting) -> str:
    return f"apply-{posting.slug}"


def file_hint(max_mb: int, words: Messages = ENGLISH) -> str:
    return words.gettext(N_("PDF, DOC or DOCX, up to %(size)s MB.")) % {"size": max_mb}


def apply_form(posting: Posting, config: SiteConfig, words: Messages = ENGLISH, privacy_notice: str = "") -> ApplyForm:
    """The form on `posting`'s page (which has `apply: form`), its words in the page's language
    (`words`) and its action that language's thank-you page (/de/applied/ for a German posting).

    What a recruiter compares stays the same in every language: the field names, and the value a
    choice the form itself offers submits (a yes/no question's Yes or No, a self-identification
    answer) is its English text while its label is translated, so submissions in German and in
    English list the same answers. A posting's own questions and choices are its author's words, in
    the posting's language; `[apply] retention` ("12 months") is the site's, translated by its
    own catalog (locales/de.po) like its title; `privacy_notice`: the page's language's version of
    `[apply] privacy_notice` (/de/privacy/), when the site has one. The hidden fields (the role, the e-mail subject
    "Application: ...") are for the recruiter and stay as they are."""
    options = config.apply
    _ = words.gettext
    files = file_hint(options.max_file_mb, words)
    about = (
        FormField("name", _(N_("Full name")), "text", True, autocomplete="name"),
        FormField("email", _(N_("E-mail")), "email", True, autocomplete="email"),
        FormField("phone", _(N_("Phone")), "tel", autocomplete="tel"),
        FormField("cv", _(N_("CV or résumé")), "file", True, hint=files),
        FormField("cover-letter", _(N_("Cover letter")), "textarea", hint=_(N_("A few lines on why this role, if you like."))),
        FormField("linkedin", _(N_("LinkedIn profile")), "url", hint=_(N_("An address such as https://www.linkedin.com/in/your-name")),
                  autocomplete="url"),
        FormField("portfolio", _(N_("Portfolio or website")), "url", autocomplete="url"),
    )
    kinds = {"short_text": "text", "long_text": "textarea", "yes_no": "yes_no", "choice": "choice", "file": "file"}
    questions = tuple(
        FormField(f"q-{q.name}", q.label, kinds[q.kind], q.required,
                  hint=" ".join(filter(None, (q.help, files if q.kind == "file" else ""))),
                  choices=translated(YES_NO, words) if q.kind == "yes_no" else tuple((c, c) for c in q.choices))
        for q in posting.questions)
    self_id = tuple(FormField(name, _(label), "choice", choices=translated(choices, words)) for name, label, choices in SELF_IDENTIFICATION) \
        if options.self_identification else ()
    said = {"company": config.company.name, "retention": words.site_text(options.retention)}
    consent = FormField("consent", (_(N_("I agree that %(company)s keeps my application for %(retention)s to consider me for this role."))
                                    if options.retention else
                                    _(N_("I agree that %(company)s keeps my application to consider me for this role."))) % said,
                        "consent", True)
    hidden = (("job-id", posting.id or posting.slug), ("job-title", posting.title), ("job-url", config.absolute(posting.url)),
              ("subject", f"Application: {posting.title}" + (f" ({posting.id})" if posting.id else "")))
    action = thanks_path(f"/{posting.language}" if posting.language else "")
    return ApplyForm(form_name(posting), action, hidden, about, questions, self_id, consent,
                     options.max_file_mb * MB, privacy_notice or options.privacy_notice, options.retention)


def translated(answers: tuple[str, ...], words: Messages) -> tuple[tuple[str, str], ...]:
    """(value, label) of answers the form itself offers: the English answer submitted, shown in `words`' language."""
    return tuple((answer, words.gettext(answer)) for answer in answers)
